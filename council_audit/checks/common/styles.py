"""Helpers of the visual presentation and inclusion checks, which read facts the browser
gathered from computed styles and geometry (council_audit/facts/visual_*.js and
inclusion_*.js): colour contrast, and summing up page-wide styling
in one finding."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from council_audit.checks.registry import Outcome, Status

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)")
SAMPLE = 10  # selectors kept in a page-wide finding's extras


def items(found: dict[str, Any] | None, key: str) -> list[dict[str, Any]]:
    """A list of elements in a fact (empty when missing or malformed)."""
    value = (found or {}).get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def rgb(colour: str) -> tuple[float, float, float] | None:
    """(r, g, b) from a computed 'rgb(...)' or 'rgba(...)' colour; None for other forms."""
    match = _RGB.match(colour or "")
    return tuple(float(c) for c in match.groups()) if match else None  # type: ignore[return-value]


@lru_cache(maxsize=65536)  # the contrast probe asks for the same pixel colours often
def luminance(colour: tuple[float, float, float] | bytes) -> float:
    """WCAG relative luminance of an sRGB colour (0-255 channels)."""
    r, g, b = (_linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance_ratio(first: float, second: float) -> float:
    """The WCAG contrast ratio of two relative luminances, in either order."""
    high, low = max(first, second), min(first, second)
    return (high + 0.05) / (low + 0.05)


def contrast(first: str, second: str) -> float | None:
    """The WCAG contrast ratio of two computed colours, or None if one cannot be read."""
    a, b = rgb(first), rgb(second)
    if a is None or b is None:
        return None
    return luminance_ratio(luminance(a), luminance(b))


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
