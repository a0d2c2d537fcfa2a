"""Reference data used by checks: WCAG success criteria, language codes, word lists."""
