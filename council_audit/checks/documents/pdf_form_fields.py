"""PDF form fields have names assistive technology can announce."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.documents.view import DocumentView

META = CheckMeta(
    id="pdf-form-fields",
    title="PDF form fields have accessible names",
    group="documents",
    impact="serious",
    wcag=("1.3.1", "4.1.2"),
    help_url="https://www.w3.org/WAI/WCAG22/Techniques/pdf/PDF12",
    how_to_fix=(
        "Give every field a tooltip (/TU), which screen readers announce, or better, make "
        "the form an online form."
    ),
    description=(
        "Forms in PDFs are hard to fill in with assistive technology. Flags form fields "
        "without a name for assistive technology (no /TU tooltip), for review."
    ),
)


def evaluate(doc: DocumentView) -> Iterator[Outcome]:
    if not doc.is_pdf or not doc.facts.get("form_fields"):
        return
    unnamed = doc.facts.get("unnamed_form_fields", 0)
    total = doc.facts["form_fields"]
    if unnamed:
        yield Outcome(
            "review",
            "/Root/AcroForm",
            f"{unnamed} of {total} fields without /TU",
            f"{unnamed} of the PDF's {total} form fields have no name for assistive technology.",
        )
    else:
        yield Outcome("pass", "/Root/AcroForm")
