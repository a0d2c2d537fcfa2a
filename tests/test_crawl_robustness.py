"""Bad input gets a clear error and loses nothing: a real crawl (Scrapy, scrapy-playwright,
real Chromium) of a 127.0.0.1 site whose pages time out, hang the renderer, are huge, are
not HTML or are malformed. Each is recorded as such and the crawl goes on."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from council_audit import api
from council_audit.settings import Settings

PAGES = {
    "/": "<h1>Home</h1>"
    + "".join(
        f'<a href="{p}">{p}</a> '
        for p in (
            "/slow",
            "/hang",
            "/huge",
            "/binary",
            "/malformed",
            "/after-1",
            "/after-2",
            "/gone",
        )
    ),
    "/hang": "<h1>Hang</h1><script>while (true) {}</script>",
    "/huge": "<h1>Huge</h1>" + "<div><span>x</span></div>" * 1500,
    "/malformed": "<h1>Broken<p>unclosed <b><i>tags</b> <table><td>cell</div>",
    "/after-1": '<h1>After one</h1><img src="/x.png">',
    "/after-2": '<h1>After two</h1><img src="/x.png">',
}


def html(title: str, body: str) -> bytes:
    return (
        f"<!doctype html><html lang=en><title>{title} – Robust</title><main>{body}</main>".encode()
    )


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/slow":
            time.sleep(6)
            return self.reply(200, "text/html", html("Slow", "<h1>Slow</h1>"))
        if self.path == "/binary":
            return self.reply(200, "application/octet-stream", b"\x00\x01" * 5000)
        if self.path in PAGES:
            return self.reply(200, "text/html; charset=utf-8", html(self.path, PAGES[self.path]))
        return self.reply(404, "text/html", html("Not found", "<h1>Not found</h1>"))

    def reply(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict]]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home = f"http://127.0.0.1:{server.server_address[1]}/"
    settings = Settings.from_mapping(
        {"allow_loopback": True, "page_timeout": 3, "axe_timeout": 5, "max_dom_nodes": 1000,
         "render_pages": 2, "use_sitemaps": False},
        env=False,
    )  # fmt: skip
    db_path: Path = tmp_path_factory.mktemp("robust") / "r.db"
    summary = api.crawl(
        [{"code": "RBT", "name": "Robust", "homepage_url": home}], db_path, settings
    )
    server.shutdown()
    from council_audit.results import ResultsDB

    db = ResultsDB(db_path)
    rows = {r["url"].removeprefix(home.rstrip("/")): r for r in db.db["pages"].rows}
    yield {"summary": summary, "pages": rows}
    db.close()


def test_crawl_completes_and_records_every_page(crawled: dict) -> None:
    assert crawled["summary"].status == "complete"
    assert set(crawled["pages"]) == {
        "/",
        "/slow",
        "/hang",
        "/huge",
        "/binary",
        "/malformed",
        "/after-1",
        "/after-2",
        "/gone",
    }


def test_each_bad_page_says_what_went_wrong(crawled: dict) -> None:
    pages = crawled["pages"]
    assert "timeout" in pages["/slow"]["error"].lower()
    assert pages["/hang"]["error"] and pages["/hang"]["audited"] == 0
    assert "too large" in pages["/huge"]["error"]
    assert pages["/binary"]["content_type"] == "application/octet-stream"
    assert pages["/binary"]["audited"] == 0 and pages["/binary"]["bytes"] == 10000
    assert pages["/gone"]["status"] == 404 and pages["/gone"]["error"] == "HTTP 404"


def test_good_pages_around_bad_ones_are_audited(crawled: dict) -> None:
    pages = crawled["pages"]
    for path in ("/", "/malformed", "/after-1", "/after-2"):
        assert pages[path]["audited"] == 1, (path, pages[path]["error"])
    assert pages["/after-1"]["errors"] >= 1 and pages["/after-2"]["errors"] >= 1  # image-alt
