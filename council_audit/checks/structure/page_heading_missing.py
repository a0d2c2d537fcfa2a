"""A page with headings has an h1 in its main content (GOV.UK Design System)."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.dom import hidden_by_markup, start_tag, text_of
from council_audit.checks.common.headings import heading_level
from council_audit.checks.common.page import PageView, is_chrome
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="page-heading-missing",
    title="The page has an h1 heading",
    group="structure",
    impact="minor",
    guidance="GOV.UK Design System: one h1 per page",
    help_url="https://design-system.service.gov.uk/styles/headings/",
    how_to_fix=(
        "Give the page's main heading an <h1> inside <main>, saying what the page is "
        "about, and use <h2> and <h3> below it."
    ),
    description=(
        "Pages whose main content has headings but no h1. The GOV.UK Design System asks "
        "for one h1 per page, naming what the page is about, and screen reader users often "
        "jump to it first. WCAG does not require an h1, so this is asked for review and "
        "not scored against WCAG. Pages with no headings at all are not flagged here."
    ),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    levels = [level for _, level in _headings(page.main)]
    if not levels:
        return
    main = page.main
    selector, snippet = page.selector_for(main), start_tag(main)
    if 1 in levels:
        yield Outcome("pass", selector, snippet)
        return
    message = "The main content has headings but no h1 saying what the page is about."
    yield Outcome("review", selector, snippet, message)


def _headings(root: lxml.html.HtmlElement) -> Iterator[tuple[lxml.html.HtmlElement, int]]:
    """Headings with text in the main content (leaving out page chrome when the main
    content is the whole body)."""
    whole_body = root.tag == "body"
    for el in root.iterdescendants():
        level = heading_level(el)
        if level is None or not text_of(el) or hidden_by_markup(el):
            continue
        if whole_body and any(is_chrome(a) for a in el.iterancestors()):
            continue
        yield el, level
