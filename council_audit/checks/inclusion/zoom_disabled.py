"""Pinch zoom switched off by CSS touch-action, or by a viewport value browsers read as
"no zoom" (WCAG 1.4.4)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items
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
        "meta-viewport rule fails it, and meta-viewport-large flags a maximum-scale under 5. "
        "What axe-core misses is failed: a user-scalable or maximum-scale value that is not "
        "a number or a known keyword (user-scalable=false, maximum-scale=yes...), which "
        "browsers read, as the CSS viewport specification says, as 'no zoom' or a maximum "
        "scale of 1 or less."
    ),
    facts=("inclusion_zoom",),
)
ALLOWS_PINCH = ("auto", "manipulation", "pinch-zoom")
# Viewport values with a meaning of their own; anything else that is not a number is read
# as 0 (user-scalable: no zoom; maximum-scale: the smallest scale).
KEYWORDS = {"yes": 1.0, "no": 0.0, "device-width": 10.0, "device-height": 10.0}
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)")


def evaluate(page: PageView) -> Iterator[Outcome]:
    yield from _viewport(page)
    yield from _touch_action(page)


def _viewport(page: PageView) -> Iterator[Outcome]:
    """Viewport values that stop zoom although axe-core's numeric reading lets them by."""
    for meta in page.tree.xpath("//meta[translate(@name, 'VIEWPORT', 'viewport')='viewport']"):
        props = _properties(meta.get("content", ""))
        for name in ("user-scalable", "maximum-scale"):
            value = props.get(name)
            if value is None or _NUMBER.match(value):
                continue  # absent, or a number: axe-core's meta-viewport judges numbers
            scale = KEYWORDS.get(value, 0.0)
            if (name == "user-scalable" and scale == 0.0 and value != "no") or (
                name == "maximum-scale" and scale < 2
            ):
                snippet = lxml.html.tostring(meta, encoding="unicode", with_tail=False)
                message = f"<meta name=viewport> has {name}={value}, which browsers read as " + (
                    "'no zoom'." if name == "user-scalable" else f"a maximum scale of {scale:g}."
                )
                yield Outcome("fail", page.selector_for(meta), snippet, message, key=name)


def _properties(content: str) -> dict[str, str]:
    out = {}
    for part in re.split(r"[,;]", content):
        name, _, value = part.partition("=")
        if name.strip():
            out[name.strip().lower()] = value.strip().strip("'\"").lower()
    return out


def _touch_action(page: PageView) -> Iterator[Outcome]:
    found = page.fact("inclusion_zoom")
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
