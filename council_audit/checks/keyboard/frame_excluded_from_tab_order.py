"""A frame with links or controls in it is not taken out of the tab order (WCAG 2.1.1)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="frame-excluded-from-tab-order",
    title="Links and controls in a frame can be reached with the keyboard",
    group="keyboard",
    impact="serious",
    wcag=("2.1.1",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/keyboard.html",
    how_to_fix=(
        'Remove tabindex="-1" from the <iframe>, or hide the frame completely if it is not '
        "meant to be used."
    ),
    description=(
        'tabindex="-1" on an <iframe> takes the frame and everything in it out of the tab '
        "order, so keyboard users cannot reach its links, buttons or form fields. Only "
        "frames from the same site can be looked into; others are not checked."
    ),
    facts=("frame_focus",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    frames = page.facts.get("frame_focus")
    if not isinstance(frames, list):
        return
    for frame in frames:
        count = frame["focusable"]
        yield Outcome(
            "fail",
            frame["selector"],
            frame["snippet"],
            f'This frame has tabindex="-1", so keyboard users cannot reach the {count} '
            f"link{'s' if count != 1 else ''} or control{'s' if count != 1 else ''} in it.",
            extras={"focusable": count, "first": frame["first"]},
        )
