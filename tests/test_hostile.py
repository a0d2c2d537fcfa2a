"""A hostile website through the whole pipeline: served on 127.0.0.1, crawled and audited
in real Chromium, stored, published with Datasette and opened in Chromium again. Its
payloads (markup in titles, scripts in attributes and link contents, ``javascript:``
URLs, ``onerror`` handlers) would set ``window.__pwned`` or open a dialog if the site or
the fix list ever let them run. They must show as text, and nothing may execute."""

from __future__ import annotations

import concurrent.futures
import contextlib
import http.server
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import psutil
import pytest
import sqlite_utils
from crawl_sites import Site, build_hostile_site, council_row, links, ok, page
from playwright.sync_api import Browser, Page

from council_audit import api, publish
from council_audit.report import build_report, render
from council_audit.settings import Settings

PWN = "window.__pwned=1"
TITLE = f'<script>{PWN}</script><img src=x onerror="{PWN}"> Hostile "quotes" & more'
NEXT = "/next?q=%22%3E%3Cscript%3Ewindow.__pwned=1%3C/script%3E"
HOME = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE.replace("<", "&lt;")}</title></head><body><main><h1>Hostile council</h1>
<p><a href="javascript:{PWN};alert(1)"><img src="/x.svg" onerror="{PWN}"
  data-x="&lt;script&gt;{PWN}&lt;/script&gt;"></a></p>
<p><a href="{NEXT}"><script>window.__pwned = window.__pwned</script></a></p>
<p style="color:#bbb;background:#fff">&lt;img src=x onerror=alert(1)&gt; javascript:alert(1)</p>
<p><input type="text" name="q" value='"><svg onload={PWN}>'></p>
</main></body></html>"""
SECOND = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Next &lt;svg onload={PWN}&gt;</title></head><body><main><h1>Next</h1>
<p><img src="/y.svg" alt="<script>{PWN}</script>"><img src="/z.svg"
  title="</title><script>{PWN}</script>"></p><p><a href="/">Home</a></p></main></body></html>"""
NAME = f"Hostile <script>{PWN}</script> Council"
T = TypeVar("T")


class HostileHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        body = {"/": HOME, "/next": SECOND}.get(path)
        kind = "text/html; charset=utf-8"
        if body is None:
            body, kind = ("<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml")
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    db_path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    settings = Settings.from_mapping({"allow_loopback": True, "autothrottle": False}, env=False)
    try:
        summary = api.crawl([{"code": "HOS", "name": NAME, "homepage_url": url}], db_path, settings)
    finally:
        server.shutdown()
        server.server_close()
    assert summary.status == "complete" and summary.pages == 2 and summary.errors, summary
    add_javascript_urls(db_path, summary.run_id)
    return db_path


def add_javascript_urls(db_path: Path, run_id: str) -> None:
    """``javascript:`` addresses where the site shows addresses as links: a council's
    website (JSX) and a checked document."""
    db = sqlite_utils.Database(db_path)
    db["councils"].insert(  # type: ignore[union-attr]
        {"code": "JSX", "name": "Script Council", "homepage_url": f"javascript:{PWN}"}
    )
    if "documents" in db.table_names():
        db["documents"].insert(  # type: ignore[union-attr]
            {
                "id": "doc1",
                "run_id": run_id,
                "council_code": "HOS",
                "url": f"javascript:{PWN}",
                "title": TITLE,
                "checked": 1,
            }  # fmt: skip
        )
    db.close()


@pytest.fixture(scope="module")
def site(results: Path) -> Iterator[str]:
    with publish.start_server(results) as url:
        yield url


def visit(browser: Browser, url: str) -> dict:
    """Open ``url``; report dialogs, ``window.__pwned``, links and handlers that a
    payload would have made, and requests an injected image would have sent."""
    context = browser.new_context()
    page: Page = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(urlsplit(r.url).path))
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    found = page.evaluate(
        """() => ({
            pwned: typeof window.__pwned !== 'undefined',
            jsLinks: Array.from(document.links).filter(a => a.protocol === 'javascript:').length,
            handlers: document.querySelectorAll('[onerror],[onload],[onclick]').length,
            svgs: document.querySelectorAll('svg[onload], main img[src="x"]').length,
            text: document.body.innerText,
        })"""
    )
    context.close()
    found["status"] = response.status if response else None
    found["dialogs"] = dialogs
    found["injected_requests"] = [p for p in requests if p.rsplit("/", 1)[-1] in ("x", "x.svg")]
    return found


