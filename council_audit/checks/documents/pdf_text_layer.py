"""The PDF has real text, not only scanned images of pages."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.documents.view import DocumentView

META = CheckMeta(
    id="pdf-text-layer",
    title="The PDF has real text, not scanned images",
    group="documents",
    impact="critical",
    wcag=("1.1.1", "1.4.5"),
    help_url="https://www.w3.org/WAI/WCAG22/Techniques/pdf/PDF7",
    how_to_fix=(
        "Publish the original document rather than a scan, or run text recognition (OCR) "
        "and check the result; better still, publish the content as an HTML page."
    ),
    description=(
        "A scanned PDF is a picture of text: screen readers find nothing to read and the "
        "text cannot be enlarged or searched. Flags a PDF whose pages are all images (an "
        "error), or some of whose pages are (for review)."
    ),
)


def evaluate(doc: DocumentView) -> Iterator[Outcome]:
    if not doc.is_pdf:
        return
    text = doc.facts.get("text_pages", 0)
    images = doc.facts.get("image_only_pages", 0)
    if images and not text:
        yield Outcome(
            "fail",
            "/Pages",
            f"{images} image-only pages",
            "The PDF has no text layer: every page is an image (a scan?), so screen "
            "readers find nothing to read.",
        )
    elif images:
        yield Outcome(
            "review",
            "/Pages",
            f"{images} image-only pages",
            f"{images} pages of the PDF are only images, with no text a screen reader can read.",
        )
    else:
        yield Outcome("pass", "/Pages")
