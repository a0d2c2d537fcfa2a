"""Checks of accessible names and ARIA: what assistive technology is told about controls."""
