"""Main-content headings go down one level at a time (WCAG 1.3.1)."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.dom import hidden_by_markup, outer_html, text_of
from council_audit.checks.common.headings import heading_level
from council_audit.checks.common.page import PageView, is_chrome
from council_audit.checks.registry import CheckMeta, Outcome

__all__ = ["META", "evaluate", "heading_level"]

META = CheckMeta(
    id="heading-skipped-level",
    title="Headings do not skip levels",
    group="structure",
    impact="moderate",
    guidance="W3C WAI tutorial: headings nested by rank (best practice, not a WCAG criterion)",
    help_url="https://www.w3.org/WAI/tutorials/page-structure/headings/",
    how_to_fix=(
        "Use <h2> for sections and <h3> for parts of a section, without skipping a "
        "level. Style headings with CSS rather than picking a level for its size."
    ),
    description=(
        "Headings in the main content that jump more than one level down (an h2 followed "
        "by an h4). Screen reader users move around a page by its headings, and a skipped "
        "level makes them wonder what they missed. WCAG does not require headings in "
        "sequence (1.3.1 asks only that headings be marked up as headings), so this is "
        "best-practice advice, like axe-core's heading-order. A page with no h1 is the separate "
        "page-heading-missing check."
    ),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = list(_headings(page, page.main))
    previous = _level_before_main(page) if found and found[0][1] != 1 else None
    for heading, level in found:
        selector, snippet = page.selector_for(heading), outer_html(heading)
        if previous is not None and level > previous + 1:
            skipped = ", ".join(f"h{n}" for n in range(previous + 1, level))
            message = f"An h{level} follows an h{previous}, skipping {skipped}."
            extras = {"level": level, "previous": previous}
            yield Outcome("review", selector, snippet, message, key="skip", extras=extras)
        else:
            yield Outcome("pass", selector, snippet, key="skip")
        previous = level


def _headings(
    page: PageView, root: lxml.html.HtmlElement
) -> Iterator[tuple[lxml.html.HtmlElement, int]]:
    """(element, level) of the headings with text, in document order. In a page with no
    main landmark, header, footer, navigation and banners are left out."""
    whole_body = root.tag == "body"
    for el in root.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        level = heading_level(el)
        if level is None or not text_of(el) or hidden_by_markup(el):
            continue
        if whole_body and any(is_chrome(a) for a in el.iterancestors()):
            continue
        yield el, level


def _level_before_main(page: PageView) -> int | None:
    """1 when an h1 comes before the main content (a site-wide h1 in the header), so a
    main that starts at h3 skips h2."""
    if page.main.tag == "body":
        return None
    for el in page.tree.iter():
        if el is page.main:
            return None
        if el.tag == "h1" and heading_level(el) == 1 and text_of(el) and not hidden_by_markup(el):
            return 1
    return None
