"""The published site in a real browser: Playwright drives Chromium against Datasette
(``publish.start_server``, as ``council-audit serve`` runs it) on the demo results, with a
second run of one council added so that there is a trend and a change to show. Our own
audit (axe-core) runs on every page of ours; screenshots go to test-artifacts/."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from playwright.sync_api import Browser, Page, expect

from council_audit import api, publish
from council_audit.results.writer import finding_id, page_id
from council_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
DB = "demo-results"  # the database's name in the site's addresses
CHANGED = "DPR"  # the council given a second run


@pytest.fixture(scope="module")
def site_db(demo_run, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    summary, _ = demo_run
    path = tmp_path_factory.mktemp("site") / f"{DB}.db"
    with sqlite3.connect(summary.db_path) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    add_later_run(path, CHANGED)
    return path


def add_later_run(path: Path, code: str) -> dict[str, str]:
    """A run a day after ``code``'s latest one, with the same pages and findings except
    one error fixed and one new: the fingerprints of the rest carry over unchanged."""
    db = sqlite_utils.Database(path)
    first = next(db.query("select * from runs where id = (select run_id from council_runs"
                          " where council_code = ? and recency = 1)", [code]))  # fmt: skip
    started = dt.datetime.fromisoformat(first["started_at"]) + dt.timedelta(days=1)
    later = {**first, "id": first["id"] + "-later", "label": "later",
             "started_at": started.isoformat(timespec="seconds"),
             "councils": json.dumps([code])}  # fmt: skip
    db["runs"].insert(later)  # type: ignore[union-attr]
    pages = {p["id"]: p for p in db["pages"].rows_where("run_id = ? and council_code = ?",
                                                        [first["id"], code])}  # fmt: skip
    findings = list(db["findings"].rows_where("run_id = ? and council_code = ? and level ="
                                              " 'error' order by id", [first["id"], code]))  # fmt: skip
    # on HTML pages: documents (PDFs) are recorded but not audited, so never compared
    fixed, template = [f for f in findings if pages[f["page_id"]]["audited"]][:2]
    new = {**template, "selector": "#new-barrier", "snippet": '<div id="new-barrier"></div>',
           "fingerprint": "new-" + template["fingerprint"][4:]}  # fmt: skip
    for page in pages.values():
        db["pages"].insert(
            {
                **page,
                "id": page_id(later["id"], page["council_code"], page["url"]),
                "run_id": later["id"],
            }
        )  # type: ignore[union-attr]
    copies = [f for f in findings if f["id"] != fixed["id"]] + [new]
    copies += db["findings"].rows_where("run_id = ? and council_code = ? and level != 'error'",
                                        [first["id"], code])  # fmt: skip
    db["run_checks"].insert_all(  # type: ignore[union-attr]
        {**c, "run_id": later["id"]}
        for c in db["run_checks"].rows_where("run_id = ?", [first["id"]])
    )  # the later run made the same checks
    for f in copies:
        page = pages[f["page_id"]]
        new_page = page_id(later["id"], page["council_code"], page["url"])
        fid = finding_id(new_page, f["fingerprint"])
        db["findings"].insert({**f, "id": fid, "run_id": later["id"], "page_id": new_page})  # type: ignore[union-attr]
    for statement in db["statements"].rows_where("run_id = ? and council_code = ?",
                                                 [first["id"], code]):  # fmt: skip
        page = pages.get(statement["page_id"])
        new_page = (
            page_id(later["id"], page["council_code"], page["url"])
            if page
            else statement["page_id"]
        )
        db["statements"].insert({**statement, "run_id": later["id"], "page_id": new_page})  # type: ignore[union-attr]
    db.execute("update pages set errors = (select count(*) from findings as f where"
               " f.page_id = pages.id and f.level = 'error') where run_id = ?", [later["id"]])  # fmt: skip
    db.conn.commit()
    db.close()
    return {"fixed": fixed["fingerprint"], "new": new["fingerprint"]}


@pytest.fixture(scope="module")
def site(site_db: Path) -> Iterator[str]:
    with publish.start_server(site_db) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"site-{name}.png"), full_page=True)


def in_thread(fn: Any, *args: Any) -> Any:
    """Run ``fn`` in a fresh thread: our audit starts its own event loop, which cannot
    happen inside Playwright's synchronous API."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


# --- the pages -------------------------------------------------------------------------
def test_home_page(page: Page, site: str) -> None:
    page.goto(site)
    expect(page.locator("h1")).to_contain_text("digital inclusion on UK council websites")
    expect(page.get_by_role("heading", name="What automated checks cannot find")).to_be_visible()
    runs = page.get_by_role("table", name="The latest runs")
    expect(runs).to_contain_text("4.12.1")  # the axe-core version, from the runs table
    expect(page.get_by_role("link", name="Poorbury District Council", exact=True)).to_be_visible()
    screenshot(page, "home")
    page.get_by_role("link", name="Compare councils in the league table").click()
    expect(page).to_have_url(site + "league")


