"""Helpers of the visual presentation and inclusion checks, which read facts the browser
gathered from computed styles and geometry (council_audit/facts/visual_*.js and
inclusion_*.js): reading a fact safely, colour contrast, and summing up page-wide styling
in one finding."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import Outcome, Status

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)")
SAMPLE = 10  # selectors kept in a page-wide finding's extras


def fact(page: PageView, name: str) -> dict[str, Any] | None:
    """The fact ``name``, or None when it is missing or its gatherer failed."""
    value = page.facts.get(name)
    return value if isinstance(value, dict) and "error" not in value else None


def items(found: dict[str, Any] | None, key: str) -> list[dict[str, Any]]:
    """A list of elements in a fact (empty when missing or malformed)."""
    value = (found or {}).get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def rgb(colour: str) -> tuple[float, float, float] | None:
    """(r, g, b) from a computed 'rgb(...)' or 'rgba(...)' colour; None for other forms."""
    match = _RGB.match(colour or "")
    return tuple(float(c) for c in match.groups()) if match else None  # type: ignore[return-value]


def luminance(colour: tuple[float, float, float]) -> float:
    """WCAG relative luminance."""

    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float | None:
    """The WCAG contrast ratio of two computed colours, or None if one cannot be read."""
    a, b = rgb(first), rgb(second)
    if a is None or b is None:
        return None
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def page_wide(
    status: Status,
    found: Sequence[dict[str, Any]],
    count: int,
    message: str,
    key: str = "",
    **extras: Any,
) -> Outcome:
    """One finding for styling that usually comes from one rule and so repeats across the
    page: placed on the first element, with the count and a sample of selectors."""
    first = found[0]
    sample = [f.get("selector", "") for f in found[:SAMPLE]]
    return Outcome(
        status,
        first.get("selector", "html"),
        first.get("snippet", ""),
        message,
        key=key,
        extras={"count": count, "selectors": sample, **extras},
    )


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"
