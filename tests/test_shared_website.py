"""Councils that share one website (Adur and Worthing do, and so do Eastbourne and
Lewes): a real crawl of two councils on one fixture site keeps each council's complete
results, shares one download slot so the site is asked no faster than for one council,
a merge of their shards keeps both, and the league table says they share a website
(issue #17)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawl_sites import Site, build_sample_site, council_row
from test_publish import canned_rows

from council_audit import api
from council_audit.crawler.spiders.council import CouncilSpider
from council_audit.findings import Finding
from council_audit.results.crawlstore import CrawlStore
from council_audit.results.merge import merge_shards
from council_audit.settings import Settings

BUDGET = 6
SETTINGS = {
    "allow_loopback": True,
    "page_budget": BUDGET,
    "render_pages": 2,
    "page_timeout": 15,
    "log_level": "WARNING",
}


def rows(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, api.RunSummary, Site]]:
    shared, offsite, partner = Site(), Site(), Site()
    build_sample_site(shared, offsite, partner)
    db_path = tmp_path_factory.mktemp("shared") / "shared.db"
    councils = [council_row("ADU", shared), council_row("WOT", shared)]
    summary = api.crawl(councils, db_path, Settings.from_mapping(SETTINGS, env=False))
    yield db_path, summary, shared
    for site in (shared, offsite, partner):
        site.stop()


def test_each_council_keeps_its_own_complete_results(crawl) -> None:  # type: ignore[no-untyped-def]
    db_path, summary, _ = crawl
    assert summary.status == "complete"
    pages = dict(rows(db_path, "select council_code, count(*) from pages group by 1"))
    assert set(pages) == {"ADU", "WOT"}
    assert pages["ADU"] == pages["WOT"] >= BUDGET
    # council_crawls counts the same pages as pages (documents apart)
    for code, counted in rows(db_path, "select council_code, pages from council_crawls"):
        recorded = rows(
            db_path,
            "select count(*) from pages where council_code = ?"
            " and id not in (select page_id from documents)",
            code,
        )[0][0]
        assert counted == recorded, code
    by_summary = {c.code: c.pages for c in summary.per_council}
    assert by_summary["ADU"] == by_summary["WOT"] == pages["ADU"]
    # the same address is a page of each council, with its own findings
    urls = {code: {u for (u,) in rows(db_path, "select url from pages where council_code = ?", code)}
            for code in ("ADU", "WOT")}  # fmt: skip
    assert urls["ADU"] == urls["WOT"]
    findings = dict(rows(db_path, "select council_code, count(*) from findings group by 1"))
    assert findings["ADU"] == findings["WOT"] > 0
    orphans = rows(
        db_path,
        "select count(*) from findings as f join pages as p on p.id = f.page_id"
        " where p.council_code != f.council_code",
    )
    assert orphans == [(0,)]
    statements = dict(rows(db_path, "select council_code, found from statements"))
    assert statements == {"ADU": 1, "WOT": 1}


def test_councils_on_one_website_share_one_download_slot() -> None:
    """Scrapy's per-slot concurrency and delay then hold for the website, not for each
    council on it: the site is asked no faster than for one council."""
    rows_ = [
        {"code": "ADU", "homepage_url": "http://www.adur-worthing.example/"},
        {"code": "WOT", "homepage_url": "https://www.adur-worthing.example/home"},
        {"code": "LEE", "homepage_url": "https://www.lewes-eastbourne.example/"},
    ]
    spider = CouncilSpider(rows_, Settings.from_mapping({}, env=False))
    slots = {code: state.slot for code, state in spider.councils.items()}
    assert slots == {"ADU": "ADU", "WOT": "ADU", "LEE": "LEE"}


def test_the_league_table_says_who_shares_a_website(crawl) -> None:  # type: ignore[no-untyped-def]
    db_path, _, _ = crawl
    league = {r["council_code"]: r for r in canned_rows(db_path, "league_table",
                                                        nation="", region="", type="")}  # fmt: skip
    assert league["ADU"]["shares_website_with"] == "WOT Test Council"
    assert league["WOT"]["shares_website_with"] == "ADU Test Council"
    assert league["ADU"]["pages_audited"] == league["WOT"]["pages_audited"] > 0


def _shard(path: Path, code: str) -> Path:
    """A worker's shard holding one council of a queued run, on the shared website."""
    run = {"id": "20261207T000000Z-beef", "started_at": "2026-12-07T00:00:00+00:00",
           "label": "queued", "councils": ["ADU", "WOT"]}  # fmt: skip
    db = CrawlStore(path)
    db.upsert_councils([{"code": c, "name": c, "homepage_url": "https://www.adur-worthing.example/"}
                        for c in ("ADU", "WOT")])  # fmt: skip
    db.start_run(run)
    db.council_started(run["id"], code, 10, 0, ["www.adur-worthing.example"])
    for path_ in ("/", "/bins"):
        url = "https://www.adur-worthing.example" + path_
        finding = Finding(check_id="image-alt", source="axe", level="error", impact="critical",
                          wcag=("1.1.1",), selector="img", snippet="<img>", message=code,
                          help_url="https://example.org/")  # fmt: skip
        db.write_page({"run_id": run["id"], "council_code": code, "url": url, "status": 200,
                       "audited": 1, "title": f"{code} {path_}"}, [finding])  # fmt: skip
    db.council_finished(run["id"], code, "complete")
    db.close()
    return path


def test_a_merge_keeps_both_councils_of_a_shared_website(tmp_path: Path) -> None:
    shards = [_shard(tmp_path / "a.db", "ADU"), _shard(tmp_path / "b.db", "WOT")]
    merged = tmp_path / "merged.db"
    report = merge_shards(merged, shards)
    assert report.runs == {"20261207T000000Z-beef": "complete"}
    assert rows(merged, "select council_code, count(*) from pages group by 1 order by 1") == [
        ("ADU", 2), ("WOT", 2)
    ]  # fmt: skip
    assert rows(merged, "select council_code, message from findings group by 1 order by 1") == [
        ("ADU", "ADU"), ("WOT", "WOT")
    ]  # fmt: skip
    merge_shards(merged, list(reversed(shards)))  # again, the other way round: the same
    assert rows(merged, "select count(*) from pages") == [(4,)]
