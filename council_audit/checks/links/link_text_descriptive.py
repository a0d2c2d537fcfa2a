"""Link text says where the link goes (WCAG 2.4.4)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.links import normalise_name, page_links
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.checks.standards.link_text import NON_DESCRIPTIVE

META = CheckMeta(
    id="link-text-descriptive",
    title="Link text says where the link goes",
    group="links",
    impact="moderate",
    wcag=("2.4.4",),
    guidance="GOV.UK style guide: links",
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/link-purpose-in-context.html",
    how_to_fix=(
        "Write link text that makes sense on its own, e.g. 'Pay your council tax' rather "
        "than 'Click here'. If the visible text must stay short, add the rest in "
        "visually hidden text inside the link."
    ),
    description=(
        "Screen reader users often move from link to link or list the links on a page; "
        "'click here' or 'read more' tells them nothing. Fails links whose accessible "
        "name (from aria-labelledby, aria-label, the text and image alt text, or title) "
        "is only such a phrase. Hidden links are not checked."
    ),
    facts=("links",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    links = page_links(page)
    if links is None:
        return
    for link in links:
        if normalise_name(link.name) in NON_DESCRIPTIVE:
            message = f"The link text '{link.name}' does not say where the link goes ({link.href})."
            yield Outcome("fail", link.selector, link.snippet, message)
