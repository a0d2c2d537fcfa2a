"""The one check registry. Built-in checks register exactly as an outside pack would:
through the ``council_audit.checks`` entry point group, each entry point naming an
iterable of :class:`Check`.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

from council_audit.checks.standards.wcag import finding_level, level_extras
from council_audit.findings import Finding, cut_snippet

if TYPE_CHECKING:
    from council_audit.checks.common.page import PageView

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "council_audit.checks"
IMPACTS = ("minor", "moderate", "serious", "critical")
Status = Literal["fail", "review", "pass"]
_ID = re.compile(r"^[a-z][a-z0-9-]*[a-z0-9]$")
_SC = re.compile(r"^[1-4]\.\d{1,2}\.\d{1,2}$")


@dataclass(frozen=True)
class CheckMeta:
    """What a check is about, shown in the catalogue and with every finding."""

    id: str
    title: str
    group: str
    impact: str
    help_url: str
    how_to_fix: str
    wcag: tuple[str, ...] = ()
    guidance: str = ""  # the non-WCAG guidance followed, e.g. the GOV.UK style guide
    description: str = ""
    facts: tuple[str, ...] = ()  # browser facts it reads (council_audit/facts/NAME.js)
    opt_in: bool = False  # off unless named in the enabled_checks setting
    # Judged from how the page looks (sizes, colours, layout, what is shown): on a page
    # shown without its stylesheets its failures are reviews (checks/common/unstyled.py).
    reads_styles: bool = False

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"check id {self.id!r}: lower case words joined by hyphens")
        if self.impact not in IMPACTS:
            raise ValueError(f"{self.id}: impact must be one of {IMPACTS}")
        for sc in self.wcag:
            if not _SC.match(sc):
                raise ValueError(f"{self.id}: {sc!r} is not a WCAG success criterion number")
        if not (self.wcag or self.guidance):
            raise ValueError(f"{self.id}: name the WCAG criteria or the guidance it follows")


@dataclass(frozen=True)
class Outcome:
    """One result of a check on one element (or on the page: selector ``html``).
    ``wcag``, when given, narrows the check's success criteria to those this outcome
    concerns (a link that meets 2.4.4 in context but fails 2.4.9 alone, say)."""

    status: Status
    selector: str = "html"
    snippet: str = ""
    message: str = ""
    key: str = ""
    extras: dict[str, Any] = field(default_factory=dict)
    wcag: tuple[str, ...] = ()


Evaluate = Callable[["PageView"], Iterable[Outcome]]


@dataclass(frozen=True)
class Check:
    meta: CheckMeta
    evaluate: Evaluate

    @classmethod
    def from_module(cls, module: ModuleType) -> Check:
        return cls(meta=module.META, evaluate=module.evaluate)

    def run(self, page: PageView) -> Iterator[Finding]:
        """Evaluate the check and turn its fail and review outcomes into findings."""
        for outcome in self.evaluate(page):
            if outcome.status == "pass":
                continue
            failed = outcome.status == "fail"
            criteria = outcome.wcag or self.meta.wcag
            level = finding_level(failed, criteria)
            yield Finding(
                check_id=self.meta.id,
                source="builtin",
                level=level,  # type: ignore[arg-type]
                impact=self.meta.impact,
                wcag=criteria,
                selector=outcome.selector,
                snippet=cut_snippet(outcome.snippet, page.settings.snippet_chars),
                message=outcome.message or self.meta.title,
                help_url=self.meta.help_url,
                key=outcome.key,
                extras={**outcome.extras, **level_extras(level, failed)},
            )


class Registry:
    """Checks by id. ``load_entry_points`` fills it from installed check packs."""

    def __init__(self, checks: Iterable[Check] = ()) -> None:
        self._checks: dict[str, Check] = {}
        for check in checks:
            self.register(check)

    def register(self, check: Check) -> None:
        if check.meta.id in self._checks:
            raise ValueError(f"check id {check.meta.id!r} is registered twice")
        self._checks[check.meta.id] = check

    def load_entry_points(self) -> Registry:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            for check in ep.load():
                self.register(check)
        return self

    def __iter__(self) -> Iterator[Check]:
        return iter(self._checks.values())

    def __len__(self) -> int:
        return len(self._checks)

    def __contains__(self, check_id: object) -> bool:
        return check_id in self._checks

    def get(self, check_id: str) -> Check:
        return self._checks[check_id]

    def run(self, page: PageView, disabled: Iterable[str] = ()) -> list[Finding]:
        """Run every check not in ``disabled`` (opt-in checks only when the page's
        settings enable them); a check that raises becomes a logged warning, never a
        lost page."""
        skip = set(disabled)
        wanted = set(page.settings.enabled_checks)
        out: list[Finding] = []
        for check in self:
            if check.meta.id in skip or (check.meta.opt_in and check.meta.id not in wanted):
                continue
            try:
                out.extend(check.run(page))
            except Exception:  # a broken check must not lose the page's other findings
                log.exception("check %s failed on %s", check.meta.id, page.url)
        return out


_default: Registry | None = None
BUILTIN_PACK = "council_audit.checks.builtin"  # entry point council_audit.checks: builtin


def default_registry() -> Registry:
    """The registry of every installed check pack (built-in included), loaded once."""
    global _default
    if _default is None:
        _default = Registry().load_entry_points()
        if not len(_default):  # running from a source tree that was never pip-installed
            pack = importlib.import_module(BUILTIN_PACK)  # what the entry point names
            _default = Registry(pack.CHECKS)
    return _default
