"""Named migrations. Each runs once per database, in order, recorded in ``_migrations``;
an older database upgrades in place. Never edit a released migration: add a new one.

A migration may be cut off at any statement (a power cut, ``kill -9``): SQLite's DDL here
runs outside the transaction (sqlite-utils commits before its scripts), so a migration is
recorded only after all of it has run and must be safe to run again from the start: add
a column only if it is missing, create ``if not exists``, replace views and search
indexes whole. tests/test_kill_writes.py kills an upgrade before each statement in turn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlite_utils

from council_audit.results.schema import TABLES

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((name, fn))
        return fn

    return register


def _create(db: sqlite_utils.Database, name: str) -> None:
    """Create a table of results/schema.py with its keys and indexes, if missing."""
    spec = TABLES[name]
    table = db[name]
    table.create(  # type: ignore[union-attr]
        spec["columns"],
        pk=spec["pk"],
        not_null=spec["not_null"],
        foreign_keys=spec["foreign_keys"],
        if_not_exists=True,
    )
    for columns in spec["indexes"]:
        table.create_index(columns, if_not_exists=True)  # type: ignore[union-attr]


@migration("0001_initial")
def initial(db: sqlite_utils.Database) -> None:
    for name in ("councils", "checks", "runs", "pages", "findings"):
        _create(db, name)


@migration("0002_links")
def links(db: sqlite_utils.Database) -> None:
    """The ``links`` table: each page's in-site links, for finding broken links."""
    _create(db, "links")


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations this database has not had yet; returns their names."""
    log = db["_migrations"]
    log.create({"name": str, "applied_at": str}, pk="name", if_not_exists=True)  # type: ignore[union-attr]
    done = {row["name"] for row in log.rows}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with db.conn:
            fn(db)
            log.insert({"name": name, "applied_at": _now()})  # type: ignore[union-attr]
        applied.append(name)
    return applied


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@migration("0003_crawl_sample")
def crawl_sample(db: sqlite_utils.Database) -> None:
    """Why each page was sampled and where it redirected; each council's part of a run
    (resuming, progress, scheduling); the crawl frontier."""
    pages = db["pages"]
    for column in ("selected_because", "redirect"):
        if column not in pages.columns_dict:
            pages.add_column(column, TABLES["pages"]["columns"][column])  # type: ignore[union-attr]
    for name in ("council_crawls", "frontier"):
        _create(db, name)


@migration("0004_statements_documents")
def statements_documents(db: sqlite_utils.Database) -> None:
    """The accessibility statement of each council in each run, and the documents checked."""
    for name in ("statements", "documents"):
        _create(db, name)


@migration("0005_publishing")
def publishing(db: sqlite_utils.Database) -> None:
    """Per-page reading age and word count (so a median covers every scored page), the
    ``council_runs`` view, and full-text search over pages and findings kept up to date
    by triggers."""
    from council_audit.results.schema import FTS, VIEWS

    pages = db["pages"]
    for column in ("reading_age", "words"):
        if column not in pages.columns_dict:
            pages.add_column(column, TABLES["pages"]["columns"][column])  # type: ignore[union-attr]
    for name, sql in VIEWS.items():
        db.execute(f"drop view if exists [{name}]")
        db.execute(f"create view [{name}] as {sql}")
    for table, columns in FTS.items():
        db[table].enable_fts(columns, create_triggers=True, replace=True)  # type: ignore[union-attr]


@migration("0006_advice")
def advice(db: sqlite_utils.Database) -> None:
    """The ``advice`` level: pages and council crawls count advice apart from errors and
    warnings. Older findings keep the level they were given."""
    for table in ("pages", "council_crawls"):
        if "advice" not in db[table].columns_dict:
            db[table].add_column("advice", int)  # type: ignore[union-attr]


@migration("0007_run_record")
def run_record(db: sqlite_utils.Database) -> None:
    """What each run ran (``run_checks``, ``runs.checks_digest``, ``runs.finding_settings``)
    and each finding's ``template_key``, filled in for the findings already stored. Runs
    made before this record nothing: they are compared as before, with a note."""
    from council_audit.findings import template_key

    for table, column in (("runs", "checks_digest"), ("runs", "finding_settings")):
        if column not in db[table].columns_dict:
            db[table].add_column(column, str)  # type: ignore[union-attr]
    findings = db["findings"]
    if "template_key" not in findings.columns_dict:
        findings.add_column("template_key", str)  # type: ignore[union-attr]
    db.conn.create_function("template_key", 3, template_key)
    db.execute(
        "update findings set template_key = template_key(check_id, snippet, selector)"
        " where template_key is null"
    )
    findings.create_index(["run_id", "council_code", "template_key"], if_not_exists=True)  # type: ignore[union-attr]
    _create(db, "run_checks")


@migration("0008_carried_forward")
def carried_forward(db: sqlite_utils.Database) -> None:
    """Re-crawls that audit only what changed: ``carried_from`` on pages and findings (the
    run whose audit was carried forward) and the ``page_changes`` table."""
    for table in ("pages", "findings"):
        if "carried_from" not in db[table].columns_dict:
            db[table].add_column("carried_from", str)  # type: ignore[union-attr]
    _create(db, "page_changes")


@migration("0009_complete_runs_only")
def complete_runs_only(db: sqlite_utils.Database) -> None:
    """``council_runs`` keeps only councils whose crawl completed (issue #10): a killed or
    still-running crawl's partial results are never published as a council's latest."""
    from council_audit.results.schema import VIEWS

    db.execute("drop view if exists council_runs")
    db.execute(f"create view council_runs as {VIEWS['council_runs']}")


@migration("0010_act_levels")
def act_levels(db: sqlite_utils.Database) -> None:
    """``checks.act_rules`` and ``checks.levels``: the ACT rules an axe-core rule
    implements and why its failures are errors or findings to review."""
    checks = db["checks"]
    for column in ("act_rules", "levels"):
        if column not in checks.columns_dict:
            checks.add_column(column, str)  # type: ignore[union-attr]
