"""Lines of body text longer than 80 characters (WCAG 1.4.8, AAA)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items, page_wide, plural
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="line-length",
    title="Lines of text are not too long",
    group="visual",
    impact="minor",
    wcag=("1.4.8",),
    guidance="GOV.UK Design System: keep body text to about two-thirds of the page width",
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/visual-presentation.html",
    how_to_fix=(
        "Limit the width of text columns to about 70 characters, for example with "
        "max-width: 38em on paragraphs or a two-thirds column layout."
    ),
    description=(
        "Long lines make it hard to find the start of the next line, especially for people "
        "with dyslexia or low vision. Measures the characters on the longest rendered line "
        "of each main-content block of two or more lines (from the boxes of its text, at the "
        "1280 px audit width) and flags lines over 80 characters (40 for Chinese, Japanese "
        "and Korean). One finding per page, on the block with the longest lines. WCAG 1.4.8 "
        "is level AAA and lets a resizable window count, so this asks for review."
    ),
    facts=("visual_text",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("visual_text")
    if found is None:
        return
    blocks = sorted(items(found, "long_lines"), key=lambda b: -b.get("chars_per_line", 0))
    if not blocks:
        yield Outcome("pass")
        return
    count = found.get("long_lines_count", len(blocks))
    longest = blocks[0].get("chars_per_line", 0)
    message = (
        f"Lines of up to about {longest} characters in {plural(count, 'block')} of text; "
        f"aim for {blocks[0].get('limit', 80)} or fewer."
    )
    yield page_wide("review", blocks, count, message, chars_per_line=longest)
