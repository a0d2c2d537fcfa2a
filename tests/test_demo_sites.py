"""The demo council sites, served for real on 127.0.0.1: pages, robots.txt, sitemap,
PDF, redirects, 404s, and the manifest of planted barriers."""

from __future__ import annotations

import http.client
import json
import re
import urllib.request
import xml.etree.ElementTree as ET
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import pytest

from council_audit.checks import default_registry
from council_audit.checks.axe import axe_source
from council_audit.demo import ALLOWED_CHECK_IDS, DEMO_COUNCILS, DemoSites, manifest
from council_audit.demo.manifest import MANIFEST_FILE

CODES = ("DWB", "DTY", "DPR")


def _known_check_ids() -> set[str]:
    """Every check a barrier may name: our registered checks and axe-core's rules."""
    axe_rules = set(re.findall(r'\{id:"([a-z0-9-]+)",(?:impact|selector):', axe_source()))
    return {c.meta.id for c in default_registry()} | axe_rules


ALLOWED = _known_check_ids()
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


@pytest.fixture(scope="module")
def sites():
    with DemoSites() as running:
        yield running


@pytest.fixture(scope="module")
def demo_manifest() -> dict:
    return manifest()


@pytest.fixture(scope="module")
def html_by_url(sites, demo_manifest) -> dict[str, str]:
    """Every manifest page of every council, fetched once."""
    pages = {}
    for code in CODES:
        for path in demo_manifest[code]["pages"]:
            url = sites.url(code, path)
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200, url
                assert response.headers["Content-Type"] == "text/html; charset=utf-8", url
                pages[url] = response.read().decode("utf-8")
    return pages


def get(url: str, method: str = "GET") -> http.client.HTTPResponse:
    """One request, redirects not followed."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""))
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def links(html: str, base: str) -> list[str]:
    """Absolute URLs of the page's links (not in-page #fragment links)."""
    parser = LinkParser()
    parser.feed(html)
    return [urljoin(base, href) for href in parser.links if not href.startswith("#")]


def test_sites_are_own_origins_on_localhost(sites) -> None:
    homes = [sites.homepage(code) for code in CODES]
    assert len({urlsplit(h).port for h in homes}) == 3
    assert all(h.startswith("http://127.0.0.1:") and h.endswith("/") for h in homes)
    rows = sites.councils()
    assert [r["code"] for r in rows] == list(CODES)
    assert all(r["homepage_url"] == sites.homepage(r["code"]) for r in rows)
    assert all(r["homepage_url"] is None for r in DEMO_COUNCILS)
    assert set(rows[0]) == set(DEMO_COUNCILS[0])


@pytest.mark.parametrize("code", CODES)
def test_each_council_serves_at_least_25_html_pages(code, sites, demo_manifest, html_by_url):
    paths = demo_manifest[code]["pages"]
    assert len(paths) >= 25
    assert all(sites.url(code, p) in html_by_url for p in paths)


@pytest.mark.parametrize("code", CODES)
def test_robots_txt_points_to_sitemap_and_disallows_private(code, sites, demo_manifest):
    response = get(sites.url(code, "/robots.txt"))
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/plain")
    text = response.body.decode()
    assert f"Sitemap: {sites.url(code, '/sitemap.xml')}" in text.splitlines()
    assert "Disallow: /private/" in text.splitlines()
    robots = RobotFileParser()
    robots.parse(text.splitlines())
    for path in demo_manifest[code]["disallowed"]:
        assert path.startswith("/private/")
        assert not robots.can_fetch("council-audit", sites.url(code, path))
    assert robots.can_fetch("council-audit", sites.homepage(code))


@pytest.mark.parametrize("code", CODES)
def test_sitemap_lists_pages_including_the_sitemap_only_one(code, sites, demo_manifest):
    response = get(sites.url(code, "/sitemap.xml"))
    assert response.status == 200
    assert response.getheader("Content-Type") == "application/xml"
    root = ET.fromstring(response.body)
    locs = {loc.text for loc in root.iter(f"{SITEMAP_NS}loc")}
    pages = {sites.url(code, p) for p in demo_manifest[code]["pages"]}
    assert locs == pages
    only = demo_manifest[code]["sitemap_only"]
    assert only and all(sites.url(code, p) in locs for p in only)
    assert not any(sites.url(code, p) in locs for p in demo_manifest[code]["disallowed"])


@pytest.mark.parametrize("code", CODES)
def test_sitemap_only_pages_are_not_linked_and_private_ones_are(
    code, sites, demo_manifest, html_by_url
):
    linked = {
        urlsplit(link).path
        for url, html in html_by_url.items()
        if url.startswith(sites.homepage(code))
        for link in links(html, url)
    }
    assert not set(demo_manifest[code]["sitemap_only"]) & linked
    assert set(demo_manifest[code]["disallowed"]) <= linked


