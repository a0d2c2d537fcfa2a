"""Item pipelines: run the checks on each page, then store page and findings at once."""

from __future__ import annotations

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from council_audit.audit import audit_snapshot
from council_audit.crawler.items import PageItem
from council_audit.results import ResultsDB
from council_audit.settings import Settings


class AuditPipeline:
    """Runs axe-core's mapping and every registered check on the gathered page."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AuditPipeline:
        settings = crawler.settings.get("COUNCIL_AUDIT_SETTINGS")
        if settings is None:
            raise NotConfigured("COUNCIL_AUDIT_SETTINGS is not set")
        return cls(settings)

    def process_item(self, item: PageItem, spider: Spider) -> PageItem:
        item.findings = audit_snapshot(item.snapshot, self.settings)
        return item


class StorePipeline:
    """Writes each page and its findings in one transaction, as soon as it is known."""

    def __init__(self, db_path: str, run_id: str, crawler: Crawler) -> None:
        self.db = ResultsDB(db_path)
        self.run_id = run_id
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        db_path = crawler.settings.get("COUNCIL_AUDIT_DB")
        run_id = crawler.settings.get("COUNCIL_AUDIT_RUN_ID")
        if not (db_path and run_id):
            raise NotConfigured("COUNCIL_AUDIT_DB and COUNCIL_AUDIT_RUN_ID are needed")
        return cls(db_path, run_id, crawler)

    def process_item(self, item: PageItem, spider: Spider) -> PageItem:
        snap = item.snapshot
        self.db.write_page(
            {
                "run_id": self.run_id,
                "council_code": item.council_code,
                "url": snap.url,
                "final_url": snap.final_url or None,
                "status": snap.status,
                "content_type": snap.content_type or None,
                "bytes": snap.bytes,
                "title": snap.title,
                "lang": snap.facts.get("document", {}).get("lang"),
                "depth": item.depth,
                "referer": item.referer,
                "audited": int(snap.audited),
                "error": snap.error,
                "fetch_ms": snap.timings.get("fetch_ms"),
                "axe_ms": snap.timings.get("axe_ms"),
                "checks_ms": snap.timings.get("checks_ms"),
            },
            item.findings,
        )
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value("council_audit/pages")
            stats.inc_value("council_audit/findings", len(item.findings))
        return item

    def close_spider(self, spider: Spider) -> None:
        self.db.close()
