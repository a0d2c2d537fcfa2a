"""The Python API. The command line (:mod:`council_audit.cli`) is a thin layer over it."""

from __future__ import annotations

import asyncio
import errno
import logging
import multiprocessing
import socket
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from council_audit import __version__
from council_audit.crawler.run import EXIT_INTERRUPTED, EXIT_OK, child_main
from council_audit.interrupts import signals_interrupt
from council_audit.locks import CrawlBusy, Locks, lock_councils, lock_dir, wait_for_orphans
from council_audit.results import ResultsDB
from council_audit.results.crawlstore import CrawlStore
from council_audit.results.linkcheck import broken_link_findings
from council_audit.runstart import run_settings, start_run
from council_audit.session import CheckResult, audit_urls, rule_catalogue
from council_audit.settings import Settings

log = logging.getLogger(__name__)
DEFAULT_DB = Path("results/councils.db")
DEMO_DB = Path("results/demo.db")
CHILD_STOP_TIMEOUT_S = 60.0  # a crawl child gets this long to stop cleanly when told to


@dataclass
class CouncilSummary:
    code: str
    name: str
    pages: int
    errors: int
    warnings: int


@dataclass
class RunSummary:
    """What a run stored, counted in the database (as the published site counts it)."""

    run_id: str
    status: str
    db_path: Path
    councils: int
    pages: int
    findings: int
    errors: int
    seconds: float = 0.0
    per_council: list[CouncilSummary] = field(default_factory=list)


def crawl(
    councils: Sequence[dict[str, Any]],
    db_path: str | Path = DEFAULT_DB,
    settings: Settings | None = None,
    label: str = "crawl",
    skip_locked: bool = False,
) -> RunSummary:
    """Crawl and audit the given councils (register rows), writing into ``db_path``.

    Each council is locked for the crawl (see :mod:`council_audit.schedule`): a council
    another process is crawling raises :class:`CrawlBusy`, or is left out with
    ``skip_locked``."""
    settings = settings or Settings.from_mapping()
    with Locks(lock_dir(db_path, settings)) as locks:
        codes = lock_councils(locks, [c["code"] for c in councils], skip_locked)
        if not codes:
            raise CrawlBusy([c["code"] for c in councils], {})
        chosen = [c for c in councils if c["code"] in codes]
        db = CrawlStore(db_path)
        try:
            db.upsert_councils([{k: v for k, v in c.items() if k != "extra_hosts"} for c in chosen])
            rules, browser_version = rule_catalogue(settings)
            run_id = start_run(db, settings, rules, browser_version, label=label, councils=codes)
            db.plan_councils(run_id, chosen, settings)
            return _run(db, chosen, settings, run_id, resume=False)
        finally:
            db.close()


def resume(
    db_path: str | Path = DEFAULT_DB, settings: Settings | None = None, run_id: str | None = None
) -> RunSummary:
    """Continue the latest run that did not complete (or ``run_id``): pages already
    recorded are not fetched again, and the sample is chosen as it would have been."""
    if not Path(db_path).is_file():  # never create an empty database to resume
        raise NothingToResume(f"no results database at {db_path} to resume: start a crawl first")
    db = CrawlStore(db_path)
    try:
        run = db.resumable_run(run_id)
        if run is None:
            raise NothingToResume(f"no interrupted run to resume in {db_path}")
        settings = settings or Settings.from_mapping(run_settings(run["settings"]), env=False)
        councils = db.run_councils(run["id"])
        with Locks(lock_dir(db_path, settings)) as locks:
            lock_councils(locks, [c["code"] for c in councils], skip_locked=False)
            db.reopen_run(run["id"])
            return _run(db, councils, settings, run["id"], resume=True)
    finally:
        db.close()


class NothingToResume(LookupError):
    pass


