"""Text set smaller than 12 CSS px."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items, page_wide, plural
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="text-small",
    title="Text is not too small",
    group="visual",
    impact="moderate",
    guidance="GOV.UK Design System typography: body text 16 px or more (19 px on larger screens)",
    help_url="https://design-system.service.gov.uk/styles/type-scale/",
    how_to_fix=(
        "Set body text to at least 16 px (1rem), and nothing people need to read below 12 px. "
        "Use rem or em units so that text grows with the browser's text size setting."
    ),
    description=(
        "Small text is hard to read for people with low vision and for older people, and "
        "not everyone knows how to zoom. Flags visible text (3 or more letters, not short "
        "superscripts) whose computed font size is under 12 px, and says when it is under "
        "9 px. Text under 4 px is taken to be hidden on purpose. WCAG 1.4.4 asks that text "
        "can be resized, not for a minimum size, so this follows GOV.UK guidance and its "
        "findings are advice (resizing is checked by zoom-disabled and text-clipped). One "
        "finding per page for each size band."
    ),
    facts=("visual_text",),
)
TINY = 9.0  # px


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("visual_text")
    if found is None:
        return
    small = items(found, "small")
    if not small:
        yield Outcome("pass")
        return
    tiny = [s for s in small if s.get("size", 12) < TINY]
    rest = [s for s in small if s.get("size", 12) >= TINY]
    truncated = found.get("small_count", len(small)) > len(small)
    for band, key, label in (
        (tiny, "under-9px", "under 9 px"),
        (rest, "under-12px", "under 12 px"),
    ):
        if not band:
            continue
        smallest = min(s.get("size", 12) for s in band)
        count = len(band)
        message = (
            f"Text {label} in {plural(count, 'element')}{' or more' if truncated else ''} "
            f"(smallest {smallest:g} px); body text should be 16 px or more."
        )
        yield page_wide("review", band, count, message, key, smallest_px=smallest)
