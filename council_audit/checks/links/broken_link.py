"""Links work: no links to local files or malformed addresses on the page, and (found
after the crawl, from the ``links`` table) no in-site links to pages that fail."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="broken-link",
    title="Links work",
    group="links",
    impact="moderate",
    guidance="GOV.UK content design: links (no broken links)",
    help_url="https://www.gov.uk/guidance/content-design/links",
    how_to_fix=(
        "Fix or remove links that lead to missing pages or to files on someone's own "
        "computer or network drive; redirect old addresses to the page that replaced them."
    ),
    description=(
        "A link that goes nowhere wastes people's time and can stop them finishing a task. "
        "On each page: fails links to local files (file:, C:\\, \\\\server) and web "
        "addresses with no host. After the crawl, from the links table: fails in-site "
        "links whose target was crawled in the same run and answered with an HTTP error "
        "(400 or above) or could not be reached. Links to pages the crawl did not reach "
        "are not judged."
    ),
)

LOCAL = re.compile(r"^(?:file:|[a-z]:[\\/]|\\\\)", re.IGNORECASE)
NO_HOST = re.compile(r"^https?://(?:[/?#]|$)", re.IGNORECASE)


def evaluate(page: PageView) -> Iterator[Outcome]:
    for el in page.tree.iter("a", "area"):
        href = (el.get("href") or "").strip()
        problem = _problem(href)
        if problem:
            snippet = lxml.html.tostring(el, encoding="unicode", with_tail=False)[:300]
            yield Outcome("fail", page.selector_for(el), snippet, f"{problem}: {href[:200]}")


def _problem(href: str) -> str | None:
    if LOCAL.match(href):
        return "The link points to a file on a local computer or network drive"
    if NO_HOST.match(href):
        return "The link's web address has no host"
    return None
