"""The PDF states its language."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.documents.view import DocumentView

META = CheckMeta(
    id="pdf-language",
    title="The PDF states its language",
    group="documents",
    impact="serious",
    wcag=("3.1.1",),
    help_url="https://www.w3.org/WAI/WCAG22/Techniques/pdf/PDF16",
    how_to_fix="Set the document language (in Acrobat: File > Properties > Advanced > Language).",
    description=(
        "Without a language (/Lang in the document catalog), screen readers may read the "
        "text with the wrong voice and pronunciation."
    ),
)


def evaluate(doc: DocumentView) -> Iterator[Outcome]:
    if not doc.is_pdf:
        return
    lang = doc.facts.get("lang")
    if lang:
        yield Outcome("pass", "/Root/Lang", lang)
    else:
        yield Outcome("fail", "/Root/Lang", "", "The PDF does not state its language (/Lang).")
