"""The link_targets probe (which same-name link destinations it fetches, and what it
records) and how link-text-ambiguous uses it. Browser tests use a small site on
127.0.0.1 that counts the requests it gets, with real HTTP redirects."""

from __future__ import annotations

import http.server
import threading
from collections import Counter
from collections.abc import Iterator

import pytest

from council_audit import api
from council_audit.checks import default_registry
from council_audit.checks.common.link_groups import Target, equivalent, places
from council_audit.checks.common.links import Link
from council_audit.probes import link_targets
from council_audit.probes.link_targets import addresses_to_fetch
from council_audit.settings import Settings

CONTACT = "<main><h1>Contact us</h1><p>Phone 01234 567890, Monday to Friday.</p></main>"


def link(href: str, name: str = "Contact us") -> Link:
    return Link(href, name, "content", "", "", "", False, False, f"a[href='{href}']", "")


def html(body: str, head: str = "") -> str:
    return f"<!doctype html><html lang='en'><head>{head}<title>T</title></head><body>{body}</body></html>"


# --- which addresses are fetched ------------------------------------------------------------


def test_one_address_per_destination_same_origin_only() -> None:
    links = [
        link("https://c.example/a"),
        link("https://c.example/a/#top"),  # the same destination as /a
        link("https://c.example/b"),
        link("https://c.example/x", "Pay"),
        link("https://pay.example/x", "Pay"),  # another origin: the group is not fetched
        link("https://c.example/read/1", "Read more"),  # says nothing: another check's
        link("https://c.example/read/2", "Read more"),
    ]
    wanted, skipped = addresses_to_fetch(links, "https://c.example/page", cap=6)
    assert wanted == ["https://c.example/a", "https://c.example/b"]
    assert skipped == 1


def test_cap_takes_whole_groups_only() -> None:
    links = [link(f"https://c.example/{i}", "Apply") for i in range(4)]
    links += [link("https://c.example/p", "Pay"), link("https://c.example/q", "Pay")]
    wanted, skipped = addresses_to_fetch(links, "https://c.example/", cap=3)
    assert wanted == ["https://c.example/p", "https://c.example/q"]
    assert skipped == 1
    assert addresses_to_fetch(links, "https://c.example/", cap=0) == ([], 2)
    known = frozenset({"https://c.example/p", "https://c.example/q"})  # remembered: free
    wanted, skipped = addresses_to_fetch(links, "https://c.example/", cap=4, known=known)
    assert len(wanted) == 6 and skipped == 0


# --- when two destinations are one resource -------------------------------------------------


def test_equivalent_by_final_address_or_text_not_by_query() -> None:
    a = Target("https://c.example/contact", "d1", "m1")
    assert equivalent(a, Target("https://c.example/contact/", "d2"))
    assert equivalent(a, Target("https://c.example/contact-us", "d1"))
    assert equivalent(a, Target("https://c.example/other", "d9", "m1"))
    assert not equivalent(a, Target("https://c.example/other", "d9", "m9"))
    assert not equivalent(a, Target())  # unknown
    q1, q2 = (
        Target("https://c.example/pay?item=1", "d"),
        Target("https://c.example/pay?item=2", "d"),
    )
    assert not equivalent(q1, q2)


def test_places_joins_equivalent_destinations() -> None:
    group = [link("https://c.example/a"), link("https://c.example/b"), link("https://c.example/c")]
    targets = {
        "https://c.example/a": Target("https://c.example/a", "same"),
        "https://c.example/b": Target("https://c.example/b", "same"),
    }
    assert [len(p) for p in places(group, targets)] == [2, 1]


# --- in the browser ---------------------------------------------------------------------------


class _Site(http.server.BaseHTTPRequestHandler):
    pages: dict[str, str] = {}
    hits: Counter = Counter()

    def do_GET(self) -> None:  # noqa: N802
        self.hits[self.path] += 1
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/contact")
            self.end_headers()
            return
        body = self.pages.get(self.path.split("?")[0])
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Cache-Control", "max-age=60")
        self.end_headers()
        self.wfile.write((body or "Not found").encode())

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[int]:
    _Site.pages = {
        "/contact": html(CONTACT),
        "/contact-copy": html(CONTACT),
        "/refresh": html("Moved", '<meta http-equiv="refresh" content="0;URL=\'/contact\'">'),
        "/slow": html("Moved", '<meta http-equiv="refresh" content="30; url=/contact">'),
        "/planning": html("<main><h1>Planning</h1><p>Email the planning team.</p></main>"),
    }
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