def _run(
    db: CrawlStore, councils: list[dict[str, Any]], settings: Settings, run_id: str, resume: bool
) -> RunSummary:
    with Locks(lock_dir(db.path, settings)) as locks:
        wait_for_orphans(locks, [c["code"] for c in councils])
    status = _crawl_in_child(list(councils), str(db.path), settings, run_id, resume)
    db.mark_interrupted(run_id)  # any council the crawl did not finish
    broken_link_findings(db, run_id)  # needs every page's status: after the crawl
    db.end_run(run_id, status)
    return summarise(db, run_id, len(councils))


def _crawl_in_child(
    councils: list[dict[str, Any]], db_path: str, settings: Settings, run_id: str, resume: bool
) -> str:
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=child_main, args=(councils, db_path, settings, run_id, resume))
    with signals_interrupt():  # SIGTERM, SIGHUP: the run is marked interrupted
        child.start()
        try:
            child.join()
        except KeyboardInterrupt:
            child.terminate()  # Scrapy's clean shutdown: pages in flight stay pending
            child.join(CHILD_STOP_TIMEOUT_S)
            if child.is_alive():
                child.kill()
                child.join()
            return "interrupted"
    if child.exitcode == EXIT_OK:
        return "complete"
    return "interrupted" if child.exitcode == EXIT_INTERRUPTED else "failed"


def describe_crawl(councils: Sequence[dict[str, Any]], settings: Settings) -> dict[str, Any]:
    """What a crawl would do, without doing it (``crawl --dry-run``): the sample plan and
    each council's hosts."""
    from council_audit.crawler.sample import describe_plan
    from council_audit.register import allowed_hosts

    return {
        "sample": describe_plan(settings.sample_top_tasks),
        "councils": [{**c, "hosts": sorted(allowed_hosts(c, settings))} for c in councils],
    }


def summarise(db: ResultsDB, run_id: str, councils: int) -> RunSummary:
    row = db.db.execute(
        "select status, pages_count, findings_count,"
        " (select count(*) from findings where run_id = runs.id and level = 'error'),"
        " (julianday(coalesce(ended_at, started_at)) - julianday(started_at)) * 86400"
        " from runs where id = ?",
        [run_id],
    ).fetchone()
    per_council = [
        CouncilSummary(*r)
        for r in db.db.execute(
            "select c.code, c.name,"
            " (select count(*) from pages p where p.run_id = ? and p.council_code = c.code),"
            " (select count(*) from findings f where f.run_id = ? and f.council_code = c.code"
            "  and f.level = 'error'),"
            " (select count(*) from findings f where f.run_id = ? and f.council_code = c.code"
            "  and f.level != 'error')"
            " from councils c where c.code in (select value from json_each("
            "  (select councils from runs where id = ?))) order by c.code",
            [run_id, run_id, run_id, run_id],
        )
    ]
    return RunSummary(
        run_id,
        row[0],
        db.path,
        councils,
        row[1] or 0,
        row[2] or 0,
        row[3] or 0,
        float(row[4] or 0),
        per_council,
    )


def check(urls: Sequence[str], settings: Settings | None = None) -> CheckResult:
    """Audit the given pages without crawling, in one browser session."""
    return asyncio.run(audit_urls(list(urls), settings or Settings.from_mapping()))


def check_report(result: CheckResult) -> dict[str, Any]:
    """The ``check --format json`` contract."""
    return {
        "tool": {
            "name": "council-audit",
            "version": __version__,
            "axe_core": result.axe_core_version,
            "browser": result.browser_version,
        },
        "pages": [
            {
                "url": p.snapshot.url,
                "final_url": p.snapshot.final_url or None,
                "status": p.snapshot.status,
                "error": p.snapshot.error,
                "findings": [f.as_contract() for f in p.findings],
            }
            for p in result.pages
        ],
    }


