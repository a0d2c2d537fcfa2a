"""Content that moves, blinks or plays by itself for more than 5 seconds (WCAG 2.2.2)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="moving-content",
    title="Moving content can be paused",
    group="visual",
    impact="serious",
    wcag=("2.2.2",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/pause-stop-hide.html",
    how_to_fix=(
        "Stop animations within 5 seconds, or give them a visible pause button. Also wrap "
        "animation in @media (prefers-reduced-motion: no-preference) so that people who ask "
        "their device for less motion get none. Give autoplaying video controls."
    ),
    description=(
        "Movement draws the eye away from the text, which stops people with attention "
        "difficulties or dyslexia from reading, and can make some people feel ill. Looks at "
        "the animations running when the page has loaded (CSS animations and transitions "
        "and script animations). It fails an endless animation of a box of 4,000 px² or "
        "more when the page has no prefers-reduced-motion rule and no pause or stop button "
        "and the box is not a loading placeholder (aria-busy, progressbar, a spinner, "
        "skeleton or loading class). Other endless or longer-than-5-second animations, "
        "<blink> elements and autoplaying video without controls need review. <marquee> "
        "is left to axe-core's marquee rule. Carousels moved by script timers cannot be "
        "seen this way."
    ),
    facts=("visual_motion",),
)
LARGE = 4000  # px², a box of about 64 by 64: more than a loading spinner or a dot


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("visual_motion")
    if found is None:
        return
    reduced = bool(found.get("reduced_motion_rule"))
    controls = bool(found.get("pause_controls"))
    outcomes = [
        *(_animation(a, reduced, controls) for a in items(found, "animations")),
        *(_blink(b) for b in items(found, "blink")),
        *(_video(v) for v in items(found, "videos") if not v.get("controls")),
    ]
    yield from outcomes or [Outcome("pass")]


def _animation(anim: dict[str, Any], reduced: bool, controls: bool) -> Outcome:
    infinite = bool(anim.get("infinite"))
    area = (anim.get("width") or 0) * (anim.get("height") or 0)
    name = anim.get("name") or anim.get("kind", "animation")
    lasting = (
        "runs without end" if infinite else f"runs for {anim.get('duration_ms', 0) / 1000:g} s"
    )
    loading = bool(anim.get("loading"))
    certain = infinite and area >= LARGE and not (reduced or controls or loading)
    if certain:
        message = (
            f"The animation '{name}' {lasting}; the page has no pause control and no "
            "prefers-reduced-motion rule."
        )
    else:
        message = f"The animation '{name}' {lasting}: check that people can pause or stop it."
    return Outcome(
        "fail" if certain else "review",
        anim.get("selector", "html"),
        anim.get("snippet", ""),
        message,
        key=f"{anim.get('pseudo', '')}{name}",
        extras={k: anim.get(k) for k in ("kind", "name", "infinite", "duration_ms", "properties")}
        | {"reduced_motion_rule": reduced, "pause_control": controls},
    )


def _blink(item: dict[str, Any]) -> Outcome:
    message = "A <blink> element: current browsers do not blink it, but remove it."
    return Outcome("review", item.get("selector", "html"), item.get("snippet", ""), message)


def _video(video: dict[str, Any]) -> Outcome:
    message = "A video plays by itself with no controls to pause it."
    extras = {k: video.get(k) for k in ("loop", "muted", "duration")}
    return Outcome(
        "review", video.get("selector", "html"), video.get("snippet", ""), message, extras=extras
    )
