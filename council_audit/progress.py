"""Progress of a long crawl, and a quiet terminal while it runs.

Each council's progress is its pages done out of its sample as far as the crawl knows it
(the pages and documents found so far, up to the page budget and document limit), with
its rate in pages a minute and the time left at that rate; the run's estimate adds the
councils not started yet at the average sample size of those seen. Pages and findings
are counted in the results database, as the closing summary and the published data
count them.

On a terminal one status line is redrawn every couple of seconds; otherwise (cron,
systemd, a log file) a plain line is written every ``progress_interval`` seconds and when
a council finishes. Scrapy's own log is shown only with ``verbose`` or ``log_level=DEBUG``
(:func:`quiet_logging`). The extension also stops the crawl if the process that started
it has gone (killed), so an orphaned crawl never carries on without its lock."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import time
from dataclasses import dataclass
from typing import Any, TextIO

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall

from council_audit.settings import Settings

log = logging.getLogger(__name__)
TTY_INTERVAL = 2.0
SHOWN = 4  # councils in progress shown by name on the line


@dataclass
class CouncilProgress:
    """One council's place in its sample: ``done`` of ``expected`` (the sample as far
    as the crawl has found it), and when it started (monotonic seconds)."""

    code: str
    done: int
    expected: int
    finished: bool
    started: float = 0.0
    ended: float | None = None

    def rate(self, now: float) -> float:
        """Pages (and documents) a minute since the council started."""
        seconds = (self.ended or now) - self.started
        return self.done * 60 / seconds if seconds > 0 else 0.0

    def left(self) -> int:
        return 0 if self.finished else max(self.expected - self.done, 0)


@dataclass
class Counts:
    """What the results database holds for the run so far."""

    pages: int = 0
    findings: int = 0


def duration(seconds: float) -> str:
    """'45 s', '3 min 10 s', '1 h 05 min'."""
    seconds = max(round(seconds), 0)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        minutes, secs = divmod(seconds, 60)
        return f"{minutes} min {secs:02d} s" if minutes < 10 else f"{minutes} min"
    hours, rest = divmod(seconds, 3600)
    return f"{hours} h {rest // 60:02d} min"


def run_eta(rows: list[CouncilProgress], total_councils: int, elapsed: float) -> str:
    """Time left for the whole run at the rate measured so far, over the samples found
    so far plus the councils not started (at the average sample size seen)."""
    done = sum(r.done for r in rows)
    left = sum(r.left() for r in rows)
    waiting = total_councils - len(rows)
    if waiting:
        sizes = [r.expected for r in rows if r.finished] or [r.expected for r in rows]
        left += waiting * (sum(sizes) // len(sizes) if sizes else 0)
    if not left and not waiting:
        return "0 s"
    if not done or elapsed <= 0:
        return "unknown"
    return duration(left * elapsed / done)


def council_eta(row: CouncilProgress, now: float) -> str:
    rate = row.rate(now)
    return duration(row.left() * 60 / rate) if rate else "unknown"


def progress_line(
    rows: list[CouncilProgress], total_councils: int, counts: Counts, elapsed: float, now: float
) -> str:
    """'1/3 councils done, 96 pages, 412 findings, 38 pages/min, ETA 1 min 10 s;
    now: DTY 30/45 (14/min, ETA 1 min 04 s)'."""
    finished = sum(r.finished for r in rows)
    done = sum(r.done for r in rows)
    rate = done * 60 / elapsed if elapsed > 0 else 0.0
    line = (
        f"{finished}/{total_councils} councils done, {counts.pages:,} pages, "
        f"{counts.findings:,} findings, {rate:.0f} pages/min, "
        f"ETA {run_eta(rows, total_councils, elapsed)}"
    )
    active = [
        f"{r.code} {r.done}/{r.expected} ({r.rate(now):.0f}/min, ETA {council_eta(r, now)})"
        for r in rows
        if not r.finished
    ]
    more = f", {len(active) - SHOWN} more" if len(active) > SHOWN else ""
    return line + (f"; now: {', '.join(active[:SHOWN])}{more}" if active else "")


def finished_line(row: CouncilProgress, now: float) -> str:
    seconds = (row.ended or now) - row.started
    return (
        f"{row.code} done: {row.done} pages and documents in {duration(seconds)} "
        f"({row.rate(now):.0f}/min)"
    )


