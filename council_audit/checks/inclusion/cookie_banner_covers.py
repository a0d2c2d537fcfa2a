"""Cookie banners and pop-ups that cover the page when it opens (WCAG 2.4.11)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="cookie-banner-covers",
    title="Cookie banners and pop-ups do not cover the page",
    group="inclusion",
    impact="moderate",
    wcag=("2.4.11",),
    guidance="GOV.UK Design System cookie banner: at the top of the page, in the page flow",
    help_url="https://design-system.service.gov.uk/components/cookie-banner/",
    how_to_fix=(
        "Put the cookie banner at the top of the page in the normal flow (not fixed over "
        "the content), keep it short, and do not block the page until people choose. Do "
        "not open other pop-ups when a page loads."
    ),
    description=(
        "A banner fixed over the page hides what people came for, and at high zoom or on a "
        "small screen it can fill the screen and hide the keyboard focus. Flags, at load "
        "and 1280 by 900 px, a fixed or sticky box that looks like a cookie or consent "
        "banner (by id, class, label or text) covering more than 30% of the window, and any "
        "open modal dialog (aria-modal or a modal <dialog>) that blocks the page. Needs "
        "review: banners that appear later, after a script runs, are not seen."
    ),
    facts=("inclusion_overlays",),
    reads_styles=True,
)
COVERS = 0.30


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("inclusion_overlays")
    if found is None:
        return
    flagged = [
        box
        for box in items(found, "overlays")
        if box.get("modal") or (box.get("cookie") and box.get("coverage", 0) > COVERS)
    ]
    if not flagged:
        yield Outcome("pass")
    for box in flagged:
        yield Outcome(
            "review",
            box.get("selector", "html"),
            box.get("snippet", ""),
            _message(box),
            extras={k: box.get(k) for k in ("coverage", "position", "modal", "cookie")},
        )


def _message(box: dict[str, Any]) -> str:
    share = f"{round(100 * box.get('coverage', 0))}% of the window"
    what = "A cookie banner" if box.get("cookie") else "A pop-up"
    if box.get("modal"):
        return f"{what} opens as a modal dialog when the page loads, covering {share}."
    return f"{what} is fixed over the page and covers {share} when the page loads."
