"""A queue worker: takes councils from the queue one at a time and crawls each into its
own local SQLite shard with the single-machine crawl (same sample, page budget and
politeness), in a child process as ``crawl`` does. Progress lines come from that crawl.

A council is acknowledged only when its crawl is complete in the shard. If the worker
dies, its council goes back on the queue after ``queue_lease`` seconds; a shard it left
half-written is harmless (``merge`` takes the complete copy). A worker restarted on the
same shard that gets the same council back resumes it, fetching no recorded page again.
SIGTERM (or Ctrl-C) stops the crawl cleanly and puts the council back at once.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dramatiq
import redis
from dramatiq import Middleware

from council_audit.crawler.run import EXIT_INTERRUPTED, EXIT_OK, child_main
from council_audit.locks import Locks
from council_audit.results.crawlstore import CrawlStore
from council_audit.results.linkcheck import broken_link_findings
from council_audit.runstart import catalogue, run_settings, start_run
from council_audit.scale import status
from council_audit.scale.broker import ACTOR, QUEUE, connect, make_broker, outstanding, shown
from council_audit.settings import Settings

log = logging.getLogger(__name__)
# Settings about this machine, not about what a run audits: the worker's own win over
# the run's. Everything else comes from the run, so every shard audits alike.
LOCAL_SETTINGS = (
    "render_pages", "tab_reuse", "log_level", "verbose", "progress_interval", "chromium_path",
    "lock_dir", "queue_lease", "queue_retries", "queue_retry_delay", "queue_time_limit",
)  # fmt: skip


class WorkerBusy(RuntimeError):
    """Another worker is using this shard."""


class CouncilFailed(RuntimeError):
    """A council's crawl ended without completing (it is retried, then marked failed)."""


@dataclass
class WorkerSummary:
    name: str
    shard: Path
    done: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    handed_back: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # of a run queued by another version
    pages: int = 0


def refused(run: dict[str, Any]) -> str | None:
    """Why this worker must not crawl for ``run`` (None when it may): a run is audited by
    one version of council-audit and of axe-core, so that its councils compare like for
    like and the merged run's versions are true for every council."""
    from council_audit import __version__
    from council_audit.checks.axe import axe_version

    ours = {"tool_version": __version__, "axe_core_version": axe_version()}
    names = {"tool_version": "council-audit", "axe_core_version": "axe-core"}
    for key, mine in ours.items():
        theirs = run.get(key)
        if theirs != mine:
            return f"the run was queued by {names[key]} {theirs}; this worker runs {mine}"
    return None


