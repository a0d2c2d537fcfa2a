"""Checks of the page as a whole: title and language."""
