"""Links to documents say the file type and size (GOV.UK content design guidance)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.links import page_links
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.checks.standards.link_text import DOCUMENT_TYPES, FILE_SIZE

META = CheckMeta(
    id="link-document-info",
    title="Links to documents say the file type and size",
    group="links",
    impact="minor",
    guidance="GOV.UK content design: links to documents say the file type and size",
    help_url="https://www.gov.uk/guidance/content-design/links",
    how_to_fix=(
        "Say what people will get before they follow the link, e.g. 'Budget book 2024 "
        "(PDF, 1.2 MB)', in the link or right next to it. Better still, publish the "
        "content as a web page."
    ),
    description=(
        "A document link that does not warn it is a PDF or a spreadsheet surprises people: "
        "it may not open with their assistive technology, or may be large on a phone "
        "contract. Flags links to .pdf, Word, Excel, OpenDocument, PowerPoint, CSV and RTF "
        "files when neither the link's accessible name and description nor the short text "
        "around it (its list item or attachment block) names the file type and size. "
        "This is GOV.UK guidance, not a WCAG success criterion: a link whose purpose is "
        "clear meets WCAG 2.4.4 whether or not it gives the file size, so its findings "
        "are advice."
    ),
    facts=("links",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    links = page_links(page)
    if links is None:
        return
    for link in links:
        words = DOCUMENT_TYPES.get(link.extension) if link.is_web else None
        if words is None:
            continue
        said = " ".join((link.name, link.description, link.context)).lower()
        missing = []
        if not any(_says(said, word) for word in words):
            missing.append("file type")
        if not FILE_SIZE.search(said):
            missing.append("file size")
        if not missing:
            yield Outcome("pass", link.selector, link.snippet)
            continue
        message = (
            f"The link '{link.name}' opens a {link.extension.upper()} file but does not say "
            f"its {' or '.join(missing)}."
        )
        extras = {"extension": link.extension, "missing": missing}
        yield Outcome("review", link.selector, link.snippet, message, extras=extras)


def _says(text: str, word: str) -> bool:
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(word, start + 1)
    return False
