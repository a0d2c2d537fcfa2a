"""Text is not cut off by the box it is in (WCAG 1.4.4)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="text-clipped",
    title="Text is not cut off by its box",
    group="layout",
    impact="serious",
    wcag=("1.4.4",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/resize-text.html",
    how_to_fix=(
        "Let boxes that hold text grow with it: use min-height instead of a fixed height, "
        "and overflow: auto (or visible) instead of hidden. If text must be shortened, show "
        "that it was (an ellipsis) and give a way to read all of it."
    ),
    description=(
        "A box with a fixed size and overflow: hidden that already hides part of its text "
        "loses even more when people enlarge text or zoom in. Finds boxes showing part of "
        "a text and hiding the rest, with no ellipsis or line clamp to say so. The full "
        "text may be given elsewhere, so this asks for review."
    ),
    facts=("clipped_text",),
    reads_styles=True,
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    boxes = page.facts.get("clipped_text")
    if not isinstance(boxes, list):
        return
    for box in boxes:
        width, height = box["box"]
        yield Outcome(
            "review",
            box["selector"],
            box["snippet"],
            f"Text is cut off {box['axis']}ly by its {width}×{height} px box "
            "(overflow hidden); enlarged text would lose even more.",
            extras={"axis": box["axis"], "box": box["box"], "content": box["content"]},
        )
