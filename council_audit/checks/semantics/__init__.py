"""Checks that the markup tells assistive technology what the content is."""
