"""Registries of checks whose subject is not a page: a council's accessibility statement
(:mod:`council_audit.checks.statement`) and a document (:mod:`council_audit.checks.documents`).
They use the same :class:`~council_audit.checks.registry.CheckMeta`, outcomes and
findings as page checks, and are catalogued the same way; an outside pack adds its own
through the ``council_audit.statement_checks`` or ``council_audit.document_checks``
entry point group."""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from council_audit.checks.builtin import discover
from council_audit.checks.registry import Registry

SUBJECTS = ("statement", "document")


@cache
def registry_for(subject: str) -> Registry:
    """Built-in and installed checks of ``subject`` ("statement" or "document")."""
    if subject not in SUBJECTS:
        raise ValueError(f"no checks of subject {subject!r}")
    registry = Registry(discover(subject))
    for ep in entry_points(group=f"council_audit.{subject}_checks"):
        for check in ep.load():
            registry.register(check)
    return registry


def statement_registry() -> Registry:
    return registry_for("statement")


def document_registry() -> Registry:
    return registry_for("document")
