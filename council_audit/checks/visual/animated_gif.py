"""GIF images, which may be animated (WCAG 2.2.2)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="animated-gif",
    title="GIF images do not move for more than 5 seconds",
    group="visual",
    impact="moderate",
    wcag=("2.2.2",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/pause-stop-hide.html",
    how_to_fix=(
        "Use a still image (PNG, JPEG, WebP or SVG). If the animation matters, use a video "
        "with controls, or make the GIF stop within 5 seconds."
    ),
    description=(
        "Moving images distract people with attention difficulties and can make a page "
        "unusable for some. Looks at visible GIF images (by file name or data: type) of at "
        "least 16 by 16 px that loaded, and reads their bytes (from the browser's cache; "
        "same origin and data: images only) for the number of frames, the length of one "
        "loop and how often it repeats, as the browser plays them. A still GIF (one frame) "
        "or one that stops within 5 seconds passes. One that moves for longer fails, "
        "unless the page has a pause or stop button or the image looks like a loading "
        "indicator (then it needs review). A GIF whose bytes could not be read (another "
        "origin) needs review."
    ),
    facts=("visual_motion",),
)

LIMIT_MS = 5000  # WCAG 2.2.2: movement that lasts more than five seconds
LOADING = re.compile(r"load|spinner|progress|wait|busy", re.IGNORECASE)


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("visual_motion")
    if found is None:
        return
    gifs = items(found, "gifs")
    if not gifs:
        yield Outcome("pass")
    pausable = bool(found.get("pause_controls"))
    for gif in gifs:
        yield _judge(gif, pausable)


def _judge(gif: dict[str, Any], pausable: bool) -> Outcome:
    where = (gif.get("selector", "html"), gif.get("snippet", ""))
    extras = {k: gif.get(k) for k in ("src", "width", "height", "frames", "loop_ms", "loops")}
    size = f"{gif.get('width')} by {gif.get('height')} px"
    if gif.get("read") != "ok":
        why = gif.get("read") or "not read"
        message = (
            f"A GIF image ({size}) whose file could not be read ({why}): check that it "
            "does not move for more than 5 seconds."
        )
        return Outcome("review", *where, message, extras=extras)
    frames, plays = int(gif.get("frames") or 0), play_time_ms(gif)
    if frames <= 1 or plays <= LIMIT_MS:
        return Outcome("pass", *where, extras=extras)
    length = "without end" if plays == math.inf else f"for {plays / 1000:.1f} seconds"
    message = f"An animated GIF ({size}, {frames} frames) moves {length}"
    if pausable or LOADING.search(f"{gif.get('src', '')} {where[1]}"):
        message += ": check that it can be paused, or is a loading indicator."
        return Outcome("review", *where, message, extras=extras)
    message += " and nothing on the page pauses it."
    return Outcome("fail", *where, message, extras=extras)


def play_time_ms(gif: dict[str, Any]) -> float:
    """How long the GIF moves: one loop times the plays (NETSCAPE loop count 0 is
    forever; without the extension it plays once; a count of n repeats it n times)."""
    loop = float(gif.get("loop_ms") or 0)
    loops = gif.get("loops")
    if loops == 0:
        return math.inf
    return loop * (1 + (loops or 0))
