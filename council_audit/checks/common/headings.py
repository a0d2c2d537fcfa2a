"""Headings as a screen reader sees them: h1-h6 and role=heading with aria-level."""

from __future__ import annotations

import lxml.html

LEVELS = {f"h{n}": n for n in range(1, 7)}


def heading_level(el: lxml.html.HtmlElement) -> int | None:
    """The level a screen reader gives the element, or None if it is not a heading."""
    if not isinstance(el.tag, str):
        return None
    role = (el.get("role") or "").strip().lower()
    if role != "heading" and (el.tag not in LEVELS or role):
        return None  # not a heading, or an h1-h6 given another role
    aria = (el.get("aria-level") or "").strip()
    if aria.isdigit() and int(aria) >= 1:
        return int(aria)
    return LEVELS.get(el.tag, 2)