def demo(db_path: str | Path = DEMO_DB, settings: Settings | None = None) -> list[RunSummary]:
    """Serve the bundled demo councils on 127.0.0.1 and crawl them twice into a fresh
    ``db_path``: every council, then (after the typical council has fixed some barriers,
    see ``FIXED_LATER``) that council again, so there is a trend and a list of what
    changed. Returns both runs' summaries (one if the first did not complete).

    The database is the demo's own: one holding any other council is refused, never
    deleted."""
    from council_audit.demo import DEMO_COUNCILS, DemoSites

    settings = (settings or Settings.from_mapping()).replace(allow_loopback=True)
    if settings.page_budget == Settings().page_budget:
        settings = settings.replace(page_budget=200)  # every demo page, not a sample
    db_path = Path(db_path)
    clear_demo_db(db_path, {c["code"] for c in DEMO_COUNCILS})
    with DemoSites() as sites:
        first = crawl(sites.councils(), db_path, settings, label="demo")
        if first.status != "complete":
            return [first]
        changed = sites.fix()
        again = [c for c in sites.councils() if c["code"] in changed]
        return [first, crawl(again, db_path, settings, label="demo: after fixes")]


def clear_demo_db(db_path: Path, demo_codes: set[str]) -> None:
    """Delete a previous demo database, refusing one that holds other councils' results."""
    if db_path.is_file():
        try:
            con = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                codes = {r[0] for r in con.execute("select code from councils")}
            finally:
                con.close()
        except sqlite3.Error:
            codes = set()  # not a results database we wrote: refuse below unless empty
            if db_path.stat().st_size:
                codes = {"?"}
        if codes - demo_codes:
            raise DemoDatabaseInUse(
                f"{db_path} holds results for councils other than the demo's: the demo "
                "starts a fresh database, so give it another --db"
            )
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


class DemoDatabaseInUse(RuntimeError):
    pass


def port_problem(host: str, port: int) -> str | None:
    """Why Datasette could not listen on ``host:port`` (in use, not allowed), or None.
    Asked before a crawl, so ``demo`` never crawls for minutes to fail at the end."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return f"cannot listen on {host}:{port}: {exc}"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            sock.bind(address)
        except OSError as exc:
            busy = exc.errno == errno.EADDRINUSE
            why = "it is already in use" if busy else exc.strerror
            return f"cannot serve on {host}:{port}: {why} (choose another with --port)"
    return None


def find_councils(search: str = "", csv_path: str | Path | None = None) -> list[dict[str, Any]]:
    """Councils in the register (or a CSV of the same shape) matching ``search``: a code
    in any case, or words in the name, place, type or address; every council if empty."""
    from council_audit.lookup import search as look_up
    from council_audit.register import load_register

    rows = load_register(csv_path)
    return look_up(rows, search) if search.strip() else rows


# --- many machines (docs/scaling.md) ------------------------------------------------------
def enqueue(
    councils: Sequence[dict[str, Any]],
    queue_url: str,
    settings: Settings | None = None,
    label: str = "crawl",
) -> str:
    """Create a run and queue its councils in Redis for workers; returns the run id."""
    from council_audit.scale.queue import enqueue_run

    return enqueue_run(queue_url, councils, settings or Settings.from_mapping(), label)


def queue_status(queue_url: str, run_id: str) -> Any:
    """Where each council of a queued run is: queued, running, done or failed
    (a :class:`council_audit.scale.status.RunStatus`)."""
    from council_audit.scale.queue import queue_status as status

    return status(queue_url, run_id)


def work(
    queue_url: str,
    shard: str | Path,
    settings: Settings | None = None,
    burst: bool = False,
    say: Any = print,
) -> Any:
    """Crawl councils from the queue into the SQLite ``shard`` until stopped or, with
    ``burst``, until none is left (a :class:`council_audit.scale.worker.WorkerSummary`)."""
    from council_audit.scale.worker import work as run_worker

    return run_worker(queue_url, shard, settings or Settings.from_mapping(), burst, say=say)


def merge(db_path: str | Path, shards: Sequence[str | Path]) -> Any:
    """Merge worker shards into ``db_path``, idempotently, taking each council's complete
    copy (a :class:`council_audit.results.merge.MergeReport`)."""
    from council_audit.results.merge import merge_shards

    return merge_shards(db_path, shards)