def assert_inert(found: dict) -> None:
    assert found["status"] == 200
    assert found["dialogs"] == [] and not found["pwned"]
    assert found["jsLinks"] == 0 and found["handlers"] == 0 and found["svgs"] == 0
    assert found["injected_requests"] == []


PAGES = [
    ("", NAME),
    ("league", NAME),
    ("council/HOS", "onerror"),
    ("council/JSX", f"javascript:{PWN}"),
    ("hostile/pages", "onerror"),
    ("hostile/councils", NAME),
    ("hostile/findings", "onerror"),
    ("hostile/findings?_search=pwned", "pwned"),
    ("hostile/pages?_search=hostile", "Hostile"),
    ("hostile/council_findings?council=HOS", "onerror"),
    ("hostile/template_problems", "Template"),
    ("hostile/changes_since_previous_run", "0 results"),
]


@pytest.mark.parametrize(("path", "shown"), PAGES)
def test_nothing_executes_on_the_site(browser: Browser, site: str, path: str, shown: str) -> None:
    found = visit(browser, site + path)
    assert_inert(found)
    if shown != "Template":
        assert shown.lower() in found["text"].lower()  # shown as text, not dropped


def test_titles_and_snippets_are_shown_as_text(browser: Browser, site: str) -> None:
    text = visit(browser, site + "council/HOS")["text"]
    assert TITLE.split(" Hostile")[0] in text  # the page title, markup and all, as text
    assert NAME in text


def test_nothing_executes_in_the_fix_list(browser: Browser, results: Path, tmp_path: Path) -> None:
    report = build_report(results, "HOS")
    assert any("<script>" in g.snippet for g in report.groups)  # raw markup reached the report
    html_path = tmp_path / "fix-list.html"
    html_path.write_text(render(report, "html"), encoding="utf-8")
    found = visit(browser, html_path.as_uri())
    found["status"] = 200  # file: URLs have no HTTP status
    assert_inert(found)
    assert f"<script>{PWN}</script>" in found["text"]


# --- pages that attack the crawler itself (issue #10) ---------------------------------------
HOSTILE_SETTINGS = {
    "allow_loopback": True, "autothrottle": False, "page_timeout": 10, "step_timeout": 15,
    "page_time_limit": 60, "render_pages": 2, "navigation_budget": 3, "log_level": "WARNING",
}  # fmt: skip


@pytest.fixture(scope="module")
def hostile_sites() -> Iterator[tuple[Site, Site, list[str]]]:
    site, canary = Site(), Site(address="127.0.0.2")
    paths = build_hostile_site(site, canary)
    yield site, canary, paths
    site.stop()
    canary.stop()


def in_thread(fn: Callable[..., T], *args: object) -> T:
    """Run ``fn`` in its own thread: this module's sync Playwright holds an event loop in
    the main thread, and the crawl and check start their own."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


def expect_errors(errors: dict[str, str | None]) -> None:
    """The pages that cannot be audited say why."""
    assert "stopped responding" in (errors["/load-loop"] or ""), errors["/load-loop"]
    assert errors["/hang"], errors
    for path in ("/refresh-a", "/refresh-b"):
        assert "navigat" in (errors[path] or ""), (path, errors[path])
    assert "refused address" in (errors["/redirect-inside"] or ""), errors["/redirect-inside"]
    assert "download" in (errors["/attachment"] or ""), errors["/attachment"]
    for path in ("/subresources", "/scripts", "/base", "/later"):
        assert errors[path] is None, (path, errors[path])


def test_hostile_pages_are_crawled_and_the_canary_is_never_reached(
    hostile_sites: tuple[Site, Site, list[str]], tmp_path: Path
) -> None:
    site, canary, paths = hostile_sites
    settings = Settings.from_mapping(HOSTILE_SETTINGS, env=False)
    summary = in_thread(api.crawl, [council_row("HST", site)], tmp_path / "h.db", settings)
    assert summary.status == "complete", summary
    db = sqlite_utils.Database(tmp_path / "h.db")
    rows = {r["url"].removeprefix(site.base): r for r in db["pages"].rows}
    assert set(paths) <= set(rows), set(paths) - set(rows)
    expect_errors({p: rows[p]["error"] for p in paths})
    assert dict(canary.hits) == {}


def test_hostile_pages_are_checked_and_the_canary_is_never_reached(
    hostile_sites: tuple[Site, Site, list[str]],
) -> None:
    site, canary, paths = hostile_sites
    settings = Settings.from_mapping(HOSTILE_SETTINGS, env=False)
    result = in_thread(api.check, [site.url(p) for p in paths], settings)
    errors = {p: r.snapshot.error for p, r in zip(paths, result.pages, strict=True)}
    expect_errors(errors)
    assert dict(canary.hits) == {}


def pages_recorded(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(db_path, timeout=5)) as conn:
            return int(conn.execute("select count(*) from pages").fetchone()[0])
    except sqlite3.Error:
        return 0


def crawl_processes(kind: str) -> list[psutil.Process]:
    """The crawl child's Playwright driver (``driver``) or Chromium (``browser``)."""
    me = psutil.Process()
    found = []
    for child in me.children(recursive=True):
        try:
            argv = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if kind == "driver" and "run-driver" in argv and child.parent().pid != me.pid:
            found.append(child)
        if kind == "browser" and "--proxy-server" in argv and "--type=" not in argv:
            found.append(child)
    return found