class Progress:
    """Scrapy extension: the progress display, and a watch on the parent process."""

    def __init__(
        self, crawler: Crawler, interval: float, tty: bool, db_path: str, run_id: str
    ) -> None:
        self.crawler = crawler
        self.interval = interval
        self.tty = tty
        self.db_path = db_path
        self.run_id = run_id
        self.parent = os.getppid()
        self.started = time.monotonic()
        self.last = 0.0
        self.task: LoopingCall | None = None
        self.councils: dict[str, CouncilProgress] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        settings = crawler.settings.get("COUNCIL_AUDIT_SETTINGS")
        if settings is None:
            raise NotConfigured("COUNCIL_AUDIT_SETTINGS is not set")
        tty = sys.stderr.isatty()
        ext = cls(
            crawler,
            TTY_INTERVAL if tty else settings.progress_interval,
            tty,
            crawler.settings.get("COUNCIL_AUDIT_DB", ""),
            crawler.settings.get("COUNCIL_AUDIT_RUN_ID", ""),
        )
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        self.started = time.monotonic()
        settings = spider.audit_settings
        every = "" if self.tty else f"; progress every {duration(self.interval)}"
        _write(
            sys.stderr,
            stamped(
                f"Crawling {len(spider.councils)} councils, up to {settings.page_budget} pages "
                f"and {settings.document_limit} documents each{every}."
            )
            + "\n",
        )
        self.task = LoopingCall(self.tick, spider)
        self.task.start(min(self.interval, TTY_INTERVAL), now=False)

    def tick(self, spider: Spider) -> None:
        if os.getppid() != self.parent:
            log.warning("the process that started this crawl has gone: stopping")
            self.crawler.stop()
            return
        now = time.monotonic()
        newly_finished = self.update(spider, now)
        if self.tty:
            _write(sys.stderr, "\r\x1b[K" + self.line(spider, now))
            return
        for row in newly_finished:
            _write(sys.stderr, stamped(finished_line(row, now)) + "\n")
        if now - self.started - self.last >= self.interval:
            self.last = now - self.started
            _write(sys.stderr, stamped("progress: " + self.line(spider, now)) + "\n")

    def update(self, spider: Any, now: float) -> list[CouncilProgress]:
        """Refresh each council's figures; returns those that finished since last time."""
        newly = []
        for code, done, expected, finished in spider.progress():
            row = self.councils.get(code)
            if row is None:
                row = self.councils[code] = CouncilProgress(code, 0, 0, False, started=now)
            was_finished = row.finished
            row.done, row.expected, row.finished = done, max(expected, done), finished
            if finished and not was_finished:
                row.ended = now
                newly.append(row)
        return newly

    def line(self, spider: Any, now: float) -> str:
        rows = list(self.councils.values())
        return progress_line(rows, len(spider.councils), self.counts(), now - self.started, now)

    def counts(self) -> Counts:
        """Pages and findings the run has stored so far (what the summary will say)."""
        if not self.db_path:
            return Counts()
        try:
            con = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=1)
            try:
                pages = con.execute(
                    "select count(*) from pages where run_id = ?", [self.run_id]
                ).fetchone()[0]
                findings = con.execute(
                    "select count(*) from findings where run_id = ?", [self.run_id]
                ).fetchone()[0]
            finally:
                con.close()
        except sqlite3.Error:  # busy or not created yet: show nothing rather than stop
            return Counts()
        return Counts(pages, findings)

    def closed(self, spider: Spider) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        now = time.monotonic()
        newly_finished = self.update(spider, now)
        if self.tty:  # the caller prints the summary on a clean line
            _write(sys.stderr, "\r\x1b[K")
            return
        for row in newly_finished:
            _write(sys.stderr, stamped(finished_line(row, now)) + "\n")


def stamped(text: str) -> str:
    return f"{time.strftime('%H:%M:%S')} {text}"


def _write(stream: TextIO, text: str) -> None:
    stream.write(text)
    stream.flush()


class _QuietFilter(logging.Filter):
    """Our own warnings and anyone's errors; nothing else."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        ours = record.name == "council_audit" or record.name.startswith("council_audit.")
        return record.levelno >= (self.level if ours else logging.ERROR)


class _LineHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes on a line of its own, clearing a redrawn progress line first."""

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream.isatty():
            self.stream.write("\r\x1b[K")
        super().emit(record)


def verbose(settings: Settings) -> bool:
    """Whether Scrapy's own log is shown."""
    return settings.verbose or settings.log_level.upper() == "DEBUG"


def quiet_logging(settings: Settings) -> None:
    """Send the log to stderr with only our warnings (or worse, at ``log_level``) and
    every logger's errors. Call after Scrapy has configured logging with
    ``LOG_ENABLED`` off."""
    handler = _LineHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s: %(message)s", "%H:%M:%S"))
    level = max(logging.getLevelName(settings.log_level.upper()), logging.WARNING)
    handler.addFilter(_QuietFilter(level))
    logging.root.addHandler(handler)
