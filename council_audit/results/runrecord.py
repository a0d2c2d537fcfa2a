"""What a run ran, so that two runs are compared like for like: each check it ran with
the version of the engine behind it (``run_checks``), the settings that change findings,
and a digest of both (``runs.checks_digest``). :func:`compare_runs` says, in plain words,
how two runs differ, and which checks both ran the same way: only those count as new or
fixed, and only those make a trend."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from council_audit.checks import default_registry
from council_audit.checks.axe import rules_run
from council_audit.settings import Settings


def checks_run(
    catalogue: Iterable[dict[str, Any]], settings: Settings, tool_version: str, axe_version: str
) -> list[dict[str, str]]:
    """(check_id, source, version) of every check a run with ``settings`` runs, from the
    catalogue rows of ``checks``: axe-core's rules at axe-core's version, built-in checks
    at council-audit's (opt-in checks only when ``enabled_checks`` names them)."""
    rows = list(catalogue)
    opt_in = {c.meta.id for c in default_registry() if c.meta.opt_in}
    off = set(settings.checks_off) | (opt_in - set(settings.enabled_checks))
    axe_ids = rules_run((r for r in rows if r["source"] == "axe"), settings.axe_tags, off)
    out = [{"check_id": i, "source": "axe", "version": f"axe-core {axe_version}"} for i in axe_ids]
    out += [
        {"check_id": r["id"], "source": "builtin", "version": f"council-audit {tool_version}"}
        for r in rows
        if r["source"] != "axe" and r["id"] not in off
    ]
    return sorted(out, key=lambda r: r["check_id"])


def digest(checks: Iterable[dict[str, str]], finding_settings: dict[str, Any]) -> str:
    """One short code for what a run ran: equal codes, like-for-like runs."""
    raw = json.dumps(
        {
            "checks": sorted((c["check_id"], c["version"]) for c in checks),
            "settings": finding_settings,
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


@dataclass
class Comparison:
    """How a later run compares with an earlier one. ``comparable`` is the checks both
    ran at the same version (None when neither run recorded its checks: everything is
    compared, as before runs recorded them)."""

    comparable: frozenset[str] | None
    only_before: list[str] = field(default_factory=list)
    only_now: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)
    unrecorded: bool = False

    @property
    def differs(self) -> bool:
        return bool(
            self.only_before or self.only_now or self.versions or self.settings or self.unrecorded
        )

    def compares(self, check_id: str) -> bool:
        return self.comparable is None or check_id in self.comparable

    def sentences(self) -> list[str]:
        """The differences in plain words, for the council page and the fix list."""
        out = []
        if self.unrecorded:
            out.append(
                "One of the two runs did not record which checks it ran, so they may not "
                "be comparable."
            )
        if self.only_before:
            out.append(
                f"{_count(self.only_before)} ran only in the earlier run and "
                f"{'is' if len(self.only_before) == 1 else 'are'} left out of the "
                f"comparison (nothing they found counts as fixed): {', '.join(self.only_before)}."
            )
        if self.only_now:
            out.append(
                f"{_count(self.only_now)} ran only in the later run and "
                f"{'is' if len(self.only_now) == 1 else 'are'} left out of the "
                f"comparison (nothing they found counts as new): {', '.join(self.only_now)}."
            )
        out += [f"The runs used different versions: {v}." for v in self.versions]
        if self.settings:
            out.append(
                "The runs used different settings that change what is found: "
                + "; ".join(self.settings)
                + "."
            )
        return out


def _count(ids: list[str]) -> str:
    return "1 check" if len(ids) == 1 else f"{len(ids)} checks"


def compare_runs(conn: sqlite3.Connection, before: str, now: str) -> Comparison:
    """Compare run ``now`` with the earlier run ``before`` (both ids in ``runs``)."""
    checks = {run: _checks(conn, run) for run in (before, now)}
    if not checks[before] and not checks[now]:
        return Comparison(
            comparable=None, unrecorded=_recorded(conn, before) != _recorded(conn, now)
        )
    if not checks[before] or not checks[now]:
        return Comparison(comparable=frozenset(checks[before] or checks[now]), unrecorded=True)
    a, b = checks[before], checks[now]
    same = frozenset(i for i in a.keys() & b.keys() if a[i] == b[i])
    versions = sorted({f"{a[i]} then {b[i]}" for i in a.keys() & b.keys() if a[i] != b[i]})
    return Comparison(
        comparable=same,
        only_before=sorted(a.keys() - b.keys()),
        only_now=sorted(b.keys() - a.keys()),
        versions=versions,
        settings=_settings_changes(conn, before, now),
    )


def _checks(conn: sqlite3.Connection, run_id: str) -> dict[str, str]:
    rows = conn.execute("select check_id, version from run_checks where run_id = ?", [run_id])
    return {r[0]: r[1] for r in rows}


def _recorded(conn: sqlite3.Connection, run_id: str) -> bool:
    row = conn.execute("select checks_digest from runs where id = ?", [run_id]).fetchone()
    return bool(row and row[0])


def _settings_changes(conn: sqlite3.Connection, before: str, now: str) -> list[str]:
    stored = {}
    for run in (before, now):
        row = conn.execute("select finding_settings from runs where id = ?", [run]).fetchone()
        stored[run] = json.loads(row[0]) if row and row[0] else {}
    a, b = stored[before], stored[now]
    return [
        f"{name} was {_show(a.get(name))}, now {_show(b.get(name))}"
        for name in sorted(a.keys() | b.keys())
        if a.get(name) != b.get(name)
    ]


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    return "(not recorded)" if value is None else str(value)
