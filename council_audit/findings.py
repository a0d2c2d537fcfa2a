"""The one shape every finding takes, whatever produced it (axe-core or a built-in check)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Level = Literal["error", "warning"]
Source = Literal["axe", "builtin"]
LEVELS: tuple[str, ...] = ("error", "warning")
SNIPPET_CHARS = 500


@dataclass(frozen=True)
class Finding:
    """One problem on one page.

    ``level`` is ``error`` for a certain failure and ``warning`` for "needs review"
    (a heuristic, or axe-core's *incomplete*). ``key`` tells apart several findings of one
    check on one element (a word to avoid, say); it is part of the fingerprint.
    Engine-specific detail goes in ``extras``.
    """

    check_id: str
    source: Source
    level: Level
    impact: str | None
    wcag: tuple[str, ...]
    selector: str
    snippet: str
    message: str
    help_url: str
    key: str = ""
    extras: dict[str, Any] = field(default_factory=dict, compare=False)

    def fingerprint(self, page_url: str) -> str:
        """Stable id of this problem on this page, the same from one run to the next.

        Built from the page URL (without fragment), the check and the element's selector,
        not from the message or snippet, which can carry values that change between runs.
        """
        url = page_url.split("#", 1)[0]
        raw = "\x1f".join((url, self.check_id, normalise_selector(self.selector), self.key))
        return hashlib.sha256(raw.encode()).hexdigest()[:20]

    def as_contract(self) -> dict[str, Any]:
        """The finding as the ``check --format json`` contract shows it."""
        d = asdict(self)
        d["wcag"] = list(self.wcag)
        for private in ("key", "extras"):
            d.pop(private)
        return d


def normalise_selector(selector: str) -> str:
    return re.sub(r"\s+", " ", selector).strip()


def cut_snippet(html: str, limit: int = SNIPPET_CHARS) -> str:
    html = html.strip()
    return html if len(html) <= limit else html[: limit - 1] + "…"


def worst_level(findings: list[Finding]) -> str | None:
    for level in LEVELS:
        if any(f.level == level for f in findings):
            return level
    return None
