"""The PDF has a title, and asks readers to show it as the window title."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.documents.view import DocumentView

META = CheckMeta(
    id="pdf-title",
    title="The PDF has a title shown in the window title",
    group="documents",
    impact="moderate",
    wcag=("2.4.2",),
    help_url="https://www.w3.org/WAI/WCAG22/Techniques/pdf/PDF18",
    how_to_fix=(
        "Give the document a title in its properties, and set the initial view to show the "
        "document title (/ViewerPreferences /DisplayDocTitle true)."
    ),
    description=(
        "Screen reader users hear the window title first. Flags a PDF with no title in its "
        "metadata (an error), and one whose title is not set to be shown instead of the "
        "file name (for review)."
    ),
)


def evaluate(doc: DocumentView) -> Iterator[Outcome]:
    if not doc.is_pdf:
        return
    title = doc.facts.get("title")
    if not title:
        yield Outcome("fail", "/Info/Title", "", "The PDF has no title in its metadata.")
    elif not doc.facts.get("display_doc_title"):
        yield Outcome(
            "review",
            "/Root/ViewerPreferences/DisplayDocTitle",
            title,
            "The PDF has a title but readers will show its file name instead "
            "(/DisplayDocTitle is not true).",
        )
    else:
        yield Outcome("pass", "/Info/Title", title)
