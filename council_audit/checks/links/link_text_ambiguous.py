"""Links with the same text go to the same place (WCAG 2.4.4, needs review)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.links import Link, destination, normalise_name, page_links
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.checks.standards.link_text import NON_DESCRIPTIVE

META = CheckMeta(
    id="link-text-ambiguous",
    title="Links with the same text go to the same place",
    group="links",
    impact="moderate",
    wcag=("2.4.4",),
    guidance="GOV.UK style guide: links",
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/link-purpose-in-context.html",
    how_to_fix=(
        "Give links to different places different text, e.g. 'Apply for a blue badge' and "
        "'Apply for a bus pass' rather than two links called 'Apply'."
    ),
    description=(
        "In a list of links, two links with the same text look like the same link. Flags "
        "the same accessible name used for web links to different addresses on one page "
        "(addresses compared without fragment or trailing slash). Names that say nothing "
        "at all ('read more') are left to link-text-descriptive. Surrounding text may make "
        "the purpose clear, so this asks for review."
    ),
    facts=("links",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    links = page_links(page)
    if links is None:
        return
    groups: dict[str, list[Link]] = {}
    for link in links:
        name = normalise_name(link.name)
        if name and name not in NON_DESCRIPTIVE and link.is_web:
            groups.setdefault(name, []).append(link)
    for name, group in groups.items():
        first = destination(group[0].href)
        others = [link for link in group if destination(link.href) != first]
        if not others:
            continue
        places = sorted({destination(link.href) for link in group})
        message = (
            f"{len(group)} links called '{group[0].name}' go to {len(places)} different "
            f"places: {', '.join(places[:3])}{'…' if len(places) > 3 else ''}."
        )
        extras = {"links": len(group), "destinations": places[:10]}
        yield Outcome("review", others[0].selector, others[0].snippet, message, name, extras)
