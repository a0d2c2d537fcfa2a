"""Encryption does not stop assistive technology reading the PDF."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.documents.view import DocumentView

META = CheckMeta(
    id="pdf-encryption",
    title="Encryption lets assistive technology read the PDF",
    group="documents",
    impact="critical",
    wcag=("1.3.1", "4.1.2"),
    help_url="https://www.w3.org/WAI/WCAG22/Techniques/pdf/PDF9",
    how_to_fix=(
        "Publish the PDF without encryption, or allow 'content copying for accessibility' "
        "(and never require a password to open a public document)."
    ),
    description=(
        "Flags a PDF whose security settings forbid text extraction for accessibility, or "
        "that needs a password to open: screen readers cannot read it."
    ),
)


def evaluate(doc: DocumentView) -> Iterator[Outcome]:
    f = doc.facts
    if doc.kind != "pdf" or not f.get("encrypted"):
        if doc.is_pdf:
            yield Outcome("pass", "/Encrypt")
        return
    if "error" in f:
        yield Outcome("fail", "/Encrypt", "", "The PDF needs a password to open.")
    elif not f.get("accessibility_allowed", True):
        yield Outcome(
            "fail",
            "/Encrypt",
            "accessibility extraction not allowed",
            "The PDF's encryption forbids assistive technology from reading its text.",
        )
    else:
        yield Outcome("pass", "/Encrypt")
