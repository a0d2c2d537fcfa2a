"""Paragraphs whose lines are set closer than 1.2 times the font size (WCAG 1.4.8, AAA)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items, page_wide, plural
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="line-height-tight",
    title="Lines of text are not set too close",
    group="visual",
    impact="minor",
    wcag=("1.4.8",),
    guidance="British Dyslexia Association style guide: line spacing 1.5",
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/visual-presentation.html",
    how_to_fix=(
        "Set line-height to about 1.5 for body text (a unitless number, so that it scales "
        "with the font size)."
    ),
    description=(
        "Lines set close together are hard to track from one to the next. Flags main-content "
        "blocks of two or more lines whose computed line-height is under 1.2 times the font "
        "size (WCAG 1.4.8 asks for 1.5 within paragraphs). 'normal', the browser's default, "
        "is not flagged. One finding per page, on the tightest block. Needs review: 1.4.8 is "
        "level AAA. Spacing that users cannot override is the text-spacing-locked check."
    ),
    facts=("visual_text",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("visual_text")
    if found is None:
        return
    blocks = sorted(items(found, "tight"), key=lambda b: b.get("ratio", 1.2))
    if not blocks:
        yield Outcome("pass")
        return
    count = found.get("tight_count", len(blocks))
    ratio = blocks[0].get("ratio", 0)
    message = (
        f"Line spacing of {ratio:g} times the font size in {plural(count, 'block')} of "
        "text; 1.5 is easier to read."
    )
    yield page_wide("review", blocks, count, message, line_height=ratio)
