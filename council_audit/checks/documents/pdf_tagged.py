"""The PDF is tagged, so screen readers get its structure and reading order."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.documents.view import DocumentView

META = CheckMeta(
    id="pdf-tagged",
    title="The PDF is tagged",
    group="documents",
    impact="serious",
    wcag=("1.3.1", "1.3.2"),
    help_url="https://www.w3.org/WAI/WCAG22/Techniques/pdf/PDF9",
    how_to_fix=(
        "Export the PDF with tags switched on (in Word: 'Document structure tags for "
        "accessibility'), or better, publish the content as an HTML page."
    ),
    description=(
        "An untagged PDF has no headings, lists, tables or reading order for assistive "
        "technology. Flags a PDF without a structure tree or not marked as tagged "
        "(/MarkInfo /Marked true)."
    ),
)


def evaluate(doc: DocumentView) -> Iterator[Outcome]:
    if not doc.is_pdf:
        return
    f = doc.facts
    if f.get("tagged"):
        yield Outcome("pass", "/Root/StructTreeRoot")
        return
    missing = [name for name, ok in (("/StructTreeRoot", f.get("struct_tree")),
                                     ("/MarkInfo /Marked true", f.get("marked"))) if not ok]  # fmt: skip
    yield Outcome(
        "fail",
        "/Root",
        f"missing: {', '.join(missing)}",
        "The PDF is not tagged: screen readers cannot tell its headings, lists, tables "
        "or reading order.",
    )
