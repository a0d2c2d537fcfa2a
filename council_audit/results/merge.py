"""Merging worker shards into one results database (``council-audit merge``).

A shard is a results database written by one queue worker. Each council of a run is
taken whole from one copy: a complete copy beats an unfinished one (a worker that died
mid-council leaves one behind), then the copy with more pages, then a fixed tie-break (a
digest of its pages), so the outcome does not depend on the order of the shards. Merging
a shard again writes nothing. Reference rows (councils, checks) are upserted; a run's row
comes from the first shard that has it, and its counts and status are worked out from
what has been merged: a queued run is ``complete`` once every one of its councils is.

Shards are read, never written (attached read-only), so a worker may still be writing
its shard while it is merged; merging it again later picks up what it has added."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from council_audit.results.schema import TABLES
from council_audit.results.writer import TEXT_CAPS, ResultsDB

NEEDED_COLUMNS = {
    "runs": {"id", "status", "started_at"},
    "pages": {"id", "run_id", "council_code", "url"},
    "council_crawls": {"run_id", "council_code", "status"},
}
SKIPPED = {"frontier"}  # only of use for resuming a crawl inside its own shard
Rank = tuple[bool, int, str]


class MergeError(ValueError):
    """A shard is missing or is not a council-audit results database."""


@dataclass
class MergeReport:
    db_path: Path
    taken: list[tuple[str, str, str]] = field(default_factory=list)  # (shard, run, council)
    kept: int = 0  # council copies the database already had (the same or better)
    runs: dict[str, str] = field(default_factory=dict)  # run id -> status after the merge


@dataclass
class _Table:
    name: str
    columns: list[str]
    kind: str  # reference, runs, council, page or run

    @property
    def cols(self) -> str:
        return ", ".join(f"[{c}]" for c in self.columns)

    @property
    def capped_cols(self) -> str:
        """The columns as read from a shard, with each long text cut as the writer cuts
        it (:func:`~council_audit.results.writer.capped`): a shard from another version,
        or one written by hand, cannot bring rows of megabytes into the results."""
        return ", ".join(_capped(c) for c in self.columns)


def _capped(column: str) -> str:
    limit = TEXT_CAPS.get(column)
    if limit is None:
        return f"[{column}]"
    return (f"case when typeof([{column}]) = 'text' and length([{column}]) > {limit}"
            f" then substr([{column}], 1, {limit - 1}) || '…' else [{column}] end")  # fmt: skip


def merge_shards(db_path: str | Path, shards: Sequence[str | Path]) -> MergeReport:
    """Merge ``shards`` into ``db_path`` (created, or upgraded in place, if need be)."""
    db_path = Path(db_path)
    paths = [_check_shard(Path(s), db_path) for s in shards]
    ResultsDB(db_path).close()  # the schema and migrations, as for any results database
    conn = sqlite3.connect(str(db_path), uri=True, isolation_level=None, timeout=60)
    conn.execute("PRAGMA recursive_triggers = ON")  # a replaced row updates full-text search
    report = MergeReport(db_path)
    try:
        for path in paths:
            _merge_one(conn, path, report)
        conn.execute("BEGIN IMMEDIATE")
        for run_id in sorted(report.runs):
            report.runs[run_id] = _settle_run(conn, run_id)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return report


def _check_shard(path: Path, db_path: Path) -> Path:
    if not path.is_file():
        raise MergeError(f"no shard at {path}")
    if db_path.exists() and path.resolve() == db_path.resolve():
        raise MergeError(f"{path} is the database being merged into")
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as probe:
            names = {r[0] for r in probe.execute("select name from sqlite_master")}
            columns = {
                table: {r[1] for r in probe.execute(f"pragma table_info([{table}])")}
                for table in NEEDED_COLUMNS
            }
    except sqlite3.DatabaseError as exc:
        raise MergeError(f"{path} is not an SQLite database ({exc})") from None
    if not set(NEEDED_COLUMNS) <= names:
        raise MergeError(f"{path} is not a council-audit results database")
    for table, needed in NEEDED_COLUMNS.items():
        if not needed <= columns[table]:
            missing = ", ".join(sorted(needed - columns[table]))
            raise MergeError(
                f"{path} is not a council-audit shard: its {table} table has no {missing}"
            )
    return path


def _merge_one(conn: sqlite3.Connection, path: Path, report: MergeReport) -> None:
    conn.execute("ATTACH DATABASE ? AS shard", [f"{path.resolve().as_uri()}?mode=ro"])
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            tables = _tables(conn)
            for table in tables:
                if table.kind in ("reference", "runs", "run"):
                    _copy_rows(conn, table)
            for run_id, code in conn.execute(
                "select run_id, council_code from shard.council_crawls order by run_id, council_code"
            ).fetchall():
                report.runs.setdefault(run_id, "")
                mine, theirs = _rank(conn, "main", run_id, code), _rank(conn, "shard", run_id, code)
                if mine is not None and mine >= theirs:  # type: ignore[operator]
                    report.kept += 1
                    continue
                _replace_council(conn, tables, run_id, code)
                report.taken.append((str(path), run_id, code))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE shard")


def _tables(conn: sqlite3.Connection) -> list[_Table]:
    """The tables of results/schema.py both databases have, in foreign-key order, with
    the columns both have (a shard from an older version may lack newer ones)."""
    out = []
    for name in TABLES:
        if name in SKIPPED:
            continue
        main = [r[1] for r in conn.execute(f"pragma main.table_info([{name}])")]
        theirs = {r[1] for r in conn.execute(f"pragma shard.table_info([{name}])")}
        columns = [c for c in main if c in theirs]
        if not columns:
            continue
        if name == "runs":
            kind = "runs"
        elif {"run_id", "council_code"} <= set(columns):
            kind = "council"
        elif {"run_id", "page_id"} <= set(columns):
            kind = "page"
        else:
            kind = "run" if "run_id" in columns else "reference"
        out.append(_Table(name, columns, kind))
    return out


def _copy_rows(conn: sqlite3.Connection, table: _Table) -> None:
    """Reference rows are upserted, changing only what differs; run rows are added once."""
    pk = TABLES[table.name]["pk"]
    keys = [pk] if isinstance(pk, str) else list(pk)
    insert = f"insert into main.[{table.name}] ({table.cols}) select {table.capped_cols} from shard.[{table.name}] where true"
    others = [c for c in table.columns if c not in keys]
    if table.kind != "reference" or not others:
        conn.execute(f"{insert} on conflict do nothing")
        return
    sets = ", ".join(f"[{c}] = excluded.[{c}]" for c in others)
    differs = " or ".join(f"[{c}] is not excluded.[{c}]" for c in others)
    target = ", ".join(f"[{k}]" for k in keys)
    conn.execute(f"{insert} on conflict ({target}) do update set {sets} where {differs}")


def _rank(conn: sqlite3.Connection, db: str, run_id: str, code: str) -> Rank | None:
    """How good a copy of the council is: complete first, then more pages, then a digest."""
    row = conn.execute(
        f"select status from {db}.council_crawls where run_id = ? and council_code = ?",
        [run_id, code],
    ).fetchone()
    if row is None:
        return None
    pages = conn.execute(
        f"select id, url, fetched_at, status from {db}.pages"
        " where run_id = ? and council_code = ? order by id",
        [run_id, code],
    ).fetchall()
    digest = hashlib.sha256(json.dumps(pages).encode()).hexdigest()
    return (row[0] == "complete", len(pages), digest)


def _replace_council(
    conn: sqlite3.Connection, tables: list[_Table], run_id: str, code: str
) -> None:
    """Swap the database's copy of the council's part of the run for the shard's."""
    ours = [t for t in tables if t.kind in ("council", "page")]

    def where(db: str, table: _Table) -> str:
        if table.kind == "page":
            return (f"page_id in (select id from {db}.pages"
                    " where run_id = :run and council_code = :code)")  # fmt: skip
        return "run_id = :run and council_code = :code"

    args = {"run": run_id, "code": code}
    # rows keyed by page first (they find the council's pages through main.pages), pages last
    for table in sorted(reversed(ours), key=lambda t: (t.kind != "page", t.name == "pages")):
        conn.execute(f"delete from main.[{table.name}] where {where('main', table)}", args)
    for table in ours:
        conn.execute(
            f"insert or replace into main.[{table.name}] ({table.cols})"
            f" select {table.capped_cols} from shard.[{table.name}] where {where('shard', table)}",
            args,
        )


