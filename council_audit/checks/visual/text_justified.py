"""Blocks of body text set justified (WCAG 1.4.8, AAA)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items, page_wide, plural
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="text-justified",
    title="Body text is not justified",
    group="visual",
    impact="minor",
    wcag=("1.4.8",),
    guidance="British Dyslexia Association style guide: left-aligned text, not justified",
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/visual-presentation.html",
    how_to_fix=(
        "Align body text to the left (text-align: start). Justified text leaves uneven gaps "
        "between words that make 'rivers' down the page."
    ),
    description=(
        "People with dyslexia or low vision lose their place in justified text, whose word "
        "gaps change from line to line. Flags main-content blocks of two or more lines and at "
        "least 150 characters whose computed text-align is justify. One finding per page, "
        "on the first such block. WCAG 1.4.8 is level AAA, so this asks for review."
    ),
    facts=("visual_text",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("visual_text")
    if found is None:
        return
    blocks = items(found, "justified")
    if not blocks:
        yield Outcome("pass")
        return
    count = found.get("justified_count", len(blocks))
    message = f"Text is justified in {plural(count, 'block')} of the main content."
    yield page_wide("review", blocks, count, message)
