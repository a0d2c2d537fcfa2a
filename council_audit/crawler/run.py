"""Running one crawl with Scrapy. Called in a child process by :func:`council_audit.api.crawl`
(Twisted's reactor cannot be restarted, and a crashed browser must not take the caller
down)."""

from __future__ import annotations

import sys
from typing import Any

from scrapy.crawler import CrawlerProcess

from council_audit import progress
from council_audit.crawler.diskfull import REASON as UNWRITABLE
from council_audit.crawler.settings import scrapy_settings
from council_audit.crawler.spiders.council import CouncilSpider
from council_audit.interrupts import die_with_parent
from council_audit.proxy import running
from council_audit.register import allowed_hosts
from council_audit.scope import Scope
from council_audit.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 3


def run_crawl(
    councils: list[dict[str, Any]],
    db_path: str,
    settings: Settings,
    run_id: str,
    resume: bool = False,
) -> int:
    scope = crawl_scope(councils, settings)
    with running(scope) as proxy:
        process = CrawlerProcess(scrapy_settings(settings, db_path, run_id, scope, proxy.url))
        if not progress.verbose(settings):
            progress.quiet_logging(settings)
        crawler = process.create_crawler(CouncilSpider)
        process.crawl(crawler, councils=councils, audit_settings=settings, resume=resume)
        process.start()
    reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
    if reason == "finished":
        return EXIT_OK
    return EXIT_INTERRUPTED if reason in ("shutdown", UNWRITABLE) else EXIT_FAILED


def crawl_scope(councils: list[dict[str, Any]], settings: Settings) -> Scope:
    """The crawl's scope: loopback (with allow_loopback) only for the councils' own sites."""
    sites: set[str] = set()
    for council in councils:
        sites |= allowed_hosts(council, settings)
    return Scope(settings.allow_loopback, frozenset(sites))


def child_main(
    councils: list[dict[str, Any]],
    db_path: str,
    settings: Settings,
    run_id: str,
    resume: bool = False,
) -> None:
    die_with_parent()  # a SIGTERM: Scrapy's clean shutdown
    from council_audit.locks import Locks, hold_crawling, lock_dir

    locks = Locks(lock_dir(db_path, settings))  # held until this process ends
    if not hold_crawling(locks, [c["code"] for c in councils]):
        print(
            "council-audit: another crawl process is still crawling these councils", file=sys.stderr
        )
        sys.exit(EXIT_FAILED)
    sys.exit(run_crawl(councils, db_path, settings, run_id, resume))