def test_league_table_filters_and_sorts(page: Page, site: str) -> None:
    page.goto(site + "league")
    table = page.get_by_role("table")
    expect(table.locator("tbody tr")).to_have_count(3)
    names = table.locator("tbody th")
    expect(names.first).to_have_text("Demoshire Well-Built Council")  # fewest errors per page
    expect(table).to_contain_text("over 40 pages")
    screenshot(page, "league")
    page.get_by_label("Region").select_option("North West")
    page.get_by_role("button", name="Filter").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(names.first).to_have_text("Poorbury District Council")
    page.get_by_label("Region").select_option("")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Errors per page", exact=True).click()
    page.get_by_role("link", name="Errors per page", exact=True).click()  # again: worst first
    header = page.get_by_role("columnheader", name="Errors per page")
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(names.first).to_have_text("Poorbury District Council")


def test_council_page(page: Page, site: str) -> None:
    page.goto(site + f"council/{CHANGED}")
    expect(page.locator("h1")).to_have_text("Poorbury District Council")
    charts = page.get_by_role("img", name="Errors per page checked, run by run")
    expect(charts).to_be_visible()
    expect(page.locator("svg polyline")).to_have_count(2)
    problems = page.get_by_role(
        "table", name="Problems in the latest run, the most widespread first"
    )
    expect(problems.locator("tbody tr").first).to_be_visible()
    worst = page.get_by_role("table", name="Up to ten pages, the most errors first")
    expect(worst.locator("tbody tr")).to_have_count(10)
    screenshot(page, "council")
    page.get_by_role("link", name="What changed since the previous run").click()
    expect(page.locator("table.rows-and-columns")).to_contain_text("fixed")


