"""Helpers shared by checks: the page view, text extraction and readability."""
