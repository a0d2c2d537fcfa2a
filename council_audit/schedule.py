"""Crawl plans, ``run-due``, and the locks that keep two crawls off one council.

A plan is a TOML file an accessibility lead keeps::

    db = "results/councils.db"          # relative to the plan file
    [settings]                          # any setting, for every crawl of the plan
    document_limit = 10

    [[crawl]]
    name = "wales"
    nation = "Wales"                    # or codes = [...], type = "...", all = true, csv = "..."
    budget = 50
    every = "weekly"                    # "30d", "12h", "2w", daily, weekly, monthly ...

``run-due --plan FILE`` crawls each entry's councils whose last complete crawl is older
than ``every`` (first resuming the entry's interrupted run, if there is one). It is
safe to call from cron or a systemd timer every few minutes: a call takes one of
``plan_parallel`` slots or exits at once, and every council being crawled is held by a
file lock (``fcntl.flock``), so two calls never crawl one council at the same time. A
lock dies with its process, so a killed crawl never leaves a council locked.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from council_audit.locks import CrawlBusy, Locks, lock_dir
from council_audit.register import RegisterError, load_register, select
from council_audit.settings import Settings, SettingsError

NAMED_PERIODS = {
    "hourly": dt.timedelta(hours=1),
    "daily": dt.timedelta(days=1),
    "weekly": dt.timedelta(weeks=1),
    "fortnightly": dt.timedelta(weeks=2),
    "monthly": dt.timedelta(days=30),
    "quarterly": dt.timedelta(days=91),
    "yearly": dt.timedelta(days=365),
}
UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
PERIOD = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.I)
MAX_EVERY = dt.timedelta(days=3653)  # ten years: longer would overflow the date arithmetic
ENTRY_KEYS = {"name", "codes", "nation", "type", "all", "csv", "budget", "every", "settings"}


class PlanError(ValueError):
    """The plan file is missing, not TOML, or says something we cannot do."""


# --- plans ------------------------------------------------------------------------------
@dataclass
class PlanEntry:
    name: str
    every: dt.timedelta
    codes: list[str] = field(default_factory=list)
    nation: str | None = None
    kind: str | None = None
    everything: bool = False
    csv: Path | None = None
    budget: int | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"plan:{self.name}"


@dataclass
class Plan:
    path: Path
    db: Path
    entries: list[PlanEntry]
    settings: dict[str, Any] = field(default_factory=dict)

    def settings_for(self, entry: PlanEntry) -> Settings:
        values = {**self.settings, **entry.settings}
        if entry.budget is not None:
            values["page_budget"] = entry.budget
        try:
            return Settings.from_mapping(values)
        except SettingsError as exc:
            raise PlanError(f"{self.path}: crawl {entry.name!r}: {exc}") from None

    def councils_for(self, entry: PlanEntry) -> list[dict[str, Any]]:
        try:
            rows = load_register(entry.csv)
            return select(rows, entry.codes, entry.nation, entry.kind, entry.everything or (
                entry.csv is not None and not (entry.codes or entry.nation or entry.kind)))  # fmt: skip
        except RegisterError as exc:
            raise PlanError(f"{self.path}: crawl {entry.name!r}: {exc}") from None


def parse_every(text: str) -> dt.timedelta:
    """'30d', '12h', '2w', '90m', or daily, weekly, fortnightly, monthly, quarterly..."""
    named = NAMED_PERIODS.get(str(text).strip().lower())
    if named:
        return named
    match = PERIOD.match(str(text))
    if not match or int(match[1]) == 0:
        raise PlanError(f"every = {text!r}: use e.g. '30d', '12h', '2w' or 'weekly'")
    try:
        every = dt.timedelta(**{UNITS[match[2].lower()]: int(match[1])})
    except OverflowError:
        every = None
    if every is None or every > MAX_EVERY:
        raise PlanError(f"every = {text!r}: use an interval from 1 minute to 10 years")
    return every


def load_plan(path: str | Path) -> Plan:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PlanError(f"cannot read the plan {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{path} is not valid TOML: {exc}") from None
    base = path.resolve().parent
    crawls = data.get("crawl")
    if not isinstance(crawls, list) or not crawls:
        raise PlanError(f"{path}: add at least one [[crawl]] table")
    entries = [_entry(path, base, n, raw) for n, raw in enumerate(crawls, start=1)]
    names = [e.name for e in entries]
    if len(set(names)) != len(names):
        raise PlanError(f"{path}: every [[crawl]] needs its own name")
    plan = Plan(
        path, base / str(data.get("db", "results/councils.db")), entries, data.get("settings") or {}
    )
    for entry in entries:
        plan.settings_for(entry)  # reject bad settings now, not at 3 a.m.
    return plan


def _entry(path: Path, base: Path, n: int, raw: dict[str, Any]) -> PlanEntry:
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise PlanError(f"{path}: crawl {n}: unknown keys {', '.join(sorted(unknown))}")
    if not (
        raw.get("codes") or raw.get("nation") or raw.get("type") or raw.get("all") or raw.get("csv")
    ):
        raise PlanError(f"{path}: crawl {n}: say which councils (codes, nation, type, all or csv)")
    return PlanEntry(
        name=str(raw.get("name") or f"crawl-{n}"),
        every=parse_every(raw.get("every", "30d")),
        codes=[str(c) for c in raw.get("codes") or []],
        nation=raw.get("nation"),
        kind=raw.get("type"),
        everything=bool(raw.get("all")),
        csv=base / raw["csv"] if raw.get("csv") else None,
        budget=int(raw["budget"]) if raw.get("budget") is not None else None,
        settings=dict(raw.get("settings") or {}),
    )


# --- what is due ------------------------------------------------------------------------
def last_complete(db_path: Path) -> dict[str, dt.datetime]:
    """When each council's latest complete crawl ended."""
    if not db_path.exists():
        return {}
    db = sqlite_utils.Database(db_path)
    try:
        if "council_crawls" not in db.table_names():
            return {}
        rows = db.execute(
            "select council_code, max(ended_at) from council_crawls"
            " where status = 'complete' group by council_code"
        ).fetchall()
    finally:
        db.close()
    return {code: dt.datetime.fromisoformat(ended) for code, ended in rows if ended}