def test_change_query(page: Page, site: str) -> None:
    page.goto(site + f"{DB}/changes_since_previous_run?council={CHANGED}")
    rows = page.locator("table.rows-and-columns tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("td.col-change")).to_have_text("new")
    expect(rows.nth(0).locator("td.col-selector")).to_have_text("#new-barrier")
    expect(rows.nth(1).locator("td.col-change")).to_have_text("fixed")
    screenshot(page, "changes")


def test_search_from_the_home_page(page: Page, site: str) -> None:
    page.goto(site)
    page.get_by_label("Search the problems found").fill("contrast")
    page.get_by_role("button", name="Search problems").click()
    expect(page).to_have_url(f"{site}{DB}/findings?_search=contrast")
    cells = page.locator("table.rows-and-columns td.col-check_id")
    expect(cells.first).to_contain_text("color-contrast")
    assert all("color-contrast" in text for text in cells.all_inner_texts())
    page.goto(f"{site}{DB}/findings")  # facets by check, impact and WCAG criterion
    expect(page.locator(".facet-info[data-column=wcag]")).to_contain_text("1.4.3")
    screenshot(page, "search")


# --- our own audit ---------------------------------------------------------------------
OWN_PAGES = [
    "",
    "league",
    f"{DB}/league_table",
    "league?nation=England&sort=median_reading_age&order=desc",
    f"council/{CHANGED}",
    "council/DWB",
    f"{DB}/changes_since_previous_run?council={CHANGED}",
    f"{DB}/template_problems",
    f"{DB}/findings?_search=contrast",
    f"{DB}/findings?_size=20",  # axe-core is slow on a page of 100 long rows
    f"{DB}/pages?_size=20",
    DB,
]


@pytest.mark.parametrize("width", [375, 1280])
def test_our_pages_pass_our_own_audit(site: str, width: int) -> None:
    settings = Settings.from_mapping({"allow_loopback": True, "viewport_width": width}, env=False)
    result = in_thread(api.check, [site + path for path in OWN_PAGES], settings)
    problems = {}
    for checked in result.pages:
        assert checked.snapshot.audited, (checked.snapshot.url, checked.snapshot.error)
        errors = [f"{f.check_id} at {f.selector}" for f in checked.findings
                  if f.source == "axe" and f.level == "error"]  # fmt: skip
        if errors:
            problems[checked.snapshot.url] = errors
    assert problems == {}


@pytest.mark.parametrize("width", [375, 1280])
def test_no_page_scrolls_sideways(browser: Browser, site: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    wide = {}
    for path in [*OWN_PAGES, "council/NOPE", f"{DB}/findings?_search=%22"]:
        tab.goto(site + path)
        scroll = tab.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    regions = tab.locator(".table-wrapper")  # the last page: a table of findings
    expect(regions.first).to_have_attribute("tabindex", "0")
    expect(regions.first).to_have_attribute("role", "region")
    if width == 375:
        tab.goto(site + "league")
        screenshot(tab, "league-375")
    context.close()
    assert wide == {}


# --- plain words (issue 12) ------------------------------------------------------------
def test_query_pages_are_titled_in_words_and_hide_their_sql(page: Page, site: str) -> None:
    page.goto(f"{site}{DB}/league_table")
    expect(page).to_have_title("Councils compared - council-audit")
    expect(page.locator("#sql-editor, #sql-query")).to_have_count(0)
    header = page.locator("table.rows-and-columns th[data-column=pct_pages_serious_errors]")
    expect(header).to_have_text("Pages with a serious barrier (%)")
    footers = set()
    for path in ("", f"{DB}/league_table", f"{DB}/findings", "council/DPR", "council/NOPE"):
        page.goto(site + path)
        footers.add(page.locator("footer").inner_text())
    assert len(footers) == 1 and "CC BY 4.0" in footers.pop()


def test_council_page_in_human_values(page: Page, site: str) -> None:
    page.goto(site + "council/dpr")  # codes in any case
    expect(page).to_have_url(site + "council/DPR")
    text = page.locator("main").inner_text()
    for raw in ("found 1", "[]", '["', "T00:", "+00:00", "Result: full"):
        assert raw not in text, raw
    expect(page.locator("main")).to_contain_text("claims full compliance")
    expect(page.locator("main")).to_contain_text("does not match what was found")
    expect(page.locator("dl.panel")).to_contain_text("Template text left in")


def test_search_never_fails_and_knows_british_spelling(page: Page, site: str) -> None:
    for text in ("", "%22", "%22%22%22", "%28", "AND", "*"):
        response = page.goto(f"{site}{DB}/findings?_search={text}")
        assert response is not None and response.status == 200, text
    counts = {}
    for word in ("color", "colour"):
        data = json.loads(page.request.get(f"{site}{DB}/findings.json?_search={word}").text())
        counts[word] = data["filtered_table_rows_count"]
    assert counts["colour"] == counts["color"] > 0
    page.goto(f"{site}{DB}/findings?_search=colour")
    expect(page.locator("#_search")).to_have_value("colour")


def test_error_pages_keep_the_site_style(page: Page, site: str) -> None:
    response = page.goto(site + "council/NOPE")
    assert response is not None and response.status == 404
    expect(page.locator("link[href$='/assets/site.css']")).to_have_count(1)
    expect(page.locator(".skip-link")).to_have_count(1)


def test_home_page_map(page: Page, site: str) -> None:
    page.goto(site)
    figure = page.locator("figure.hexmap")
    expect(figure).to_contain_text("Hex map: Open Innovations (MIT)")
    assert figure.locator("polygon.hex").count() >= 361 + 3
    poorbury = figure.get_by_role("link", name="Poorbury District Council:")
    expect(poorbury).to_have_count(1)
    expect(figure.locator(".hexmap-legend li")).to_have_count(6)
    figure.get_by_text("The map's figures as a list").click()
    expect(figure.locator(".hexmap-list li")).to_have_count(3)
    poorbury.click()
    expect(page).to_have_url(site + "council/DPR")
    page.goto(site + "league")
    expect(page.locator("figure.hexmap")).to_have_count(1)


# --- hardening (issue 17) --------------------------------------------------------------
def test_inline_scripts_run_only_with_the_responses_nonce(page: Page, site: str) -> None:
    """Our templates' inline scripts run (each with the nonce of its response); a script
    put in the page without that nonce, as a crawled string would be, is refused."""
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    nonces = set()
    for path in ("", "league", "council/DPR", f"{DB}/findings", f"{DB}?sql=select+1"):
        response = page.goto(site + path)
        assert response is not None and response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        nonces.add(policy.split("'nonce-")[1].split("'")[0])
    assert len(nonces) == 5  # a new nonce for every response
    assert page.locator(".CodeMirror").count() == 1  # the SQL editor's inline script ran
    page.goto(f"{site}{DB}/findings")
    assert page.evaluate("typeof DATASETTE_ALLOW_FACET") == "boolean"  # table.html's ran
    assert violations == []
    injected = page.evaluate(
        """() => new Promise(done => {
            document.addEventListener('securitypolicyviolation', e => done(e.violatedDirective));
            const s = document.createElement('script');
            s.textContent = 'window.injected = 1';
            document.body.appendChild(s);
        })"""
    )
    assert injected.startswith("script-src") and page.evaluate("window.injected") is None
