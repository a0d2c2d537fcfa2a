"""Frames that share an accessible name show the same thing (WCAG 4.1.2)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.frames import Frame, named_groups, same_content
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="frame-name-unique",
    title="Frames with the same name show the same thing",
    group="structure",
    impact="serious",
    wcag=("4.1.2",),
    help_url="https://www.w3.org/WAI/standards-guidelines/act/rules/4b1c6c/",
    how_to_fix=(
        'Give each frame a name that says what it shows, e.g. aria-label="Map of recycling '
        'centres" and aria-label="Map of libraries" rather than "Map" twice.'
    ),
    description=(
        "Screen reader users pick frames from a list by name. Frames named alike by "
        "aria-label or aria-labelledby (case and spacing ignored) are asked for review when "
        "they show different pages, or pages the browser could not compare (another site). "
        "Frames named by their title attribute alone are left to axe-core's "
        "frame-title-unique, whose reviews are dropped when the frames show the same page."
    ),
    facts=("frames",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    fact = page.fact("frames")
    if fact is None:
        return
    for group in named_groups(fact.get("frames") or ()).values():
        if all(f.get("source") == "title" for f in group):
            continue  # axe-core's frame-title-unique reports these
        yield from _outcomes(group)


def _outcomes(group: list[Frame]) -> Iterator[Outcome]:
    if same_content(group):
        for frame in group:
            yield Outcome("pass", frame["selector"], frame.get("snippet", ""))
        return
    unknown = any(not (f.get("url") or f.get("digest")) for f in group)
    why = (
        "some of them show pages from another site that could not be compared"
        if unknown
        else "they show different content"
    )
    message = (
        f"{len(group)} frames are named '{group[0]['name']}' but {why}: screen reader "
        "users cannot tell them apart by name."
    )
    for frame in group:
        yield Outcome("review", frame["selector"], frame.get("snippet", ""), message)
