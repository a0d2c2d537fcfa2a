"""The built-in check pack, registered through the ``council_audit.checks`` entry point
exactly as an outside pack would be."""

from council_audit.checks.language import document_language, reading_age
from council_audit.checks.page import title
from council_audit.checks.registry import Check

MODULES = (title, document_language, reading_age)
CHECKS: list[Check] = [Check.from_module(m) for m in MODULES]