@pytest.mark.parametrize("code", CODES)
def test_linked_pages_are_reachable_within_three_clicks(code, sites, demo_manifest):
    home = sites.homepage(code)
    depth = {"/": 0}
    queue = deque(["/"])
    while queue:
        path = queue.popleft()
        if depth[path] == 3:
            continue
        with urllib.request.urlopen(sites.url(code, path), timeout=10) as response:
            if "text/html" not in response.headers["Content-Type"]:
                continue
            html = response.read().decode()
        for link in links(html, response.url):
            target = urlsplit(link)
            if not link.startswith(home) or target.path.startswith("/private/"):
                continue
            if target.path not in depth:
                depth[target.path] = depth[path] + 1
                queue.append(target.path)
    expected = set(demo_manifest[code]["pages"]) - set(demo_manifest[code]["sitemap_only"])
    assert expected - set(depth) == set()


@pytest.mark.parametrize("code", CODES)
def test_every_page_links_to_home(code, sites, demo_manifest, html_by_url):
    home = sites.homepage(code)
    for path in demo_manifest[code]["pages"]:
        url = sites.url(code, path)
        assert home in links(html_by_url[url], url), path


@pytest.mark.parametrize("code", CODES)
def test_pdf_is_served_as_a_pdf(code, sites, demo_manifest):
    (path,) = demo_manifest[code]["documents"]
    response = get(sites.url(code, path))
    assert response.status == 200
    assert response.getheader("Content-Type") == "application/pdf"
    assert response.body.startswith(b"%PDF-1.4")
    assert response.body.rstrip().endswith(b"%%EOF")


def test_pdf_is_linked_and_opens(sites, demo_manifest, html_by_url):
    import io

    import pikepdf

    (path,) = demo_manifest["DWB"]["documents"]
    assert any(sites.url("DWB", path) in links(h, u) for u, h in html_by_url.items())
    with urllib.request.urlopen(sites.url("DWB", path), timeout=10) as response:
        pdf = pikepdf.open(io.BytesIO(response.read()), attempt_recovery=False)
    assert len(pdf.pages) == 1


def test_old_url_redirects_permanently(sites, demo_manifest, html_by_url):
    for old, new in demo_manifest["DTY"]["redirects"].items():
        response = get(sites.url("DTY", old))
        assert response.status == 301
        assert response.getheader("Location") == sites.url("DTY", new)
        assert any(sites.url("DTY", old) in links(h, u) for u, h in html_by_url.items())


@pytest.mark.parametrize(
    ("path", "target"),
    [("/bins", "/bins/"), ("/robots.txt/", "/robots.txt"), ("/search/results?q=bins", None)],
)
def test_paths_redirect_to_their_canonical_form(sites, path, target):
    response = get(sites.url("DWB", path))
    assert response.status == 301
    expected = target or "/search/results/?q=bins"
    assert response.getheader("Location") == sites.url("DWB", expected)


def test_unknown_path_is_an_html_404(sites):
    response = get(sites.url("DPR", "/no-such-page/"))
    assert response.status == 404
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert b"<h1>Page not found</h1>" in response.body


def test_head_sends_headers_only(sites):
    full = get(sites.url("DWB", "/bins/"))
    head = get(sites.url("DWB", "/bins/"), "HEAD")
    assert head.status == 200
    assert head.body == b""
    assert head.getheader("Content-Length") == str(len(full.body))


def test_search_results_follow_the_query(sites):
    with urllib.request.urlopen(sites.url("DWB", "/search/results/?q=parking"), timeout=10) as r:
        html = r.read().decode()
    assert "match ‘parking’" in html
    assert 'href="/parking/permits/"' in html


def test_check_ids_are_all_known(demo_manifest):
    for code in CODES:
        for page in demo_manifest[code]["pages"].values():
            for barrier in page["barriers"]:
                assert barrier["check_ids"] and set(barrier["check_ids"]) <= ALLOWED
                assert barrier["id"] and barrier["description"]


def test_planted_barriers_cover_every_check(demo_manifest):
    planted = {
        check
        for code in ("DTY", "DPR")
        for page in demo_manifest[code]["pages"].values()
        for barrier in page["barriers"]
        for check in barrier["check_ids"]
    }
    assert planted == set(ALLOWED_CHECK_IDS)  # every check the demo declares is planted
    assert planted <= ALLOWED  # and each is a real check or axe-core rule


def _barrier_counts(council: dict) -> tuple[int, int]:
    pages = [p for p in council["pages"].values() if p["barriers"]]
    return sum(len(p["barriers"]) for p in pages), len(pages)


def test_well_built_council_has_no_barriers(demo_manifest):
    assert _barrier_counts(demo_manifest["DWB"]) == (0, 0)


def test_typical_council_has_a_handful_of_barriers(demo_manifest):
    barriers, pages = _barrier_counts(demo_manifest["DTY"])
    assert 6 <= barriers <= 10 and pages >= 5


def test_poor_council_has_many_barriers(demo_manifest):
    barriers, pages = _barrier_counts(demo_manifest["DPR"])
    assert barriers >= 25 and pages >= 15


def test_titles_in_manifest_match_the_served_pages(sites, demo_manifest, html_by_url):
    for code in CODES:
        for path, page in demo_manifest[code]["pages"].items():
            html = html_by_url[sites.url(code, path)]
            expected = f"<title>{page['title']}</title>" if page["title"] else "<title>"
            assert (expected in html) == bool(page["title"]), (code, path)


def test_committed_manifest_json_is_up_to_date(demo_manifest):
    assert json.loads(MANIFEST_FILE.read_text("utf-8")) == demo_manifest
