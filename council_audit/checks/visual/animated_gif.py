"""GIF images, which may be animated (WCAG 2.2.2)."""

from __future__ import annotations

from collections.abc import Iterator

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
        "unusable for some. Flags visible GIF images (by file name or data: type) of at "
        "least 16 by 16 px; the file is not decoded, so whether it is animated, and for how "
        "long, needs review."
    ),
    facts=("visual_motion",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("visual_motion")
    if found is None:
        return
    gifs = items(found, "gifs")
    if not gifs:
        yield Outcome("pass")
    for gif in gifs:
        size = f"{gif.get('width')} by {gif.get('height')} px"
        yield Outcome(
            "review",
            gif.get("selector", "html"),
            gif.get("snippet", ""),
            f"A GIF image ({size}): check that it does not move for more than 5 seconds.",
            extras={"src": gif.get("src"), "width": gif.get("width"), "height": gif.get("height")},
        )
