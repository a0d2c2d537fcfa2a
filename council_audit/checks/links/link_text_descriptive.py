"""Link text says where the link goes (WCAG 2.4.4, 2.4.9)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.dom import element_at
from council_audit.checks.common.link_context import has_context, heading_before
from council_audit.checks.common.links import normalise_name, page_links
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.checks.standards.link_text import NON_DESCRIPTIVE

META = CheckMeta(
    id="link-text-descriptive",
    title="Link text says where the link goes",
    group="links",
    impact="moderate",
    wcag=("2.4.4", "2.4.9"),
    guidance="GOV.UK style guide: links",
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/link-purpose-in-context.html",
    how_to_fix=(
        "Write link text that makes sense on its own, e.g. 'Pay your council tax' rather "
        "than 'Click here'. If the visible text must stay short, add the rest in "
        "visually hidden text inside the link."
    ),
    description=(
        "Screen reader users often move from link to link or list the links on a page; "
        "'click here' or 'read more' tells them nothing. Looks at links whose accessible "
        "name (from aria-labelledby, aria-label, the text and image alt text, or title) "
        "is only such a phrase. WCAG 2.4.4 lets a link's programmatically determined "
        "context say what it is for: the other text of its sentence, paragraph, list item "
        "or table cell (with its header), the item a nested list hangs from, a "
        "description (aria-describedby), or the heading before it. A link with any of "
        "these meets 2.4.4 as far as a check can tell (on real council pages the context "
        "said enough in most cases) and is reported against 2.4.9, Link Purpose (Link "
        "Only), AAA, as advice; a link with none of them fails 2.4.4. Hidden links are "
        "not checked."
    ),
    facts=("links",),
)

AAA_ONLY = ("2.4.9",)  # in context, the link may meet 2.4.4; alone it fails 2.4.9


def evaluate(page: PageView) -> Iterator[Outcome]:
    links = page_links(page)
    if links is None:
        return
    for link in links:
        if normalise_name(link.name) not in NON_DESCRIPTIVE:
            continue
        message = f"The link text '{link.name}' does not say where the link goes ({link.href})."
        el = element_at(page, link.selector)
        heading = heading_before(el) if el is not None else ""
        if link.description or (el is not None and has_context(page, el)):
            around = "the text around it"
        elif heading:
            around = f"the heading before it ('{heading[:80]}')"
        else:
            message += " Nothing around it says so either: no text beside it, no heading before it."
            yield Outcome("fail", link.selector, link.snippet, message)
            continue
        message += (
            f" People who read {around} may know (WCAG 2.4.4 allows that), but the link "
            "alone says nothing in a list of links (2.4.9, AAA)."
        )
        yield Outcome("review", link.selector, link.snippet, message, wcag=AAA_ONLY)
