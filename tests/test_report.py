"""Fix lists (``council-audit report``): a small council website of our own, served on
127.0.0.1, crawled twice in real Chromium with one page changed in between. The report
must group the shared header's problems into one fix each, put the most impactful first,
and say what is new and what was fixed."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from click.testing import CliRunner

from council_audit import api
from council_audit.cli import main
from council_audit.publish import datasette_config
from council_audit.report import FORMATS, build_report, render
from council_audit.report.build import ReportError, normalise_snippet
from council_audit.report.render import defuse, render_html, report_dict
from council_audit.settings import Settings

PAYLOAD = "<script>window.__pwned=1</script>"
HEADER = f"""<header><a href="/" class="home"><img src="/logo.svg" width="80" height="40"
  data-note="{PAYLOAD}"></a>
<nav aria-label="Main"><ul><li><a href="/bins/">Bins</a></li><li><a href="/tax/">Council tax</a></li>
<li><a href="/contact/">Contact us</a></li></ul></nav></header>"""
CONTACT_BEFORE = """<form action="/contact/" method="get"><p>Your email address</p>
<input type="text" name="email" id="email"><button>Send</button></form>"""
CONTACT_AFTER = """<form action="/contact/" method="get"><label for="email">Your email address</label>
<input type="text" name="email" id="email"><button>Send</button></form>
<p><img src="/map.svg" width="200" height="100" id="map"></p>"""
BODIES = {
    "/": "<p>Welcome to Fixton Council. Find out about bins, council tax and how to contact us.</p>",
    "/bins/": "<p>Bins are collected every week. Put your bin out by 7am.</p>",
    "/tax/": '<p>Pay your council tax online.</p><p style="color:#aaa;background:#fff">'
    "Charges are reviewed every April.</p>",
    "/contact/": CONTACT_BEFORE,
}
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'


def html_page(path: str, bodies: dict[str, str]) -> str:
    title = {"/": "Home", "/bins/": "Bins", "/tax/": "Council tax", "/contact/": "Contact us"}
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title[path]} - Fixton Council</title></head><body>{HEADER}"
        f"<main><h1>{title[path]}</h1>{bodies[path]}</main>"
        f"<footer><p>Fixton Council</p></footer></body></html>"
    )


class FixtonHandler(http.server.BaseHTTPRequestHandler):
    bodies: dict[str, str] = {}

    def do_GET(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        if path in self.bodies:
            self._send(200, "text/html; charset=utf-8", html_page(path, self.bodies).encode())
        elif path.endswith(".svg"):
            self._send(200, "image/svg+xml", SVG)
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def fixton(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """Two runs of the Fixton site; between them the contact form gets its label and the
    contact page gets a map without a text alternative."""
    bodies = dict(BODIES)
    handler = type("Handler", (FixtonHandler,), {"bodies": bodies})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    db_path = tmp_path_factory.mktemp("report") / "fixton.db"
    council = {"code": "FIX", "name": "Fixton Council", "homepage_url": url, "nation": "England"}
    settings = Settings.from_mapping(
        {"allow_loopback": True, "page_budget": 10, "autothrottle": False}, env=False
    )
    try:
        for label, contact in (("first", CONTACT_BEFORE), ("second", CONTACT_AFTER)):
            bodies["/contact/"] = contact
            summary = api.crawl([council], db_path, settings, label=label)
            assert summary.status == "complete" and summary.pages == 4, summary
        yield db_path, url
    finally:
        server.shutdown()
        server.server_close()


def group(report, check_id: str, page_count: int | None = None):  # type: ignore[no-untyped-def]
    found = [g for g in report.groups if g.check_id == check_id]
    if page_count is not None:
        found = [g for g in found if len(g.pages) == page_count]
    assert len(found) == 1, [(g.check_id, g.selector, len(g.pages)) for g in report.groups]
    return found[0]


# --- grouping --------------------------------------------------------------------------
def test_shared_header_problems_are_one_fix_each(fixton: tuple[Path, str]) -> None:
    report = build_report(fixton[0], "FIX")
    assert report.pages_audited == 4 and report.pages_compared == 4
    logo = group(report, "image-alt", 4)
    assert logo.template_level and logo.impact == "critical"
    assert 'data-note="' in logo.snippet and len(logo.occurrences) == 4
    assert {urlsplit(p.url).path for p in logo.pages} == set(BODIES)
    assert logo.wcag == ("1.1.1",) and "screen readers" in logo.who_it_affects
    assert logo.how_to_fix and logo.help_url.startswith("https://")
    home_link = group(report, "link-name", 4)
    assert home_link.template_level and home_link.selector == ".home"
    map_image = group(report, "image-alt", 1)
    assert not map_image.template_level and map_image.selector == "#map"


def test_most_impactful_fix_first(fixton: tuple[Path, str]) -> None:
    report = build_report(fixton[0], "FIX")
    assert report.groups[0].check_id == "image-alt" and len(report.groups[0].pages) == 4
    scores = [g.score for g in report.errors]
    assert scores == sorted(scores, reverse=True)
    assert report.groups[: len(report.errors)] == report.errors  # errors before warnings


def test_new_and_fixed_since_the_previous_run(fixton: tuple[Path, str]) -> None:
    report = build_report(fixton[0], "FIX")
    assert report.previous_run is not None and report.previous_run["label"] == "first"
    assert report.run["label"] == "second"
    new_errors = [(c.check_id, urlsplit(c.page_url).path, c.selector) for c in report.new
                  if c.level == "error"]  # fmt: skip
    fixed = [(c.check_id, urlsplit(c.page_url).path, c.selector) for c in report.fixed]
    # the header image on /contact/ got a new selector (the page gained a second image):
    # the same code on the same page, so not a change
    assert new_errors == [("image-alt", "/contact/", "#map")]
    assert ("label", "/contact/", "#email") in fixed
    assert {path for _, path, _ in fixed} == {"/contact/"}  # nothing else changed
    assert group(report, "image-alt", 1).new_pages == 1
    assert group(report, "image-alt", 4).new_pages == 0


def test_first_run_has_nothing_to_compare(fixton: tuple[Path, str], tmp_path: Path) -> None:
    import sqlite3

    copy = tmp_path / "first.db"
    with sqlite3.connect(fixton[0]) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
        dst.execute("update runs set status = 'failed' where label = 'second'")
    report = build_report(copy, "FIX")
    assert report.previous_run is None and report.new == [] and report.fixed == []
    assert group(report, "label").pages[0].url.endswith("/contact/")
    assert "nothing to compare with yet" in render(report, "html")


def test_unknown_council_or_database(fixton: tuple[Path, str], tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="NOPE"):
        build_report(fixton[0], "NOPE")
    with pytest.raises(ReportError, match="no results database"):
        build_report(tmp_path / "missing.db", "FIX")


def test_snippets_are_normalised_for_grouping() -> None:
    assert normalise_snippet("<a\n   href='/'>  x</a>…") == "<a href='/'> x</a>"


# --- formats ---------------------------------------------------------------------------
def test_html_is_self_contained_printable_and_escaped(fixton: tuple[Path, str]) -> None:
    report = build_report(fixton[0], "FIX")
    html = render(report, "html")
    doc = lxml.html.fromstring(html)
    assert doc.get("lang") == "en-GB" and "@media print" in html
    assert (
        doc.xpath("//script | //link | //img | //iframe | //object | //*[@src] | //*[@style]") == []
    )
    styles = " ".join(doc.xpath("//style/text()"))
    assert "url(" not in styles and "@import" not in styles
    assert PAYLOAD not in html
    shown = doc.text_content()
    assert all(g.snippet in shown for g in report.groups)  # the code, as text, exactly
    assert "Fix these first" in html and "What changed since the previous run" in html
    assert "fixing it once fixes every page" in html
    assert "1.1.1 Non-text Content" in html


def test_html_report_passes_our_own_audit(
    fixton: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("served-report")
    (folder / "fix-list.html").write_text(render(build_report(fixton[0], "FIX"), "html"))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined,assignment]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/fix-list.html"
        settings = Settings.from_mapping({"allow_loopback": True}, env=False)
        result = api.check([url], settings)
    finally:
        server.shutdown()
        server.server_close()
    page = result.pages[0]
    assert page.snapshot.audited, page.snapshot.error
    violations = [(f.check_id, f.selector) for f in page.findings if f.source == "axe"
                  and f.level == "error"]  # fmt: skip
    assert violations == []


def test_csv_has_one_row_per_fix(fixton: tuple[Path, str]) -> None:
    report = build_report(fixton[0], "FIX")
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert len(rows) == len(report.groups)
    first = rows[0]
    assert (first["rank"], first["check_id"], first["pages_affected"]) == ("1", "image-alt", "4")
    assert first["template_level"] == "True" and len(first["pages"].splitlines()) == 4
    assert first["wcag"] == "1.1.1" and first["who_it_affects"]


def test_csv_cells_are_never_formulas() -> None:
    assert defuse('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert defuse("+1") == "'+1" and defuse("@cmd") == "'@cmd" and defuse("<p>") == "<p>"
    assert defuse(3) == 3


def test_json_contract(fixton: tuple[Path, str]) -> None:
    data = json.loads(render(build_report(fixton[0], "FIX"), "json"))
    assert data["council"]["code"] == "FIX" and data["run"]["label"] == "second"
    assert data["pages"] == {
        "audited": 4,
        "not_audited": 0,
        "compared_with_previous_run": 4,
        "not_checked_this_run": [],
    }
    assert data["comparison"]["like_for_like"] is True and data["comparison"]["differences"] == []
    fix = data["fixes"][0]
    assert fix["rank"] == 1 and fix["pages_affected"] == 4 and fix["template_level"]
    assert fix["wcag"][0]["sc"] == "1.1.1" and fix["wcag"][0]["level"] == "A"
    assert data["summary"]["new"] == len(data["new"]) and data["summary"]["fixed"] >= 1
    assert {c["change"] for c in data["new"]} == {"new"}


def test_earl_assertions(fixton: tuple[Path, str]) -> None:
    report = build_report(fixton[0], "FIX")
    doc = json.loads(render(report, "earl"))
    assert doc["@context"]["earl"] == "http://www.w3.org/ns/earl#"
    tool, *assertions = doc["@graph"]
    assert "earl:Software" in tool["@type"] and tool["doap:name"] == "council-audit"
    assert len(assertions) == report.error_count + report.warning_count + report.advice_count
    for a in assertions:
        assert a["@type"] == "earl:Assertion" and a["assertedBy"] == tool["@id"]
        assert a["mode"] == "earl:automatic"
        assert a["earl:subject"]["source"].startswith(fixton[1])
        assert a["earl:result"]["outcome"] in ("earl:failed", "earl:cantTell")
        assert a["earl:result"]["earl:pointer"]["ptr:expression"]
    logo = [a for a in assertions if a["earl:test"]["dct:identifier"] == "image-alt"]
    assert len(logo) == 5  # the header on four pages, the map on one
    assert logo[0]["earl:test"]["isPartOf"] == ["WCAG22:non-text-content"]
    assert {a["earl:result"]["outcome"] for a in logo} == {"earl:failed"}
    reviews = [a for a in assertions if a["earl:result"]["outcome"] == "earl:cantTell"]
    to_review = [g for g in report.groups if g.outcome == "review"]
    assert len(reviews) == sum(len(g.occurrences) for g in to_review)
    assert {g.level for g in to_review} <= {"warning", "advice"}


# --- the command -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fmt", "start"),
    [("html", "<!DOCTYPE html>"), ("csv", "rank,level"), ("json", "{"), ("earl", "{")],
)
def test_report_command(fixton: tuple[Path, str], tmp_path: Path, fmt: str, start: str) -> None:
    assert fmt in FORMATS
    out = tmp_path / "out" / f"fix-list.{fmt}"
    result = CliRunner().invoke(
        main, ["report", "FIX", "--db", str(fixton[0]), "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(start) and "Fixton" in text or fmt == "csv"
    if fmt in ("json", "earl"):
        json.loads(text)


def test_report_command_to_stdout_and_errors(fixton: tuple[Path, str]) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["report", "FIX", "--db", str(fixton[0]), "--format", "csv"])
    assert result.exit_code == 0 and result.output.startswith("rank,level,impact")
    result = runner.invoke(main, ["report", "NOPE", "--db", str(fixton[0])])
    assert result.exit_code == 1 and "NOPE" in result.output


# --- like for like ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def fixton_two_check_sets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Two runs of an unchanged Fixton site, the second with image-alt and link-name
    switched off and nothing else changed."""
    handler = type("Handler", (FixtonHandler,), {"bodies": dict(BODIES)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    db_path = tmp_path_factory.mktemp("like") / "like.db"
    council = {"code": "FIX", "name": "Fixton Council", "homepage_url": url, "nation": "England"}
    base = {"allow_loopback": True, "page_budget": 10, "autothrottle": False}
    try:
        for extra in ({}, {"disabled_checks": "image-alt,link-name"}):
            settings = Settings.from_mapping({**base, **extra}, env=False)
            summary = api.crawl([council], db_path, settings, label="like")
            assert summary.status == "complete" and summary.pages == 4, summary
        yield db_path
    finally:
        server.shutdown()
        server.server_close()


OFF = {"image-alt", "link-name"}


def test_a_check_switched_off_is_not_fixed_in_the_fix_list(fixton_two_check_sets: Path) -> None:
    report = build_report(fixton_two_check_sets, "FIX")
    first_run = report.previous_run
    assert first_run is not None and report.pages_compared == 4
    with sqlite3.connect(fixton_two_check_sets) as conn:
        before = {r[0] for r in conn.execute("select check_id from findings where run_id = ?", [first_run["id"]])}  # fmt: skip
    assert before >= OFF  # the first run found them
    assert not [c for c in report.fixed if c.check_id in OFF]
    assert report.fixed == [] and report.new == []  # nothing else changed
    assert report.comparison is not None and report.comparison.differs
    assert set(report.comparison.only_before) >= OFF
    words = " ".join(report.comparison.sentences())
    assert "image-alt" in words and "link-name" in words and "not" in words
    html = render_html(report)
    assert "did not check in the same way" in html and "image-alt" in html
    comparison = report_dict(report)["comparison"]
    assert comparison["like_for_like"] is False and comparison["differences"]


def test_a_check_switched_off_is_not_fixed_in_the_change_query_or_trend(
    fixton_two_check_sets: Path,
) -> None:
    changes = canned_rows(fixton_two_check_sets, "changes_since_previous_run", council="FIX")
    assert not [c for c in changes if c["change"] in ("new", "fixed")]
    said = {c["check_id"] for c in changes if c["change"] == "not compared"}
    assert said >= OFF
    assert any("disabled_checks" in (c["message"] or "") for c in changes)
    trend = canned_rows(fixton_two_check_sets, "council_trend", council="FIX")
    assert len(trend) == 2
    first, second = trend
    assert (second["errors_per_page"], second["pct_pages_with_errors"]) == (
        first["errors_per_page"],
        first["pct_pages_with_errors"],
    )  # no improvement shown for the checks the second run did not make
    assert first["checks_digest"] != second["checks_digest"]
    assert second["comparison"].startswith("Not the same checks")


def canned_rows(path: Path, query: str, **params: str) -> list[dict]:
    """A canned query of datasette.yaml run with sqlite3 on ``path``."""
    metadata, _ = datasette_config(path)
    sql = metadata["databases"][path.stem]["queries"][query]["sql"]
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]
