"""What a fix list holds: problems grouped by the fix that removes them, and what changed
since the council's previous run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from council_audit.results.runrecord import Comparison

IMPACT_WEIGHTS = {"critical": 4, "serious": 3, "moderate": 2, "minor": 1}


@dataclass(frozen=True)
class PageRef:
    url: str
    title: str | None = None


@dataclass(frozen=True)
class Occurrence:
    """One finding of the latest run: the problem on one page."""

    page: PageRef
    fingerprint: str
    selector: str
    message: str
    new: bool = False  # not there in the previous run, on a page checked both times
    fetched_at: str | None = None


@dataclass
class FixGroup:
    """The same check failing on the same code (normalised snippet; the selector when a
    check reports no code) on one or more pages: usually one fix in a shared template
    removes them all. ``selector`` is the first page's; ``selectors`` lists them all."""

    check_id: str
    check_title: str
    level: str
    impact: str | None
    wcag: tuple[str, ...]
    selector: str
    snippet: str
    message: str
    description: str
    how_to_fix: str
    help_url: str
    who_it_affects: str
    occurrences: list[Occurrence] = field(default_factory=list)
    outcome: str = "review"  # fail or review: what an advice group's level does not say

    @property
    def pages(self) -> list[PageRef]:
        seen: dict[str, PageRef] = {}
        for o in self.occurrences:
            seen.setdefault(o.page.url, o.page)
        return list(seen.values())

    @property
    def selectors(self) -> list[str]:
        return sorted({o.selector for o in self.occurrences})

    @property
    def weight(self) -> int:
        return IMPACT_WEIGHTS.get(self.impact or "", 1)

    @property
    def score(self) -> int:
        """Impact times pages affected: the order of the fix list."""
        return self.weight * len(self.pages)

    @property
    def template_level(self) -> bool:
        """The same code on several pages: most likely one shared template."""
        return len(self.pages) > 1 and bool(self.snippet)

    @property
    def new_pages(self) -> int:
        return len({o.page.url for o in self.occurrences if o.new})


@dataclass(frozen=True)
class Change:
    """A problem new in the latest run, or fixed since the previous one."""

    change: str  # "new" or "fixed"
    check_id: str
    check_title: str
    level: str
    impact: str | None
    page_url: str
    selector: str
    snippet: str
    message: str
    fingerprint: str


@dataclass
class Report:
    council: dict[str, Any]
    run: dict[str, Any]
    previous_run: dict[str, Any] | None
    pages_audited: int
    pages_not_audited: int
    pages_compared: int  # checked in both the latest and the previous run
    groups: list[FixGroup]
    new: list[Change]
    fixed: list[Change]
    generated_at: str
    tool_version: str
    # pages checked in the previous run but not in this one: "not checked", never fixed
    pages_not_checked: list[str] = field(default_factory=list)
    comparison: Comparison | None = None  # what the two runs ran, and how they differ

    @property
    def errors(self) -> list[FixGroup]:
        return [g for g in self.groups if g.level == "error"]

    @property
    def warnings(self) -> list[FixGroup]:
        return [g for g in self.groups if g.level == "warning"]

    @property
    def advice(self) -> list[FixGroup]:
        """Beyond the legal standard (best practice, AAA): shown apart, never in counts
        of errors."""
        return [g for g in self.groups if g.level not in ("error", "warning")]

    @property
    def error_count(self) -> int:
        return sum(len(g.occurrences) for g in self.errors)

    @property
    def warning_count(self) -> int:
        return sum(len(g.occurrences) for g in self.warnings)

    @property
    def advice_count(self) -> int:
        return sum(len(g.occurrences) for g in self.advice)