class ShardWorker:
    """The actor's body and the worker's state (one council at a time)."""

    def __init__(
        self, queue_url: str, shard: Path, settings: Settings, name: str, say: Callable[[str], None]
    ) -> None:
        self.client = connect(queue_url)
        self.shard = shard
        self.settings = settings
        self.name = name
        self.say = say
        self.stopping = threading.Event()
        self.message: dramatiq.Message[Any] | None = None
        self.council: str | None = None
        self.catalogued: set[str] = set()  # runs whose check catalogue is in the shard
        self.summary = WorkerSummary(name, shard)
        self.broker: Any = None

    # --- one council --------------------------------------------------------------------
    def crawl_council(self, job: dict[str, Any]) -> None:
        run, council = job["run"], job["council"]
        code, run_id = council["code"], run["id"]
        if self.stopping.is_set():
            self.hand_back(run_id, code)
            return
        refusal = refused(run)
        if refusal:
            # a run's councils are compared like for like: one version audits them all
            # straight back, for a worker of the run's version
            self.hand_back(run_id, code, error=f"refused by {self.name}: {refusal}")
            self.say(f"worker {self.name}: refused run {run_id}: {refusal}; stopping")
            self.summary.refused.append(code)
            self.stopping.set()
            return
        settings = self.crawl_settings(run["settings"])  # (the run's, this machine's)
        self.council = code
        self.heartbeat()
        self.record(run_id, code, "running", worker=self.name,
                         shard=str(self.shard), attempt=True)  # fmt: skip
        self.say(f"worker {self.name}: {code} (run {run_id}) started")
        try:
            self.prepare_shard(run, council, settings)
            outcome = self.run_child(council, settings[1], run_id)
            self.finish(run_id, code, outcome)
        finally:
            self.council = None
            self.heartbeat()

    def crawl_settings(self, stored: dict[str, Any]) -> tuple[Settings, Settings]:
        """The run's settings, and those with this machine's own (``LOCAL_SETTINGS``)."""
        run = Settings.from_mapping(run_settings(json.dumps(stored)), env=False)
        return run, run.replace(**{name: getattr(self.settings, name) for name in LOCAL_SETTINGS})

    def prepare_shard(
        self, run: dict[str, Any], council: dict[str, Any], settings: tuple[Settings, Settings]
    ) -> None:
        """The council, and (once per run and worker) the check catalogue and the run's
        record, in the shard: the run's id, start, label and list of councils come from
        the queue, what it runs (versions, checks, settings) from this worker."""
        from council_audit.session import rule_catalogue

        store = CrawlStore(self.shard)
        try:
            store.upsert_councils([{k: v for k, v in council.items() if k != "extra_hosts"}])
            if run["id"] in self.catalogued:
                return
            rules, browser_version = rule_catalogue(settings[1])
            if store.db["runs"].count_where("id = ?", [run["id"]]) == 0:
                full = status.load_run(self.client, run["id"]) or {}
                start_run(store, settings[0], rules, browser_version, id=run["id"],
                              started_at=run["started_at"], label=run["label"],
                              councils=full.get("councils") or [council["code"]])  # fmt: skip
            else:
                store.upsert_checks(catalogue(rules))
            self.catalogued.add(run["id"])
        finally:
            store.close()

    def run_child(self, council: dict[str, Any], settings: Settings, run_id: str) -> str:
        """Crawl the council in a child process (resuming what this shard holds of it);
        a stop request ends the crawl cleanly (SIGTERM: Scrapy's own shutdown)."""
        ctx = multiprocessing.get_context("spawn")
        args = ([council], str(self.shard), settings, run_id, True)
        child = ctx.Process(target=child_main, args=args)
        child.start()
        try:
            while child.is_alive():
                child.join(1.0)
                if self.stopping.is_set() and child.is_alive():
                    child.terminate()
                    child.join()
        except BaseException:  # the time limit, or the worker going down
            child.terminate()
            child.join()
            raise
        if child.exitcode == EXIT_OK:
            return "complete"
        return "interrupted" if child.exitcode == EXIT_INTERRUPTED else "failed"

    def finish(self, run_id: str, code: str, outcome: str) -> None:
        store = CrawlStore(self.shard)
        try:
            store.mark_interrupted(run_id)  # a council this shard did not finish
            crawl = store.council_crawl(run_id, code) or {}
            if crawl.get("status") != "complete":
                if self.stopping.is_set():
                    self.hand_back(run_id, code)
                    return
                raise CouncilFailed(
                    f"crawl {outcome}, council {crawl.get('status') or 'not started'}"
                )
            broken_link_findings(store, run_id)
            counts = store.db.execute(
                "select (select count(*) from pages where run_id = :r),"
                " (select count(*) from findings where run_id = :r)",
                {"r": run_id},
            ).fetchone()
            with store.db.conn:
                store.db["runs"].update(
                    run_id, {"pages_count": counts[0], "findings_count": counts[1]}
                )  # type: ignore[union-attr]
        finally:
            store.close()
        pages, errors = crawl.get("pages") or 0, crawl.get("errors") or 0
        self.record(run_id, code, "done", worker=self.name, shard=str(self.shard),
                         pages=pages, documents=crawl.get("documents") or 0, errors=errors)  # fmt: skip
        self.summary.done.append(code)
        self.summary.pages += pages
        self.say(
            f"worker {self.name}: {code} (run {run_id}) complete: {pages} pages, {errors} errors"
        )

    def hand_back(self, run_id: str, code: str, **detail: Any) -> None:
        """Stopping: put the council straight back on the queue (not after the lease)."""
        message = self.message
        if message is not None and self.broker is not None:
            # Dramatiq's own requeue: out of this worker's unacknowledged set, back on the
            # queue; acknowledging it afterwards does nothing.
            self.broker.do_requeue(QUEUE, message.options["redis_message_id"])
        self.record(run_id, code, "queued", handed_back_by=self.name, **detail)
        self.summary.handed_back.append(code)
        self.say(f"worker {self.name}: {code} (run {run_id}) handed back to the queue")

    # --- the worker's life --------------------------------------------------------------
    def heartbeat(self) -> None:
        about = {"shard": str(self.shard), "council": self.council, "pid": os.getpid()}
        self.tell(status.beat, self.name, about, self.settings.queue_lease)

    def record(self, run_id: str, code: str, state: str, **detail: Any) -> None:
        self.tell(status.set_state, run_id, code, state, **detail)

    def tell(self, update: Callable[..., None], *args: Any, **kw: Any) -> None:
        """Update the status kept in Redis; while Redis is unreachable, say so and carry
        on crawling (the shard is local; Dramatiq reconnects on its own)."""
        try:
            update(self.client, *args, **kw)
        except redis.RedisError as exc:
            log.warning("worker %s: cannot reach Redis (%s); carrying on", self.name, exc)


