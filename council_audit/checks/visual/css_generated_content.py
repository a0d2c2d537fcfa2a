"""Text written by CSS ::before and ::after content (WCAG 1.3.1, failure F87)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items, page_wide
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="css-generated-content",
    title="Meaningful text is in the page, not in CSS",
    group="visual",
    impact="moderate",
    wcag=("1.3.1",),
    help_url="https://www.w3.org/WAI/WCAG22/Techniques/failures/F87",
    how_to_fix=(
        "Put words that carry meaning in the HTML. Keep CSS content for decoration: icons, "
        "quote marks, bullets and list numbers."
    ),
    description=(
        "Text added by CSS is lost when people turn styles off or use their own, is not "
        "selectable, is not translated by most tools, and some assistive technologies do "
        "not read it. Flags visible ::before and ::after content with two or more letters "
        "or digits (counters, icon-font characters and punctuation are left alone). One "
        "finding for each distinct text on a page. Needs review: the text may be "
        "decorative, or repeat what the HTML says."
    ),
    facts=("visual_generated",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("visual_generated")
    if found is None:
        return
    generated = items(found, "generated")
    if not generated:
        yield Outcome("pass")
    by_text: dict[str, list[dict[str, Any]]] = {}
    for item in generated:
        by_text.setdefault(item.get("text", ""), []).append(item)
    for text, elements in by_text.items():
        pseudo = elements[0].get("pseudo", "::before")
        message = (
            f"CSS {pseudo} writes the text '{text}'; put text that carries meaning in the HTML."
        )
        yield page_wide("review", elements, len(elements), message, text, text=text)