def due(
    councils: list[dict[str, Any]],
    every: dt.timedelta,
    last: dict[str, dt.datetime],
    now: dt.datetime,
) -> list[dict[str, Any]]:
    return [c for c in councils if c["code"] not in last or now - last[c["code"]] >= every]


def interrupted_run(db_path: Path, label: str) -> str | None:
    """The latest run of this plan entry that did not complete, if any."""
    if not db_path.exists():
        return None
    db = sqlite_utils.Database(db_path)
    try:
        row = db.execute(
            "select id, status from runs where label = ? order by started_at desc, id desc limit 1",
            [label],
        ).fetchone()
    finally:
        db.close()
    return row[0] if row and row[1] in ("interrupted", "failed", "running") else None


@dataclass
class DueReport:
    entry: str
    due: list[str]
    resume: str | None


def run_due(
    plan_path: str | Path,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    say: Callable[[str], None] = print,
) -> list[DueReport]:
    """Resume and start whatever the plan says is due; returns what was due."""
    from council_audit import api

    plan = load_plan(plan_path)
    now = now or dt.datetime.now(dt.UTC)
    first = plan.settings_for(plan.entries[0])
    with Locks(lock_dir(plan.db, first)) as slots:
        if not dry_run and not _take_slot(slots, first.plan_parallel):
            say(
                f"run-due: all {first.plan_parallel} crawl slot(s) for {plan.db} are busy; nothing started"
            )
            return []
        reports, left = [], first.plan_max_councils or None
        for entry in plan.entries:
            report = _run_entry(api, plan, entry, now, dry_run, say, left)
            reports.append(report)
            if left is not None:
                left = max(left - len(report.due), 0)
        return reports


def _take_slot(slots: Locks, parallel: int) -> bool:
    return any(slots.acquire(f"run-due-slot-{i}") for i in range(parallel))


def _run_entry(
    api: Any,
    plan: Plan,
    entry: PlanEntry,
    now: dt.datetime,
    dry_run: bool,
    say: Callable[[str], None],
    left: int | None,
) -> DueReport:
    settings = plan.settings_for(entry)
    resume = interrupted_run(plan.db, entry.label)
    if resume and not dry_run:
        try:
            summary = api.resume(plan.db, run_id=resume)
            say(
                f"{entry.name}: resumed run {summary.run_id}: {summary.status}, {summary.pages} pages"
            )
        except CrawlBusy as exc:
            say(f"{entry.name}: run {resume} is still going ({exc})")
    wanted = due(plan.councils_for(entry), entry.every, last_complete(plan.db), now)
    if left is not None:
        wanted = wanted[:left]
    report = DueReport(entry.name, [c["code"] for c in wanted], resume)
    if dry_run or not wanted:
        say(
            f"{entry.name}: {len(wanted)} councils due"
            + (f" ({', '.join(report.due[:20])})" if wanted else "")
        )
        return report
    try:
        summary = api.crawl(wanted, plan.db, settings, label=entry.label, skip_locked=True)
        say(
            f"{entry.name}: run {summary.run_id} {summary.status}: {summary.councils} councils, {summary.pages} pages"
        )
    except CrawlBusy as exc:
        say(f"{entry.name}: nothing to start ({exc})")
    return report
