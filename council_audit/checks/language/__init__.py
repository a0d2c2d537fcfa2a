"""Plain-language checks of the main content."""
