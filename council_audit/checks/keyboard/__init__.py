"""Checks that everything can be reached and used with a keyboard alone."""
