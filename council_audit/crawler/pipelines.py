"""Item pipelines: run the checks on each page (and document), store page and findings
at once, and when a council's crawl is over, check its accessibility statement and
close its part of the run."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from council_audit.audit import audit_snapshot
from council_audit.crawler.items import CouncilDone, PageItem
from council_audit.documents.evaluate import check_document
from council_audit.results.crawlstore import CrawlStore
from council_audit.results.linkcheck import internal_links
from council_audit.results.writer import page_id
from council_audit.settings import Settings
from council_audit.statements.evaluate import check_statement
from council_audit.statements.extract import page_text


def _settings(crawler: Crawler) -> Settings:
    settings = crawler.settings.get("COUNCIL_AUDIT_SETTINGS")
    if settings is None:
        raise NotConfigured("COUNCIL_AUDIT_SETTINGS is not set")
    return settings


def _store(crawler: Crawler) -> tuple[str, str]:
    db_path = crawler.settings.get("COUNCIL_AUDIT_DB")
    run_id = crawler.settings.get("COUNCIL_AUDIT_RUN_ID")
    if not (db_path and run_id):
        raise NotConfigured("COUNCIL_AUDIT_DB and COUNCIL_AUDIT_RUN_ID are needed")
    return db_path, run_id


class AuditPipeline:
    """Runs axe-core's mapping and every registered check on the gathered page."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AuditPipeline:
        return cls(_settings(crawler))

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, PageItem):
            item.findings = audit_snapshot(item.snapshot, self.settings)
        return item


class DocumentPipeline:
    """Checks each fetched document with the document checks (pikepdf for PDFs)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DocumentPipeline:
        return cls(_settings(crawler))

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, PageItem) or item.kind != "document":
            return item
        snap = item.snapshot
        row: dict[str, Any] = {"checked": 0, "error": snap.error}
        if item.document_body is not None:
            # the facts were read by the spider in the sandbox (documents/sandbox.py)
            row, findings, text = check_document(
                snap.final_url or snap.url, snap.content_type, item.document_body,
                self.settings, facts=item.document_facts,
            )  # fmt: skip
            item.findings.extend(findings)
            item.statement_text = text
            item.document_body = None
        row.update(
            url=snap.url,
            linked_from=item.referer,
            link_text=item.link_text or None,
            selected_because=item.selected_because,
            content_type=snap.content_type or None,
            bytes=snap.bytes,
        )
        row.setdefault("kind", None)
        item.document = row
        return item


class StorePipeline:
    """Writes each page and its findings in one transaction, as soon as it is known, then
    its document row and, for the council's statement, the statement's text."""

    def __init__(self, db_path: str, run_id: str, crawler: Crawler) -> None:
        self.db = CrawlStore(db_path)
        self.run_id = run_id
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(*_store(crawler), crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, PageItem):
            return item
        if item.carried_page:
            pid = self.db.carry_page(self.run_id, item.carried_page, self.carried_row(item))
            item.snapshot.title = self.db.db["pages"].get(pid)["title"]
        else:
            pid = self.db.write_page(self.page_row(item), item.findings)
            self.write_links(pid, item)
        if item.baseline:
            self.db.write_changes(pid, item.baseline)
        if item.document is not None:
            self.db.write_document(
                {**item.document, "id": pid, "run_id": self.run_id,
                 "council_code": item.council_code, "page_id": pid}
            )  # fmt: skip
        if item.statement:
            self.db.offer_statement(self.statement_row(item, pid))
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value("council_audit/pages")
            stats.inc_value("council_audit/findings", len(item.findings))
        return item

    def page_row(self, item: PageItem) -> dict[str, Any]:
        snap = item.snapshot
        return {
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
            "selected_because": item.selected_because or None,
            "reading_age": snap.measures.get("reading_age"),
            "words": snap.measures.get("words"),
            "redirect": item.redirect,
        }

    def carried_row(self, item: PageItem) -> dict[str, Any]:
        """What a page carried forward takes from this run; the rest is the previous run's."""
        return {
            "run_id": self.run_id,
            "council_code": item.council_code,
            "url": item.snapshot.url,
            "depth": item.depth,
            "referer": item.referer,
            "selected_because": item.selected_because or None,
            "redirect": item.redirect,
        }

    def write_links(self, pid: str, item: PageItem) -> None:
        """The page's in-site links, for the broken-link step after the crawl."""
        links = internal_links(item.snapshot.facts)
        if links:
            self.db.write_links(pid, self.run_id, item.council_code, links)

    def statement_row(self, item: PageItem, pid: str) -> dict[str, Any]:
        snap = item.snapshot
        pdf = item.kind == "document"
        text, links = (item.statement_text, []) if pdf else page_text(snap.html)
        return {
            "run_id": self.run_id,
            "council_code": item.council_code,
            "page_id": pid,
            "url": snap.url,
            "found": int(bool(text.strip()) and (snap.status or 0) < 400),
            "recognised": int(item.recognised or pdf),
            "found_by": item.found_by,
            "format": "pdf" if pdf else "html",
            "title": snap.title,
            "text": text,
            "contact_links": json.dumps(links, ensure_ascii=False),
            "words": len(text.split()),
        }

    def close_spider(self, spider: Spider | None = None) -> None:
        self.db.close()


class CouncilPipeline:
    """When a council's crawl is over: check its accessibility statement against the
    regulations (with the errors found on its site), then close its part of the run."""

    def __init__(self, db_path: str, run_id: str, settings: Settings) -> None:
        self.db = CrawlStore(db_path)
        self.run_id = run_id
        self.settings = settings

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CouncilPipeline:
        return cls(*_store(crawler), _settings(crawler))

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, CouncilDone):
            return item
        code = item.council_code
        self.check_statement(code)
        self.db.council_finished(self.run_id, code, "complete", item.traps_skipped)
        return item

    def check_statement(self, code: str) -> None:
        stored = self.db.statement(self.run_id, code)
        council = self.db.db["councils"].get(code)
        started = self.db.db["runs"].get(self.run_id)["started_at"]
        fields, findings = check_statement(
            stored,
            nation=council.get("nation"),
            run_date=dt.date.fromisoformat(started[:10]),
            site_errors=self.db.site_errors(self.run_id, code),
            settings=self.settings,
        )
        where = stored["url"] if stored else self.homepage_url(code)
        if findings and where and self.db.page_recorded(self.run_id, code, where):
            self.db.add_findings(self.run_id, code, where, findings)
        row = {"run_id": self.run_id, "council_code": code, **(stored or {}), **fields}
        if not stored:
            row["page_id"] = None
        self.db.save_statement(row)

    def homepage_url(self, code: str) -> str | None:
        found = self.db.db.execute(
            "select url from pages where run_id = ? and council_code = ?"
            " and selected_because like 'home%' limit 1",
            [self.run_id, code],
        ).fetchone()
        return found[0] if found else None

    def close_spider(self, spider: Spider | None = None) -> None:
        self.db.close()


__all__ = ["AuditPipeline", "CouncilPipeline", "DocumentPipeline", "StorePipeline", "page_id"]
