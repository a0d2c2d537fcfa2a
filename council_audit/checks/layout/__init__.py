"""Checks of how the page is laid out on screens of different shapes and sizes."""