def _settle_run(conn: sqlite3.Connection, run_id: str) -> str:
    """The run's counts from what was merged; a run still 'running' (as every shard
    records a queued run) becomes 'complete' once each of its councils is."""
    row = conn.execute("select status, councils from runs where id = ?", [run_id]).fetchone()
    if row is None:
        return ""
    status, councils = row[0], set(json.loads(row[1] or "[]"))
    done, ended = conn.execute(
        "select count(*), max(ended_at) from council_crawls"
        " where run_id = ? and status = 'complete'",
        [run_id],
    ).fetchone()
    if status == "running" and councils and done >= len(councils):
        complete = conn.execute(
            "select count(distinct council_code) from council_crawls where run_id = ?"
            " and status = 'complete' and council_code in (select value from json_each(?))",
            [run_id, json.dumps(sorted(councils))],
        ).fetchone()[0]
        if complete == len(councils):
            status = "complete"
            conn.execute(
                "update runs set status = 'complete', ended_at = ? where id = ?", [ended, run_id]
            )
    conn.execute(
        "update runs set pages_count = p, findings_count = f from (select"
        " (select count(*) from pages where run_id = :r) as p,"
        " (select count(*) from findings where run_id = :r) as f)"
        " where id = :r and (pages_count is not p or findings_count is not f)",
        {"r": run_id},
    )
    return status
