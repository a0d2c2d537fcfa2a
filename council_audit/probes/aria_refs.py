"""ID references axe-core could not confirm, for WCAG 4.1.2.

axe-core's ``aria-valid-attr-value`` asks for review of ``aria-controls`` (and
``aria-owns``) on a collapsed control or one with ``aria-haspopup``: the element it names
may only be added when the control opens. On real council pages the element was almost
always there already. This probe looks each such reference up in the live page; when
every ID it names exists, the review is settled (the value is valid), and when one is
missing the review stays.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.async_api import Page

from council_audit.checks.axe import incomplete_nodes, selector_of

NAME = "aria_refs"
ORDER = 15
AXE_RULE = "aria-valid-attr-value"
MAX_NODES = 50
_REVIEW = re.compile(r'^aria-(?:controls|owns)="([^"]*)"$')

_SCRIPT = """
([targets]) => targets.map(([selector, ids]) => {
  let el = null;
  try { el = document.querySelector(selector); } catch (e) { return false; }
  return el !== null && ids.every((id) => document.getElementById(id) !== null);
})
"""


async def run(page: Page, snapshot: Any, settings: Any) -> dict[str, Any]:
    asked = list(_references(snapshot.axe or {}))[:MAX_NODES]
    if not asked:
        return {"checked": 0, "axe_resolved": []}
    found = await page.evaluate(_SCRIPT, [[[sel, ids] for sel, ids in asked]])
    resolved = [
        [AXE_RULE, selector, "every ID it names is on the page"]
        for (selector, _), present in zip(asked, found, strict=True)
        if present
    ]
    return {"checked": len(asked), "axe_resolved": resolved}


def _references(results: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(axe selector, referenced IDs) of the reviews this probe can settle: plain
    selectors (no frames or shadow roots) whose only doubt is an ID reference."""
    out = []
    for _, node in incomplete_nodes(results, [AXE_RULE]):
        target = node.get("target") or []
        if len(target) != 1 or not isinstance(target[0], str):
            continue
        doubts = [
            check.get("data") or {}
            for kind in ("any", "all", "none")
            for check in node.get(kind) or ()
            if check.get("data")
        ]
        matches = [_REVIEW.match(str(d.get("needsReview", ""))) for d in doubts]
        if not doubts or not all(matches):
            continue
        ids = [i for m in matches if m for i in m.group(1).split()]
        if ids:
            out.append((selector_of(target), ids))
    return out
