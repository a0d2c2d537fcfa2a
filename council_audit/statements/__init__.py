"""Accessibility statements: finding a council's statement, reading it, and checking it
against the Public Sector Bodies Accessibility Regulations 2018 and GDS's model
statement (the checks are in :mod:`council_audit.checks.statement`)."""
