"""Content reflows into a 320 CSS px wide window without sideways scrolling (WCAG 1.4.10)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from council_audit.checks.common.dom import element_at
from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items
from council_audit.checks.registry import CheckMeta, Outcome, Status

META = CheckMeta(
    id="reflow",
    title="Page fits a narrow screen without sideways scrolling",
    group="inclusion",
    impact="serious",
    wcag=("1.4.10",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/reflow.html",
    how_to_fix=(
        "Use a responsive layout: no fixed widths wider than the screen (use max-width: "
        "100%), let long words and URLs wrap (overflow-wrap: anywhere), and put wide tables "
        "in a container that scrolls on its own (overflow-x: auto)."
    ),
    description=(
        "People who zoom to 400% (low vision) and people on small phones see the page 320 "
        "CSS px wide; if they must scroll sideways to read each line, reading is very slow. "
        "Renders the page 320 px wide and fails it when it scrolls sideways, naming the "
        "outermost boxes that stick out past the right edge, or the elements whose text does "
        "not wrap (long words, email addresses, links). Content that needs two "
        "dimensions (tables, maps, images, code, video) is allowed to, so a page where only "
        "such boxes stick out needs review (and passes when they are all data tables with "
        "header cells), as does a page that hides the overflow (text may be cut off)."
    ),
    facts=("inclusion_reflow_320",),
    reads_styles=True,
)
TWO_D = frozenset({"table", "pre", "code", "img", "svg", "canvas", "video", "iframe", "map"})
TWO_D |= {"object", "embed", "math", "picture"}


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("inclusion_reflow_320")
    if found is None:
        return
    boxes = items(found, "offenders")
    extras = {k: found.get(k) for k in ("scroll_width", "viewport_width", "offenders_count")}
    if found.get("scrolls"):
        if not boxes:
            yield _page(found, extras)
            return
        boxes = [b for b in boxes if not _data_table(page, b)]
        if not boxes:  # only data tables stick out: 1.4.10 lets them scroll
            yield Outcome("pass", extras=extras)
            return
        # content that needs two dimensions (tables, maps, images...) may scroll: a
        # review; anything else that sticks out fails
        for box in boxes:
            status: Status = "review" if _two_d(box) else "fail"
            yield from _boxes([box], status, found, extras)
    elif found.get("overflow_hidden") and any(b.get("text") for b in boxes):
        cut = [b for b in boxes if b.get("text")]
        yield from _boxes(cut, "review", found, extras, cut_off=True)
    else:
        yield Outcome("pass", extras=extras)


# "map" as a word or a word's part in an id or class: map, location-map, mapDiv_root,
# esriMapContainer; not sitemap, site-map or mapping.
_MAP = re.compile(
    r"""\b(?i:id|class)\s*=\s*["'][^"']*?(?<![Ss]ite[-_])(?:(?<![A-Za-z])[Mm]ap|(?<=[a-z])Map)(?![a-z])"""
)


def _two_d(box: dict[str, Any]) -> bool:
    """Content that needs two dimensions: by its tag, or a box named as a map."""
    opening = str(box.get("snippet", "")).split(">", 1)[0]
    return box.get("tag") in TWO_D or bool(_MAP.search(opening))


def _data_table(page: PageView, box: dict[str, Any]) -> bool:
    """A table with header cells: two-dimensional data, which may scroll sideways."""
    if box.get("tag") != "table":
        return False
    el = element_at(page, str(box.get("selector", "")))
    return el is not None and bool(el.xpath(".//th"))


def _page(found: dict[str, Any], extras: dict[str, Any]) -> Outcome:
    message = (
        f"At 320 px wide the page is {found.get('scroll_width')} px wide and scrolls sideways."
    )
    return Outcome("fail", "html", "", message, extras=extras)


def _boxes(
    boxes: list[dict[str, Any]],
    status: Status,
    found: dict[str, Any],
    extras: dict[str, Any],
    cut_off: bool = False,
) -> Iterator[Outcome]:
    for box in boxes:
        tail = (
            "and the page hides the overflow, so it may be cut off."
            if cut_off
            else f"so the page is {found.get('scroll_width')} px wide and scrolls sideways."
        )
        what = (
            f"text in this {box.get('tag')} does not wrap and runs to"
            if box.get("kind") == "text"
            else f"this {box.get('tag')} reaches"
        )
        message = f"At 320 px wide {what} {box.get('right')} px, {tail}"
        yield Outcome(
            status,
            box.get("selector", "html"),
            box.get("snippet", ""),
            message,
            extras=extras | {"right": box.get("right")},
        )
