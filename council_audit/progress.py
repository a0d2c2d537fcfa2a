"""Progress of a long crawl: pages done out of the budget for the councils being
crawled, councils finished, findings so far and an estimate of the time left.

On a terminal one status line is redrawn every couple of seconds; otherwise (cron,
systemd, a log file) a plain log line is written every ``progress_interval`` seconds.
It also stops the crawl if the process that started it has gone (killed), so an
orphaned crawl never carries on without its lock."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterable
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall

log = logging.getLogger(__name__)
TTY_INTERVAL = 2.0
SHOWN = 4  # councils shown by name on the line


def progress_line(
    councils: Iterable[tuple[str, int, int, bool]],
    total_councils: int,
    findings: int,
    elapsed: float,
) -> str:
    """'2/10 councils done, 130 pages, 1,204 findings, ETA 9 min; now: ABC 12/50, XYZ 3/50'."""
    rows = list(councils)
    done_pages = sum(done for _, done, _, _ in rows)
    finished = sum(1 for *_, fin in rows if fin)
    budget = rows[0][2] if rows else 0
    left = sum(max(b - d, 0) for _, d, b, fin in rows if not fin)
    left += (total_councils - len(rows)) * budget
    line = (
        f"{finished}/{total_councils} councils done, {done_pages} pages, "
        f"{findings:,} findings, ETA {eta(done_pages, left, elapsed)}"
    )
    active = [f"{code} {d}/{b}" for code, d, b, fin in rows if not fin][:SHOWN]
    return line + (f"; now: {', '.join(active)}" if active else "")


def eta(done: int, left: int, elapsed: float) -> str:
    if not left:
        return "0 s"
    if not done or elapsed <= 0:
        return "unknown"
    seconds = left * elapsed / done
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class Progress:
    """Scrapy extension: the progress line, and a watch on the parent process."""

    def __init__(self, crawler: Crawler, interval: float, tty: bool) -> None:
        self.crawler = crawler
        self.interval = interval
        self.tty = tty
        self.parent = os.getppid()
        self.started = time.monotonic()
        self.task: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        settings = crawler.settings.get("COUNCIL_AUDIT_SETTINGS")
        if settings is None:
            raise NotConfigured("COUNCIL_AUDIT_SETTINGS is not set")
        tty = sys.stderr.isatty()
        ext = cls(crawler, TTY_INTERVAL if tty else settings.progress_interval, tty)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        self.task = LoopingCall(self.tick, spider)
        self.task.start(min(self.interval, TTY_INTERVAL), now=False)
        self.last = 0.0

    def tick(self, spider: Spider) -> None:
        if os.getppid() != self.parent:
            log.warning("the process that started this crawl has gone: stopping")
            self.crawler.stop()
            return
        elapsed = time.monotonic() - self.started
        if not self.tty and elapsed - self.last < self.interval:
            return
        self.last = elapsed
        line = self.line(spider, elapsed)
        if self.tty:
            sys.stderr.write("\r\x1b[K" + line)
            sys.stderr.flush()
        else:
            log.info("progress: %s", line)

    def line(self, spider: Any, elapsed: float) -> str:
        stats = self.crawler.stats
        findings = stats.get_value("council_audit/findings", 0) if stats else 0
        return progress_line(spider.progress(), len(spider.councils), findings, elapsed)

    def closed(self, spider: Spider) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.tty:
            sys.stderr.write("\r\x1b[K" + self.line(spider, time.monotonic() - self.started) + "\n")
            sys.stderr.flush()
