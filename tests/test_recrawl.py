"""Re-crawls audit only what changed (real crawls of a fixture site on 127.0.0.1): an
unchanged re-crawl carries every page's findings forward without opening it in the
browser; changing one page re-audits that page; changing one stylesheet re-audits the
pages that use it; ``reuse_unchanged=false`` (``crawl --fresh``) audits everything."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from crawl_sites import HTML, Site, council_row, links, ok, page

from council_audit import api
from council_audit.crawler.changes import html_digest
from council_audit.results import ResultsDB
from council_audit.settings import Settings

SETTINGS = {"allow_loopback": True, "page_budget": 10, "render_pages": 2,
            "log_level": "WARNING", "use_sitemaps": False, "link_target_fetches": 0}  # fmt: skip
PAGES = ["/", "/a/", "/b/", "/c/", "/d/"]
_tokens = itertools.count()


def styled(title: str, body: str, sheet: str) -> bytes:
    head = f'<link rel="stylesheet" href="{sheet}"><script src="/site.js"></script>'
    return page(title, body, head=head)


def dynamic(path: str) -> tuple[int, str, bytes, dict[str, str]]:
    """A page as a dynamic CMS sends it: a fresh token, nonce and timestamp each time."""
    n = next(_tokens)
    head = (
        f'<meta name="csrf-token" content="tok{n}"><script nonce="n{n}">var x = 1;</script>'
        f'<link rel="stylesheet" href="/style.css">'
    )
    body = (
        f"<!-- built 2026-12-0{n % 9 + 1}T10:{n % 60:02d}:00Z -->"
        f'<form action="/send" method="post"><input type="hidden" name="__RequestVerificationToken"'
        f' value="v{n}"><input type="text" name="postcode"><button>Send</button></form>'
    )
    return 200, HTML, page("Dynamic", body, head=head), {}


def build(site: Site, a_text: str = "One picture.", other_css: str = "p { color: #333; }") -> None:
    home = links(*((p, f"Page {p.strip('/')}") for p in PAGES[1:]))
    site.routes.update({
        "/": ok(styled("Home", home, "/style.css")),
        "/a/": ok(styled("A", f'<p>{a_text}</p><img src="/x.png">', "/style.css")),
        "/b/": dynamic,
        "/c/": ok(styled("C", '<p>See <a href="/d/">more</a>.</p>', "/other.css")),
        "/d/": ok(styled("D", '<p>Low <span style="color:#bbb">contrast</span>.</p>', "/other.css")),
        "/style.css": ok(b"body { font-family: sans-serif; }", "text/css"),
        "/other.css": ok(other_css.encode(), "text/css"),
        "/site.js": ok(b"document.documentElement.classList.add('js');", "text/javascript"),
        "/x.png": ok(b"\x89PNG\r\n\x1a\n", "image/png"),
    })  # fmt: skip


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    site = Site(etags=True)
    build(site)
    council = [council_row("CHG", site)]
    db_path: Path = tmp_path_factory.mktemp("recrawl") / "recrawl.db"
    settings = Settings.from_mapping(SETTINGS, env=False)
    runs, hits = [], []

    def crawl(s: Settings = settings) -> None:
        before = site.page_hits().copy()
        runs.append(api.crawl(council, db_path, s).run_id)
        hits.append(site.page_hits() - before)

    crawl()  # 0: first crawl
    crawl()  # 1: nothing changed
    build(site, a_text="Two pictures now. <img src='/x.png'>")
    crawl()  # 2: page /a/ changed
    build(site, a_text="Two pictures now. <img src='/x.png'>", other_css="p { color: #bbb; }")
    crawl()  # 3: other.css changed
    crawl(settings.replace(reuse_unchanged=False))  # 4: --fresh
    db = ResultsDB(db_path)
    yield {"db": db, "runs": runs, "hits": hits}
    db.close()
    site.stop()


def pages(crawls: dict[str, Any], run: int) -> dict[str, dict[str, Any]]:
    rows = crawls["db"].db["pages"].rows_where("run_id = ?", [crawls["runs"][run]])
    return {"/" + r["url"].split("/", 3)[3]: r for r in rows}


def findings(crawls: dict[str, Any], run: int) -> dict[str, set[tuple[str, str, str]]]:
    out: dict[str, set[tuple[str, str, str]]] = {p: set() for p in PAGES}
    rows = crawls["db"].db.execute(
        "select page_url, check_id, level, fingerprint from findings where run_id = ?"
        " and check_id not like 'statement-%'",
        [crawls["runs"][run]],
    )
    for url, check, level, fp in rows:
        out["/" + url.split("/", 3)[3]].add((check, level, fp))
    return out


def carried(crawls: dict[str, Any], run: int) -> dict[str, str | None]:
    first = crawls["runs"][0]
    return {
        p: ("first" if r["carried_from"] == first else r["carried_from"])
        for p, r in pages(crawls, run).items()
        if p in PAGES
    }


def test_first_crawl_audits_every_page(crawls: dict[str, Any]) -> None:
    first = pages(crawls, 0)
    assert set(PAGES) <= set(first)
    assert all(first[p]["audited"] == 1 and first[p]["carried_from"] is None for p in PAGES)
    assert findings(crawls, 0)["/a/"], "the image without alt text is found"
    # the browser is given the plain fetch's answer: each page is asked for once
    assert {p: crawls["hits"][0][p] for p in PAGES} == {p: 1 for p in PAGES}


def test_unchanged_recrawl_carries_every_page_forward(crawls: dict[str, Any]) -> None:
    assert carried(crawls, 1) == {p: "first" for p in PAGES}
    assert findings(crawls, 1) == findings(crawls, 0)
    marked = (
        crawls["db"]
        .db.execute(
            "select count(*), count(carried_from) from findings where run_id = ?",
            [crawls["runs"][1]],
        )
        .fetchone()
    )
    assert marked[0] > 0 and marked[0] == marked[1] + _statement_findings(crawls, 1)
    # one plain request per page and no browser: the dynamic page too (its digest)
    assert {p: crawls["hits"][1][p] for p in PAGES} == {p: 1 for p in PAGES}


def _statement_findings(crawls: dict[str, Any], run: int) -> int:
    return (
        crawls["db"]
        .db.execute(
            "select count(*) from findings where run_id = ? and check_id like 'statement-%'",
            [crawls["runs"][run]],
        )
        .fetchone()[0]
    )


def test_changing_one_page_reaudits_exactly_that_page(crawls: dict[str, Any]) -> None:
    assert carried(crawls, 2) == {**{p: "first" for p in PAGES}, "/a/": None}
    new, old = findings(crawls, 2), findings(crawls, 1)
    assert len(new["/a/"]) > len(old["/a/"])  # the second image is found
    assert {p: new[p] for p in PAGES if p != "/a/"} == {p: old[p] for p in PAGES if p != "/a/"}
    assert crawls["hits"][2]["/a/"] == 1  # its new body was rendered, not fetched again


def test_changing_one_stylesheet_reaudits_the_pages_using_it(crawls: dict[str, Any]) -> None:
    run2 = crawls["runs"][2]
    assert carried(crawls, 3) == {"/": "first", "/a/": run2, "/b/": "first", "/c/": None,
                                  "/d/": None}  # fmt: skip


def test_fresh_crawl_audits_everything(crawls: dict[str, Any]) -> None:
    assert carried(crawls, 4) == {p: None for p in PAGES}
    assert {p: crawls["hits"][4][p] for p in PAGES} == {p: 1 for p in PAGES}
    assert findings(crawls, 4) == findings(crawls, 3)


def test_digest_ignores_tokens_nonces_and_timestamps() -> None:
    a, b = dynamic("/b/")[2], dynamic("/b/")[2]
    assert a != b and html_digest(a) == html_digest(b)
    assert html_digest(a) != html_digest(a.replace(b"postcode", b"post_code"))


def test_rule_catalogue_is_kept_per_axe_core_and_chromium(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalogue is asked of the browser once, then read from the cache, until the
    Chromium executable changes; a damaged cache is asked again."""
    import json
    import os
    import shutil

    from council_audit.browser import find_chromium
    from council_audit.session import rule_catalogue

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    settings = Settings.from_mapping({}, env=False)
    rules, browser_version = rule_catalogue(settings)
    assert "image-alt" in {r["ruleId"] for r in rules}
    assert browser_version[0].isdigit()
    (kept,) = (tmp_path / "cache" / "council-audit").glob("axe-rules-*.json")
    marked = json.loads(kept.read_text())
    marked["browser_version"] = "from the cache"
    kept.write_text(json.dumps(marked))
    assert rule_catalogue(settings) == (rules, "from the cache")

    upgraded = tmp_path / "chromium"  # another executable: the browser is asked again
    shutil.copy2(find_chromium(settings), upgraded)
    os.utime(upgraded, ns=(10**18, 10**18))
    other = Settings.from_mapping({"chromium_path": str(upgraded)}, env=False)
    assert rule_catalogue(other) == (rules, browser_version)
    assert len(list(kept.parent.glob("axe-rules-*.json"))) == 2

    kept.write_text("{not json")
    assert rule_catalogue(settings) == (rules, browser_version)
