"""The GDS-style sample on real sites (Scrapy, scrapy-playwright, real Chromium): the
required pages by link text and URL, breadth-first fill, the sitemap index, robots.txt,
crawler traps, session ids, canonical links, off-site and allowed-host redirects, and
the same sample on the next run even when the site's links move."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from crawl_sites import LONG, Site, build_sample_site, build_trap_site, council_row

from council_audit import api
from council_audit.results import ResultsDB
from council_audit.settings import Settings

BUDGET = 22
SETTINGS = {
    "allow_loopback": True,
    "page_budget": BUDGET,
    "max_calendar_pages": 2,
    "max_query_variants": 2,
    "render_pages": 2,
    "tab_reuse": 3,  # tabs are retired and reopened several times in each crawl
    "page_timeout": 15,
    "log_level": "WARNING",
}


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    sample, trap, offsite, partner = Site(), Site(), Site(), Site()
    build_sample_site(sample, offsite, partner)
    build_trap_site(trap)
    councils = [
        council_row("SMP", sample, extra_hosts=[partner.host]),
        council_row("TRP", trap),
    ]
    db_path: Path = tmp_path_factory.mktemp("sample") / "sample.db"
    settings = Settings.from_mapping(SETTINGS, env=False)
    first = api.crawl(councils, db_path, settings)
    first_hits = {"sample": sample.page_hits(), "offsite": offsite.page_hits().copy()}
    build_sample_site(sample, offsite, partner, reorder=True)  # the links move
    second = api.crawl(councils[:1], db_path, settings)
    db = ResultsDB(db_path)
    yield {
        "runs": (first, second),
        "db": db,
        "sites": {"sample": sample, "trap": trap, "offsite": offsite, "partner": partner},
        "hits": first_hits,
    }
    db.close()
    for site in (sample, trap, offsite, partner):
        site.stop()


def pages(crawls: dict, run: int = 0, code: str = "SMP") -> dict[str, dict]:
    """The run's pages (documents left out), by path."""
    run_id = crawls["runs"][run].run_id
    rows = (
        crawls["db"]
        .db["pages"]
        .rows_where(
            "run_id = ? and council_code = ? and id not in (select id from documents)",
            [run_id, code],
        )
    )
    return {path_of(r["url"]): r for r in rows}


def reasons(row: dict) -> set[str]:
    return {r.strip() for r in (row["selected_because"] or "").split(",") if r.strip()}