def test_a_crawl_survives_its_driver_and_browser_being_killed(tmp_path: Path) -> None:
    site = Site(delay=0.3)
    paths = [f"/page-{n}" for n in range(12)]
    for path in paths:
        site.routes[path] = ok(page(path, "<p>An ordinary page.</p>"))
    site.routes["/"] = ok(page("Home", links(*((p, p) for p in paths))))
    db_path = tmp_path / "killed.db"
    settings = Settings.from_mapping({**HOSTILE_SETTINGS, "use_sitemaps": False}, env=False)
    killed: list[str] = []

    def killer() -> None:
        for kind, after in (("driver", 2), ("browser", 6)):
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline and (
                pages_recorded(db_path) < after or not crawl_processes(kind)
            ):
                time.sleep(0.2)
            for proc in crawl_processes(kind):
                proc.kill()
                killed.append(kind)

    watcher = threading.Thread(target=killer, daemon=True)
    watcher.start()
    try:
        summary = in_thread(api.crawl, [council_row("KIL", site)], db_path, settings)
    finally:
        watcher.join(timeout=5)
        site.stop()
    assert {"driver", "browser"} <= set(killed), killed
    assert summary.status == "complete", summary
    db = sqlite_utils.Database(db_path)
    rows = list(db.query("select url, audited, error from pages"))
    assert sorted(r["url"].removeprefix(site.base) for r in rows) == sorted(["/", *paths])
    assert [r for r in rows if not r["audited"] or r["error"]] == []


def test_sigterm_to_the_crawl_parent_marks_the_run_interrupted(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    site = Site(delay=1.0)
    paths = [f"/slow-{n}" for n in range(10)]
    for path in paths:
        site.routes[path] = ok(page(path, "<p>A slow page.</p>"))
    site.routes["/"] = ok(page("Home", links(*((p, p) for p in paths))))
    register = tmp_path / "one.csv"
    register.write_text(f"code,name,homepage_url\nTRM,Term,{site.url('/')}\n", encoding="utf-8")
    db_path = tmp_path / "term.db"
    sets = ["allow_loopback=true", "autothrottle=false", "use_sitemaps=false"]
    argv = [sys.executable, "-m", "council_audit", "crawl", "--csv", str(register),
            "--db", str(db_path), *(x for s in sets for x in ("--set", s))]  # fmt: skip
    crawl = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and crawl.poll() is None:
            if pages_recorded(db_path) >= 1:
                break
            time.sleep(0.3)
        descendants = psutil.Process(crawl.pid).children(recursive=True)
        crawl.send_signal(signal.SIGTERM)
        assert crawl.wait(timeout=120) == 1
        gone, alive = psutil.wait_procs(descendants, timeout=30)
        assert alive == []
    finally:
        if crawl.poll() is None:
            crawl.kill()
        site.stop()
    db = sqlite_utils.Database(db_path)
    assert [r["status"] for r in db["runs"].rows] == ["interrupted"]
    assert db["pages"].count < len(paths) + 1  # it did stop early
