"""council-audit: an open audit crawler for digital inclusion on UK council websites."""

__version__ = "0.1.0"