class StatusMiddleware(Middleware):
    """Tells the worker which message it is on, and records failures once Dramatiq's
    Retries middleware has decided whether the council will be tried again."""

    def __init__(self, worker: ShardWorker) -> None:
        self.worker = worker

    def before_process_message(self, broker: Any, message: Any) -> None:
        self.worker.message = message

    def after_process_message(
        self,
        broker: Any,
        message: Any,
        *,
        result: Any = None,
        exception: BaseException | None = None,
    ) -> None:
        self.worker.message = None
        if exception is None:
            return
        job = message.args[0]
        run_id, code = job["run"]["id"], job["council"]["code"]
        state = "failed" if message.failed else "queued"
        self.worker.record(run_id, code, state, worker=self.worker.name,
                         error=f"{type(exception).__name__}: {exception}"[:300])  # fmt: skip
        if message.failed:
            self.worker.summary.failed.append(code)
        self.worker.say(
            f"worker {self.worker.name}: {code} (run {run_id}) "
            + ("failed" if message.failed else "failed; it will be tried again")
            + f": {exception}"
        )


def default_name(shard: Path) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{shard.name}"


def work(
    queue_url: str,
    shard: str | Path,
    settings: Settings,
    burst: bool = False,
    name: str | None = None,
    say: Callable[[str], None] = print,
) -> WorkerSummary:
    """Crawl councils from the queue into ``shard`` until stopped (SIGTERM, Ctrl-C) or,
    with ``burst``, until no council is left anywhere: queued, waiting for a retry, or held
    by another worker (whose council this worker takes if that worker dies)."""
    shard = Path(shard)
    shard.parent.mkdir(parents=True, exist_ok=True)
    with Locks(Path(f"{shard}.locks")) as locks:
        if not locks.acquire("worker"):
            raise WorkerBusy(f"another worker (pid {locks.holder('worker') or '?'}) uses {shard}")
        worker = ShardWorker(queue_url, shard, settings, name or default_name(shard), say)
        broker = make_broker(queue_url, settings, [StatusMiddleware(worker)])
        worker.broker = broker
        dramatiq.actor(worker.crawl_council, actor_name=ACTOR, queue_name=QUEUE, broker=broker,
                       max_retries=settings.queue_retries)  # fmt: skip
        engine = dramatiq.Worker(broker, worker_threads=1, worker_timeout=1000)
        engine.queue_prefetch = 1  # take one council at a time, leave the rest to others
        restore = _stop_on_signals(worker.stopping)
        say(f"worker {worker.name}: taking councils from {shown(queue_url)} into {shard}")
        engine.start()
        try:
            while not worker.stopping.is_set():
                worker.heartbeat()
                if burst and _nothing_left(worker):
                    break
                worker.stopping.wait(1.0)
        finally:
            worker.stopping.set()
            engine.stop()
            worker.tell(status.gone, worker.name)
            broker.close()
            restore()
        return worker.summary


def _nothing_left(worker: ShardWorker) -> bool:
    try:
        return outstanding(worker.client) == 0
    except redis.RedisError:
        return False  # unknown until Redis answers again


def _stop_on_signals(event: threading.Event) -> Callable[[], None]:
    """SIGTERM and SIGINT set ``event`` (main thread only); returns the undo."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    old = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    for sig in old:
        signal.signal(sig, lambda *_: event.set())

    def restore() -> None:
        for sig, handler in old.items():
            signal.signal(sig, handler)

    return restore
