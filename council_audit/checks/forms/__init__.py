"""Form checks: labels, groups, hints and how required fields are marked."""
