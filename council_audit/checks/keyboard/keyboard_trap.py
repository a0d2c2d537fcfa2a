"""Keyboard focus is never trapped (WCAG 2.1.2 No Keyboard Trap)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="keyboard-trap",
    title="Keyboard focus can always move on",
    group="keyboard",
    impact="critical",
    wcag=("2.1.2",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/no-keyboard-trap.html",
    how_to_fix=(
        "Do not move focus back from blur or focusout handlers, and do not cancel Tab. "
        "If a widget must keep Tab for itself (a text editor, a map), let Escape or "
        "another key release focus, and say which key in text shown before the widget."
    ),
    description=(
        "The crawler tabs through the page with real key presses wherever its scripts "
        "move focus or cancel Tab. Flags elements that focus enters and cannot leave with "
        'Tab, Shift+Tab, Escape or a key the page itself names ("Press Ctrl+M to exit"), '
        "and elements that keep pulling focus back so that the rest of the page cannot be "
        "reached. A modal dialog that keeps focus inside until it is closed is not a trap."
    ),
    facts=("keyboard",),
)

MAX_LISTED = 3


def evaluate(page: PageView) -> Iterator[Outcome]:
    data = page.fact("keyboard")
    if data is None:
        return
    for trap in data.get("traps") or ():
        message = _problem(trap)
        status = "fail" if message else "pass"
        yield Outcome(
            status,
            trap["selector"],
            trap.get("snippet", ""),
            message,
            key=trap.get("direction", ""),
            extras={
                k: trap.get(k)
                for k in ("cycle", "keys_tried", "escaped_by", "instructions", "unreachable")
            },
        )


def _problem(trap: dict[str, Any]) -> str:
    """What is wrong with a trap the probe found, or "" when there is a way out."""
    cycle = trap.get("cycle") or [trap["selector"]]
    where = _elements(cycle)
    if trap.get("escaped_by") is None:
        if trap.get("dialog"):
            return ""  # a modal dialog keeps focus until one of its buttons closes it
        if trap.get("instructions"):
            return (
                f"Keyboard focus is trapped in {where}. The page says "
                f'"{trap["instructions"]}", but pressing '
                f"{trap['keys_tried'][-1]} did not move focus out, nor did "
                f"{' or '.join(trap['keys_tried'][:-1])}."
            )
        return (
            f"Keyboard focus is trapped in {where}: Tab, Shift+Tab and Escape all leave "
            "focus there, and the page does not say how to get out."
        )
    unreachable = trap.get("unreachable") or []
    if unreachable:
        count = len(unreachable)
        return (
            f"Focus is pulled back to {where} whenever it moves on, so {count} "
            f"element{'s' if count != 1 else ''} after it cannot be reached with Tab or "
            f"Shift+Tab ({_elements(unreachable)})."
        )
    return ""


def _elements(selectors: list[str]) -> str:
    shown = ", ".join(selectors[:MAX_LISTED])
    more = len(selectors) - MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")
