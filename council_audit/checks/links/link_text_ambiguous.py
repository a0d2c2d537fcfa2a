"""Links with the same text go to the same place (WCAG 2.4.4 and 2.4.9, needs review)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.link_groups import (
    Target,
    places,
    probe_targets,
    same_name_groups,
)
from council_audit.checks.common.links import Link, destination, page_links
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="link-text-ambiguous",
    title="Links with the same text go to the same place",
    group="links",
    impact="moderate",
    wcag=("2.4.4", "2.4.9"),
    guidance="GOV.UK style guide: links",
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/link-purpose-in-context.html",
    how_to_fix=(
        "Give links to different places different text, e.g. 'Apply for a blue badge' and "
        "'Apply for a bus pass' rather than two links called 'Apply'."
    ),
    description=(
        "In a list of links, two links with the same text look like the same link. Flags "
        "the same accessible name used for web links to different addresses on one page "
        "(addresses compared without fragment or trailing slash), unless the addresses turn "
        "out to be one resource: the same final address after redirects (an immediate meta "
        "refresh counts), or the same text (whole page or main content; not for addresses "
        "that differ only in their query, which a script may read). Same-site addresses are "
        "fetched to find out (a few per page, see the link_target_fetches setting); links "
        "to other sites stay unknown. Names that say nothing at all ('read more') are left "
        "to link-text-descriptive. For 2.4.4 surrounding text may make the purpose clear; "
        "for 2.4.9 (AAA) the link text alone must, so this asks for review. A group whose "
        "addresses could not all be compared (other sites, over the fetch cap) is advice "
        "under 2.4.9 only: on real council pages most such pairs were one page under two "
        "addresses."
    ),
    facts=("links", "link_targets"),
)

LINK_ONLY = ("2.4.9",)  # the destinations were not compared: names alone, AAA


def evaluate(page: PageView) -> Iterator[Outcome]:
    links = page_links(page)
    if links is None:
        return
    targets = probe_targets(page)
    for name, group in same_name_groups(links).items():
        sets = places(group, targets or {})  # without the probe, addresses alone decide
        if len(sets) > 1:
            yield _review(name, group, sets, targets)


def _review(
    name: str, group: list[Link], sets: list[list[Link]], targets: dict[str, Target] | None
) -> Outcome:
    where = sorted({destination(link.href) for link in group})
    other = sets[1][0]
    listed = f"{', '.join(where[:3])}{'…' if len(where) > 3 else ''}"
    if len(where) != len(sets):
        listed = f"{len(where)} addresses: {listed}"
    message = (
        f"{len(group)} links called '{group[0].name}' go to {len(sets)} different "
        f"places ({listed})."
    )
    unknown = where if targets is None else [k for k in where if not targets.get(k, Target()).known]
    if targets is not None:
        message += (
            f" {len(unknown)} of these addresses could not be compared."
            if unknown
            else " Fetched, they are not the same page."
        )
    if unknown:  # two addresses may well be one page (a redirect, an alias): 2.4.9 advice
        message += (
            " Until they are compared this is advice: the names alone do not tell them apart."
        )
    extras = {
        "links": len(group),
        "destinations": where[:10],
        "places": len(sets),
        "compared": targets is not None,
    }
    criteria = LINK_ONLY if unknown else ()
    return Outcome("review", other.selector, other.snippet, message, name, extras, criteria)