IGNORED = {"/favicon.ico", "/robots.txt"}


def audit(port: int, body: str, **settings: object):  # type: ignore[no-untyped-def]
    _Site.pages["/page"] = html(body)
    _Site.hits.clear()
    result = api.check(
        [f"http://127.0.0.1:{port}/page"], Settings.from_mapping(settings, env=False)
    )
    (page,) = result.pages
    findings = [f for f in page.findings if f.check_id == "link-text-ambiguous"]
    return page.snapshot.facts["link_targets"], findings


def test_redirects_copies_and_refresh_are_one_resource(site: int) -> None:
    body = (
        "<a href='/contact'>Contact us</a> <a href='/contact-copy'>Contact us</a> "
        "<a href='/moved'>Contact us</a> <a href='/refresh'>Contact us</a>"
    )
    probe, findings = audit(site, body)
    assert findings == []
    moved = probe["targets"][f"http://127.0.0.1:{site}/moved"]
    assert moved["final_url"] == f"http://127.0.0.1:{site}/contact"
    refreshed = probe["targets"][f"http://127.0.0.1:{site}/refresh"]
    assert refreshed["final_url"] == f"http://127.0.0.1:{site}/contact"
    assert refreshed["refreshed_from"] == f"http://127.0.0.1:{site}/refresh"
    assert probe["fetched"] == 4 and _Site.hits["/contact"] <= 3
    again, findings = audit(site, body)  # another page of the same crawl: remembered
    assert again["fetched"] == 0 and again["targets"] == probe["targets"] and findings == []
    assert set(_Site.hits) - IGNORED == {"/page"}


def test_different_pages_slow_refresh_and_other_sites_stay_flagged(site: int) -> None:
    body = (
        "<a href='/contact'>Contact us</a> <a id='x' href='/planning'>Contact us</a>"
        "<a href='/contact'>Opening times</a> <a id='y' href='/slow'>Opening times</a>"
        f"<a href='/contact'>Pay</a> <a id='z' href='http://localhost:{site}/contact'>Pay</a>"
    )
    probe, findings = audit(site, body)
    assert sorted(f.selector for f in findings) == ["#x", "#y", "#z"]
    criteria = {f.selector: (f.level, set(f.wcag)) for f in findings}
    assert criteria["#x"] == criteria["#y"] == ("warning", {"2.4.4", "2.4.9"})  # fetched
    assert criteria["#z"] == ("advice", {"2.4.9"})  # another site: never compared
    assert probe["groups_skipped"] == 1
    assert sum(n for path, n in _Site.hits.items() if path not in {"/page", *IGNORED}) <= 3
    assert _Site.hits["/slow"] == 1


def test_without_fetches_addresses_alone_decide(site: int) -> None:
    body = "<a href='/contact'>Contact us</a> <a id='x' href='/contact-copy'>Contact us</a>"
    probe, findings = audit(site, body, link_target_fetches=0)
    assert probe["targets"] == {} and [f.selector for f in findings] == ["#x"]
    assert set(_Site.hits) - IGNORED == {"/page"}


def test_robots_txt_is_obeyed(site: int) -> None:
    link_targets._ROBOTS.clear()
    link_targets._MEMO.clear()
    _Site.pages["/robots.txt"] = "User-agent: *\nDisallow: /contact-copy\n"
    try:
        body = "<a href='/contact'>Contact us</a> <a id='x' href='/contact-copy'>Contact us</a>"
        probe, findings = audit(site, body)
        assert _Site.hits["/robots.txt"] == 1 and _Site.hits["/contact-copy"] == 0
        assert f"http://127.0.0.1:{site}/contact-copy" not in probe["targets"]
        assert [f.selector for f in findings] == ["#x"]  # not fetched: still unknown
    finally:
        del _Site.pages["/robots.txt"]
        link_targets._ROBOTS.clear()


def test_check_without_probe_data_keeps_address_comparison() -> None:
    from council_audit.checks.common.page import PageView

    raw = [
        {"href": "https://c.example/a", "name": "Contact us", "selector": "#a"},
        {"href": "https://c.example/b", "name": "Contact us", "selector": "#b"},
    ]
    for probe in (None, {"error": "boom"}):
        facts = {"links": {"links": raw}, **({"link_targets": probe} if probe else {})}
        check = default_registry().get("link-text-ambiguous")
        findings = list(check.run(PageView(url="https://c.example/", html="", facts=facts)))
        assert [f.selector for f in findings] == ["#b"]
