"""Stopping cleanly when the results database cannot be written (issue #10): the disk
is full, or the file became read-only. The first such error stops the crawl with one
clear log line (reason ``results unwritable``: the run can be resumed when there is
room); the same error from the pages still in flight is not logged again."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

log = logging.getLogger(__name__)
REASON = "results unwritable"
WORDS = ("database or disk is full", "disk i/o error", "readonly database", "read-only")


def unwritable(exc: BaseException | None) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc).lower() for word in WORDS
    )


class StopWhenUnwritable(logging.Filter):
    """An extension, and a logging filter on Scrapy's item and callback errors."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__()
        self.crawler = crawler
        self.stopping = False
        for name in ("scrapy.core.scraper", "scrapy.utils.signal", "scrapy.core.engine"):
            logging.getLogger(name).addFilter(self)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StopWhenUnwritable:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_error, signal=signals.spider_error)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        return ext

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if not unwritable(exc):
            return True
        self.stop(exc)
        return False

    def spider_error(self, failure: Any, response: Any, spider: Spider) -> None:
        if unwritable(failure.value):
            self.stop(failure.value)

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Any) -> None:
        if unwritable(failure.value):
            self.stop(failure.value)

    def stop(self, exc: BaseException | None) -> None:
        if self.stopping:
            return
        self.stopping = True
        log.error(
            "council-audit: cannot write the results database (%s): stopping the crawl; "
            "pages not recorded will be fetched by crawl --resume once it can be written",
            exc,
        )
        engine = self.crawler.engine
        if engine is not None and self.crawler.spider is not None:
            engine.close_spider(self.crawler.spider, REASON)
