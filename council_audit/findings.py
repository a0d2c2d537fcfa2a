"""The one shape every finding takes, whatever produced it (axe-core or a built-in check)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Level = Literal["error", "warning", "advice"]
Source = Literal["axe", "builtin"]
# Worst first. Only errors and warnings concern the legal standard (WCAG 2.2 A and AA);
# advice is kept and shown apart, never counted in error rates, ranks or trends.
LEVELS: tuple[str, ...] = ("error", "warning", "advice")
SNIPPET_CHARS = 500


@dataclass(frozen=True)
class Finding:
    """One problem on one page.

    ``level`` is ``error`` for a certain failure of a WCAG 2.2 A or AA success criterion,
    ``warning`` for "needs review" against one (a heuristic, or axe-core's *incomplete*),
    and ``advice`` for best practice and AAA criteria, beyond the legal standard, failed
    or to review (``extras["outcome"]`` says which). The rule is
    :func:`council_audit.checks.standards.wcag.finding_level`. ``key`` tells apart several findings of one
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

    @property
    def outcome(self) -> str:
        """``fail`` (certain) or ``review`` (needs a person), whatever the level."""
        if self.level == "advice":
            return str(self.extras.get("outcome", "review"))
        return "fail" if self.level == "error" else "review"

    def as_contract(self) -> dict[str, Any]:
        """The finding as the ``check --format json`` contract shows it."""
        d = asdict(self)
        d["wcag"] = list(self.wcag)
        d["outcome"] = self.outcome
        for private in ("key", "extras"):
            d.pop(private)
        return d


def template_key(check_id: str, snippet: str | None, selector: str | None) -> str:
    """The same for the same check on the same code, on any page: the check and the
    element's code (snippet, whitespace collapsed, a cut-off mark dropped), or its
    selector when the check shows no code. A *template finding* is one whose template
    key is found on two or more pages of a council in one run: public figures count it
    once."""
    code = normalise_snippet(snippet or "") or normalise_selector(selector or "")
    return hashlib.sha256(f"{check_id}\x1f{code}".encode()).hexdigest()[:20]


def normalise_snippet(snippet: str) -> str:
    """Whitespace collapsed and a cut-off mark dropped, so that the same template code
    matches on every page."""
    return re.sub(r"\s+", " ", snippet).strip().removesuffix("…").strip()


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
