"""Spiders of the council-audit crawler."""
