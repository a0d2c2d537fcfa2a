"""Links that open a new tab or window say so (WCAG 3.2.5, technique G201)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.links import page_links
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.checks.standards.link_text import NEW_WINDOW

META = CheckMeta(
    id="link-new-window",
    title="Links that open a new tab say so",
    group="links",
    impact="minor",
    wcag=("3.2.5",),
    guidance="WCAG technique G201: give users advanced warning when opening a new window",
    help_url="https://www.w3.org/WAI/WCAG22/Techniques/general/G201",
    how_to_fix=(
        "Open links in the same tab where you can. If a link must open a new tab, say so in "
        "the link text, e.g. 'Report a pothole (opens in new tab)'."
    ),
    description=(
        "A new tab takes people away from where they were without telling them, and the "
        "back button no longer works; screen reader and magnifier users may not notice. "
        "Flags visible links with a target other than _self/_parent/_top (including one "
        "set by <base target>) or an onclick that calls window.open, whose accessible name "
        "or description does not mention a new tab or window. WCAG 3.2.5 is level AAA, so "
        "this asks for review."
    ),
    facts=("links",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    links = page_links(page)
    if links is None:
        return
    for link in links:
        if not link.opens_new_window:
            continue
        if NEW_WINDOW.search(f"{link.name} {link.description}"):
            yield Outcome("pass", link.selector, link.snippet)
            continue
        how = f'target="{link.target}"' if link.target else "window.open"
        message = f"The link '{link.name}' opens a new tab or window ({how}) without saying so."
        yield Outcome("review", link.selector, link.snippet, message)
