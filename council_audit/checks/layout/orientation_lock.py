"""The page does not force portrait or landscape with CSS (WCAG 1.3.4)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="orientation-lock",
    title="Page works in portrait and landscape",
    group="layout",
    impact="serious",
    wcag=("1.3.4",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/orientation.html",
    how_to_fix=(
        "Remove the rotation from the (orientation: portrait) or (orientation: landscape) "
        "media query and let the layout reflow to fit the screen instead."
    ),
    description=(
        "Someone with a tablet fixed to a wheelchair cannot turn it. A page or block of text "
        "turned by a quarter turn (transform or rotate) inside an orientation media query "
        "forces one orientation. The whole page turned is a failure; a smaller block of text "
        "asks for review."
    ),
    facts=("orientation_locks",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    locks = page.facts.get("orientation_locks")
    if not isinstance(locks, list):
        return
    for lock in locks:
        if not (lock["root"] or lock["has_text"]):
            continue
        what = "The page" if lock["root"] else "This block of text"
        yield Outcome(
            "fail" if lock["root"] else "review",
            lock["selector"],
            lock["snippet"],
            f"{what} is turned {lock['turn']}° when the screen is in another orientation "
            f"(@media {lock['media']}), which forces people to hold it one way.",
            extras={"media": lock["media"], "turn": lock["turn"], "css": lock["declared"]},
        )
