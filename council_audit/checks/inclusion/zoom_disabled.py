"""Pinch zoom switched off by CSS touch-action (WCAG 1.4.4)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import fact, items
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="zoom-disabled",
    title="People can pinch to zoom",
    group="inclusion",
    impact="serious",
    wcag=("1.4.4",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/resize-text.html",
    how_to_fix=(
        "Remove touch-action: none (or pan-x / pan-y) from html, body and the page's layout "
        "boxes; use touch-action: manipulation if you need to remove the tap delay."
    ),
    description=(
        "On phones and tablets, people with low vision pinch to zoom. Flags a computed "
        "touch-action without pinch-zoom (none, pan-x, pan-y...) on <html>, <body> or a box "
        "around the main content, which stops pinch zoom in browsers that honour it. Needs "
        "review: some browsers let people force zoom on. A <meta name=viewport> with "
        "user-scalable=no or maximum-scale under 2 is not repeated here: axe-core's "
        "meta-viewport rule fails it, and meta-viewport-large flags a maximum-scale under 5."
    ),
    facts=("inclusion_zoom",),
)
ALLOWS_PINCH = ("auto", "manipulation", "pinch-zoom")


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = fact(page, "inclusion_zoom")
    if found is None:
        return
    blocked = [
        box
        for box in items(found, "touch_action")
        if not any(word in str(box.get("value", "auto")) for word in ALLOWS_PINCH)
    ]
    if not blocked:
        yield Outcome("pass")
        return
    outer = blocked[-1]  # listed from the main content outwards
    message = (
        f"touch-action: {outer.get('value')} on <{outer.get('tag')}> stops people pinching "
        "to zoom on touch screens."
    )
    extras = {"boxes": [{k: b.get(k) for k in ("selector", "value")} for b in blocked]}
    yield Outcome(
        "review", outer.get("selector", "html"), outer.get("snippet", ""), message, extras=extras
    )
