"""Text spacing set !important in a style attribute, below the WCAG 1.4.12 values (ACT
rules 78fd32 line height, 24afc2 letter spacing, 9e45ec word spacing)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="text-spacing-locked",
    title="Users can change text spacing",
    group="visual",
    impact="serious",
    wcag=("1.4.12",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/text-spacing.html",
    how_to_fix=(
        "Remove !important from line-height, letter-spacing and word-spacing in style "
        "attributes, or set them at least to 1.5, 0.12em and 0.16em."
    ),
    description=(
        "People with dyslexia or low vision use their own styles to space text out. A "
        "style attribute marked !important beats every author style sheet, and the tools "
        "people use to space text out add author styles, so they cannot win. Fails, as the "
        "W3C ACT rules do, elements with visible text whose style attribute sets "
        "line-height (on text that wraps), letter-spacing or word-spacing !important below "
        "1.5, 0.12 and 0.16 times the font size."
    ),
    facts=("visual_text",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("visual_text")
    if found is None:
        return
    locked = items(found, "spacing")
    if not locked:
        yield Outcome("pass")
    for item in locked:
        prop = item.get("property", "")
        message = (
            f"{prop} is set !important to {item.get('value', '')} ({item.get('ratio', 0):g} "
            f"times the font size) in a style attribute; users cannot raise it to "
            f"{item.get('minimum', 0):g}."
        )
        yield Outcome(
            "fail",
            item.get("selector", "html"),
            item.get("snippet", ""),
            message,
            key=prop,
            extras={k: item.get(k) for k in ("value", "ratio", "minimum")},
        )