def by_reason(rows: dict[str, dict]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path, row in rows.items():
        for reason in reasons(row):
            out.setdefault(reason, set()).add(path)
    return out


def test_runs_complete(crawls: dict) -> None:
    assert [r.status for r in crawls["runs"]] == ["complete", "complete"]
    rows = crawls["db"].db["council_crawls"].rows_where("run_id = ?", [crawls["runs"][0].run_id])
    assert {r["council_code"]: r["status"] for r in rows} == {"SMP": "complete", "TRP": "complete"}


def test_required_pages_are_found_by_link_text_and_url(crawls: dict) -> None:
    found = by_reason(pages(crawls))
    assert found["home"] == {"/"}
    assert found["contact"] == {"/contact/"}
    assert found["search-results"] == {"/search?q=council+tax"}
    assert found["task:bins"] == {"/waste/"}  # by link text: the URL says nothing of bins
    assert found["task:school-admissions"] == {"/education/"}
    assert found["task:council-tax"] == {"/council-tax/"}
    assert found["task:parking"] == {"/parking/"}
    assert found["task:blue-badge"] == {"/benefits/blue-badge/"}  # two clicks away
    assert found["task:libraries"] == {"/services/libraries/"}  # only in a nested sitemap
    assert found["task:report-a-problem"] == {"/report-it/"}
    assert "form" in by_reason(pages(crawls)) and found["form"]
    for task in ("planning", "housing", "benefits"):
        assert found[f"task:{task}"] == {f"/{task}/"}


def test_statement_is_found_through_a_hub_page(crawls: dict) -> None:
    found = by_reason(pages(crawls))
    assert found["accessibility-statement"] == {
        "/help/accessibility/",
        "/help/accessibility-statement/",
    }
    run_id = crawls["runs"][0].run_id
    row = crawls["db"].db["statements"].get((run_id, "SMP"))
    assert path_of(row["url"]) == "/help/accessibility-statement/"
    assert row["found"] == 1 and row["recognised"] == 1 and row["compliance"] == "partial"
    assert row["found_by"] == "Accessibility statement for this website"


def test_budget_is_filled_breadth_first_from_links(crawls: dict) -> None:
    rows = pages(crawls)
    assert len(rows) == BUDGET
    fill = {p: r for p, r in rows.items() if reasons(r) == {"link"}}
    assert fill and all(r["depth"] == 1 for r in fill.values())
    articles = sorted(
        int(p.split("-")[1].strip("/")) for p in fill if p.startswith("/news/article-")
    )
    assert articles == list(range(1, len(articles) + 1))  # in link order, none skipped


def test_robots_txt_is_obeyed(crawls: dict) -> None:
    assert "/private/staff/" not in pages(crawls)
    assert crawls["hits"]["sample"]["/private/staff/"] == 0


def test_traps_are_not_followed(crawls: dict) -> None:
    hits = crawls["hits"]["sample"]
    for path in ("/news/?a=1&b=2&c=3&d=4&e=5", LONG, "/loop/a/loop/a/loop/a/"):
        assert hits[path] == 0, path
    trap = pages(crawls, code="TRP")
    calendar = [p for p in trap if p.startswith("/events/calendar/")]
    news = [p for p in trap if p.startswith("/news/?page=")]
    assert len(calendar) == 2 and len(news) == 2, sorted(trap)
    run = crawls["db"].db["council_crawls"].get((crawls["runs"][0].run_id, "TRP"))
    assert run["traps_skipped"] >= 2


def test_session_ids_are_stripped(crawls: dict) -> None:
    assert "/parking/" in pages(crawls)
    # once: fetched without the browser (what a re-crawl compares, see test_recrawl),
    # and the browser is given that answer
    assert crawls["hits"]["sample"]["/parking/"] == 1
    assert not any("jsessionid" in p.lower() for p in crawls["hits"]["sample"])


def test_canonical_links_dedupe(crawls: dict) -> None:
    rows = pages(crawls)
    duplicate = rows["/leaflets/?from=home"]
    assert duplicate["audited"] == 0 and "same page as" in duplicate["error"]
    assert rows["/leaflets/"]["audited"] == 1
    assert "/news/press-releases/" not in rows  # /press/ says it is that page
    assert crawls["hits"]["sample"]["/news/press-releases/"] == 0


def test_offsite_redirects_are_recorded_not_followed(crawls: dict) -> None:
    rows = pages(crawls)
    leisure = rows["/leisure/"]
    assert leisure["redirect"] == "off-site" and leisure["audited"] == 0
    assert "another site" in leisure["error"]
    offsite = crawls["hits"]["offsite"]
    assert offsite["/leisure/pools/"] == 0  # nothing on the other site is followed
    assert offsite["/moved.pdf"] == 0  # a plain request does not even go there
    db, run_id = crawls["db"], crawls["runs"][0].run_id
    moved = [
        d for d in db.db["documents"].rows_where("run_id = ?", [run_id]) if "moved" in d["url"]
    ]
    assert moved and "another site" in moved[0]["error"] and moved[0]["checked"] == 0


def test_redirect_to_an_allowed_host_is_followed(crawls: dict) -> None:
    rows = pages(crawls)
    assert rows["/payments/"]["redirect"] == "allowed-host"
    assert rows["/payments/"]["audited"] == 1
    assert path_of(rows["/payments/"]["final_url"]) == "/pay/"


def test_next_run_keeps_the_sample_when_links_move(crawls: dict) -> None:
    first = {p: reasons(r) for p, r in pages(crawls, 0).items()}
    second = {p: reasons(r) for p, r in pages(crawls, 1).items()}
    assert second == first


def test_run_records_councils_and_catalogue(crawls: dict) -> None:
    db = crawls["db"].db
    assert {r["code"] for r in db["councils"].rows} == {"SMP", "TRP"}
    hosts = json.loads(db["council_crawls"].get((crawls["runs"][0].run_id, "SMP"))["hosts"])
    assert crawls["sites"]["partner"].host in hosts
    ids = {r["id"] for r in db["checks"].rows}
    assert {"statement-missing", "pdf-tagged", "image-alt"} <= ids
