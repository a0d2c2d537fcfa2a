"""Running one crawl with Scrapy. Called in a child process by :func:`council_audit.api.crawl`
(Twisted's reactor cannot be restarted, and a crashed browser must not take the caller
down)."""

from __future__ import annotations

import sys
from typing import Any

from scrapy.crawler import CrawlerProcess

from council_audit.crawler.settings import scrapy_settings
from council_audit.crawler.spiders.council import CouncilSpider
from council_audit.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 3


def run_crawl(councils: list[dict[str, Any]], db_path: str, settings: Settings, run_id: str) -> int:
    process = CrawlerProcess(scrapy_settings(settings, db_path, run_id))
    crawler = process.create_crawler(CouncilSpider)
    process.crawl(crawler, councils=councils, audit_settings=settings)
    process.start()
    reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
    if reason == "finished":
        return EXIT_OK
    return EXIT_INTERRUPTED if reason == "shutdown" else EXIT_FAILED


def child_main(
    councils: list[dict[str, Any]], db_path: str, settings: Settings, run_id: str
) -> None:
    sys.exit(run_crawl(councils, db_path, settings, run_id))
