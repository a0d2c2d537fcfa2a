"""The page has a title that says what the page is (WCAG 2.4.2)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="page-title",
    title="Page title says what the page is",
    group="page",
    impact="serious",
    wcag=("2.4.2",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/page-titled.html",
    how_to_fix=(
        "Give every page a unique <title> that starts with what the page is about and ends "
        "with the council's name, e.g. 'Bin collections – Anytown Council'."
    ),
    description=(
        "Screen reader users hear the title first and use it to tell tabs and search results "
        "apart. Flags a missing or empty title, and titles that say nothing about the page."
    ),
)

GENERIC = frozenset(
    """home homepage page untitled welcome index default document test title""".split()
) | {"untitled document", "new page", "page title", "home page", "new tab"}
TOO_SHORT = 3


def evaluate(page: PageView) -> Iterator[Outcome]:
    if not page.is_html:
        return  # SVG or other XML: no <title> or <html lang> to ask for
    title = page.title
    if title is None:
        yield Outcome("fail", message="The page has no <title> element.")
        return
    snippet = f"<title>{title}</title>"
    cleaned = " ".join(title.split()).strip(" -–|:").lower()
    if not cleaned:
        yield Outcome("fail", "title", snippet, "The page title is empty.")
    elif cleaned in GENERIC:
        yield Outcome(
            "fail", "title", snippet, f"The page title '{title}' does not say what the page is."
        )
    elif len(cleaned) < TOO_SHORT:
        yield Outcome("review", "title", snippet, f"The page title '{title}' is very short.")
    else:
        yield Outcome("pass", "title", snippet)
