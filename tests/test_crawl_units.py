"""The crawl's rules without a browser: URLs and hosts, trap guards, reading a page,
matching links to the sample's reasons, the frontier's rounds (the same sample whatever
order pages come back in), the register's hosts, progress lines and the dry run."""

from __future__ import annotations

import random

import pytest
from click.testing import CliRunner

from council_audit.cli import main
from council_audit.crawler import sample, urls
from council_audit.crawler.frontier import Frontier
from council_audit.crawler.reading import Link, PageReading, read_page
from council_audit.crawler.traps import TrapGuard, is_calendar
from council_audit.progress import (
    CouncilProgress,
    Counts,
    duration,
    finished_line,
    progress_line,
    run_eta,
)
from council_audit.register import allowed_hosts, load_register
from council_audit.settings import Settings, SettingsError

HOME = "https://www.example.gov.uk/"


def test_site_hosts_and_redirect_kinds() -> None:
    assert urls.site_host("https://www.x.gov.uk:443/a") == "www.x.gov.uk"
    assert urls.site_host("http://127.0.0.1:8042/") == "127.0.0.1:8042"
    assert urls.host_allowed("https://x.gov.uk/a", {"www.x.gov.uk"})
    assert not urls.host_allowed("https://www.y.gov.uk/", {"www.x.gov.uk"})
    hosts = {"www.x.gov.uk", "pay.example.com"}
    assert (
        urls.redirect_kind("http://www.x.gov.uk/", "https://www.x.gov.uk/", hosts)
        == "https-upgrade"
    )
    assert urls.redirect_kind("https://www.x.gov.uk/a", "https://x.gov.uk/b", hosts) == "same-site"
    assert (
        urls.redirect_kind("https://www.x.gov.uk/a", "https://pay.example.com/", hosts)
        == "allowed-host"
    )
    assert (
        urls.redirect_kind("https://www.x.gov.uk/a", "https://evil.example/", hosts) == "off-site"
    )
    assert urls.redirect_kind("https://www.x.gov.uk/a", "https://www.x.gov.uk/a#top", hosts) is None


def test_session_ids_are_stripped() -> None:
    assert urls.strip_session("https://x/a;jsessionid=ABC?b=1") == "https://x/a?b=1"
    assert urls.strip_session("https://x/a?PHPSESSID=1&q=bins") == "https://x/a?q=bins"
    assert urls.strip_session("https://x/a?ASPSESSIONIDQQ=1") == "https://x/a"
    assert urls.strip_session("https://x/a?page=2") == "https://x/a?page=2"


def test_trap_guards() -> None:
    guard = TrapGuard(Settings(max_calendar_pages=1, max_query_variants=2))
    assert guard.refusal("https://x/" + "a" * 500)
    assert guard.refusal("https://x/?a=1&b=2&c=3&d=4&e=5")
    assert guard.refusal("https://x/a/b/a/b/a/b/")
    assert guard.refusal("https://x/services/bins/") is None
    assert is_calendar("https://x/events/2025/03/") and is_calendar(
        "https://x/whats-on?date=2025-03-01"
    )
    assert is_calendar("https://x/calendar/") and not is_calendar("https://x/news/2025-plans/")
    assert guard.admit("https://x/events/2025/03/") is None
    assert "calendar" in guard.admit("https://x/events/2025/04/")
    assert (
        guard.admit("https://x/news?page=2") is None
        and guard.admit("https://x/news?page=3") is None
    )
    assert "query variants" in guard.admit("https://x/news?page=4")
    assert guard.skipped == 2


def test_reading_a_page() -> None:
    html = """<html><head><title>Home</title><link rel="canonical" href="/home/"></head><body>
    <h1>Welcome</h1><a href="/bins/">Bins</a><a href="#main">skip</a><a href="mailto:a@b">mail</a>
    <a href="/x/" aria-label="Council tax"><img src="i.png"></a><a href="/y/"><img alt="Parking"></a>
    <form role="search" action="/search"><input type="search" name="q"><input type="hidden"
    name="site" value="main"><button>Go</button></form>
    <div class="cookie-banner"><form><input type="checkbox" name="ok"></form></div>
    <form method="post" action="/apply"><input name="name"></form></body></html>"""
    reading = read_page(html, HOME, "council tax")
    assert [(link.url, link.text) for link in reading.links] == [
        (HOME + "bins/", "Bins"), (HOME + "x/", "Council tax"), (HOME + "y/", "Parking")]  # fmt: skip
    assert reading.search_url == HOME + "search?q=council+tax&site=main"
    assert reading.canonical == HOME + "home/" and reading.has_form
    assert reading.title == "Home" and reading.h1 == "Welcome"
    assert not read_page("<form><input type=checkbox name=x></form>", HOME, "x").search_url


@pytest.mark.parametrize(
    ("reason", "texts", "path", "expected"),
    [("contact", ["Contact us"], "/x/", 4), ("contact", [], "/contact-the-council/", 1),
     ("accessibility-statement", ["Accessibility statement for example.gov.uk"], "/a/", 3),
     ("accessibility-statement", ["Datganiad hygyrchedd"], "/datganiad/", 4),
     ("task:bins", ["Check your bin day"], "/x/", 2), ("task:bins", ["Binoculars"], "/x/", 0),
     ("task:blue-badge", ["Apply for a Blue Badge"], "/x/", 4), ("task:parking", [], "/y/", 0)],
)  # fmt: skip
def test_link_matching(reason: str, texts: list[str], path: str, expected: int) -> None:
    assert sample.score(reason, texts, path) == expected


def _frontier(budget: int = 8) -> Frontier:
    settings = Settings(page_budget=budget, document_limit=2)
    return Frontier("EXA", HOME, {"www.example.gov.uk"}, settings)


HOME_LINKS = [("/contact/", "Contact us"), ("/waste/", "Bins and recycling"),
              ("/a.pdf", "Leaflet"), *((f"/news/{n}/", f"Story {n}") for n in range(1, 12)),
              ("/b.pdf", "Form"), ("/c.pdf", "Old")]  # fmt: skip
CHILD_LINKS = {"/news/1/": [("/deep/1/", "Deep 1")], "/news/2/": [("/deep/2/", "Deep 2")],
               "/contact/": [("/help/accessibility-statement/", "Accessibility statement")]}  # fmt: skip


def _reading(pairs: list[tuple[str, str]]) -> PageReading:
    return PageReading(links=[Link(HOME.rstrip("/") + p, t, i) for i, (p, t) in enumerate(pairs)])


def _crawl(order_seed: int) -> list[tuple[str, tuple[str, ...]]]:
    """Crawl the imaginary site, answering each round's pages in a shuffled order."""
    frontier, rng = _frontier(), random.Random(order_seed)
    home = frontier.start()
    frontier.add_reading(home, _reading(HOME_LINKS))
    frontier.mark_done(home)
    chosen = [home]
    for _ in range(10):
        wave = frontier.next_wave() or frontier.next_documents()
        if not wave:
            break
        chosen += wave
        for c in rng.sample(wave, len(wave)):
            path = c.url.removeprefix(HOME.rstrip("/"))
            frontier.add_reading(c, _reading(CHILD_LINKS.get(path, [])))
            frontier.mark_done(c)
    return [(c.url.removeprefix(HOME.rstrip("/")), tuple(c.reasons)) for c in chosen]


def test_frontier_rounds_give_the_same_sample_in_any_order() -> None:
    first = _crawl(1)
    assert all(_crawl(seed) == first for seed in range(2, 8))
    got = dict(first)
    assert got["/"] == ("home",) and got["/contact/"] == ("contact",)
    assert got["/waste/"] == ("task:bins",)
    assert got["/help/accessibility-statement/"] == ("accessibility-statement",)  # round 2
    assert len([p for p, r in first if not p.endswith(".pdf")]) == 8  # the budget
    assert [p for p, r in first if p.endswith(".pdf")] == ["/a.pdf", "/b.pdf"]  # the limit
    assert "/deep/1/" not in got  # breadth first: depth 1 is not exhausted


def test_frontier_prefers_the_previous_sample() -> None:
    frontier = _frontier(budget=20)
    frontier.add_previous([{"url": HOME + "news/10/", "reasons": ["link"], "depth": 1},
                           {"url": HOME + "news/9/", "reasons": ["link"], "depth": 1}])  # fmt: skip
    home = frontier.start()
    frontier.add_reading(home, _reading(HOME_LINKS))
    fill = [c.url.removeprefix(HOME) for c in frontier.next_wave() if c.reasons == ["link"]]
    assert fill[:3] == ["news/9/", "news/10/", "news/1/"]  # the previous run's first


def test_the_previous_holder_of_a_reason_keeps_it_before_links_are_read() -> None:
    """A re-crawl's home page can answer 304 (no body, no links read): the page that held
    a reason last run keeps it, rather than a sitemap page whose address matches."""
    frontier = _frontier(budget=20)
    frontier.add_previous([{"url": HOME + "services/a-11/", "reasons": ["task:bins"],
                            "depth": 1}])  # fmt: skip
    frontier.start()
    frontier.add_sitemap([HOME + "services/recycling-10/"], HOME + "sitemap.xml")
    picks = {c.url.removeprefix(HOME): c.reasons for c in frontier.next_wave()}
    assert picks["services/a-11/"] == ["task:bins"]
    assert "task:bins" not in picks.get("services/recycling-10/", [])


def test_robots_refusal_gives_the_place_back() -> None:
    frontier = _frontier(budget=3)
    home = frontier.start()
    frontier.add_reading(home, _reading(HOME_LINKS))
    frontier.mark_done(home)
    first = frontier.next_wave()
    contact = next(c for c in first if "contact" in c.url)
    frontier.give_back(contact)
    for c in first:
        if c is not contact:
            frontier.mark_done(c)
    assert "contact" in frontier.open_reasons()
    assert frontier.used() == 2


def test_allowed_hosts_from_register_and_settings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    council = {
        "code": "ABC",
        "homepage_url": "https://www.abc.gov.uk/",
        "extra_hosts": ["docs.abc.gov.uk"],
    }
    settings = Settings.from_mapping(
        {"allowed_hosts": "pay.example.com,ABC=maps.abc.gov.uk,XYZ=other.gov.uk"}
    )
    assert allowed_hosts(council, settings) == {
        "www.abc.gov.uk", "docs.abc.gov.uk", "pay.example.com", "maps.abc.gov.uk"}  # fmt: skip
    with pytest.raises(SettingsError, match="allowed_hosts"):
        Settings.from_mapping({"allowed_hosts": "https://x.gov.uk/"})
    csv = tmp_path / "bodies.csv"
    csv.write_text(
        "code,name,homepage_url,extra_hosts\nNHS,A trust,https://a.nhs.uk/,b.nhs.uk c.nhs.uk\n"
    )
    assert load_register(csv)[0]["extra_hosts"] == ["b.nhs.uk", "c.nhs.uk"]


def test_progress_line_rates_and_eta_from_the_samples_found() -> None:
    rows = [
        CouncilProgress("ABC", 40, 40, True, started=0.0, ended=60.0),
        CouncilProgress("XYZ", 20, 44, False, started=0.0),
    ]
    line = progress_line(rows, 3, Counts(60, 1234), 120.0, 120.0)
    # 60 done in 2 min: 30 a minute; left: 24 of XYZ + one council of about 40 (as ABC)
    assert line.startswith(
        "1/3 councils done, 60 pages, 1,234 findings, 30 pages/min, ETA 2 min 08 s"
    )
    assert line.endswith("now: XYZ 20/44 (10/min, ETA 2 min 24 s)")
    assert run_eta(rows[:1], 1, 60.0) == "0 s" and run_eta([], 2, 5.0) == "unknown"
    assert (
        finished_line(rows[0], 120.0) == "ABC done: 40 pages and documents in 1 min 00 s (40/min)"
    )
    assert [duration(s) for s in (4.4, 70, 900, 3900)] == [
        "4 s",
        "1 min 10 s",
        "15 min",
        "1 h 05 min",
    ]


def test_dry_run_lists_every_council_and_the_plan() -> None:
    result = CliRunner().invoke(main, ["crawl", "--all", "--dry-run", "--budget", "30"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "382 councils would be crawled" in lines[-1] and "11460 pages" in lines[-1]
    assert sum(1 for line in lines if "  hosts: " in line) == 382
    assert any("accessibility statement" in line for line in lines[:20])
    assert any(line.startswith("ABD  Aberdeenshire Council") for line in lines)


def test_a_304_lowers_the_delay_as_a_200_does_and_redirects_do_not() -> None:
    """A re-crawl's conditional requests come back 304: the delay must follow their
    latency, or an unchanged council waits the start delay before every page."""
    from scrapy.core.downloader import Slot
    from scrapy.http import Response
    from scrapy.utils.test import get_crawler

    from council_audit.crawler.throttle import RevalidatingAutoThrottle

    throttle = RevalidatingAutoThrottle(get_crawler(settings_dict={"AUTOTHROTTLE_ENABLED": True}))
    throttle.mindelay, throttle.maxdelay = 0.0, 60.0
    delays = {}
    for status in (200, 304, 302, 500):
        slot = Slot(concurrency=2, delay=0.5, jitter=0)
        for _ in range(5):
            throttle._adjust_delay(slot, 0.01, Response(HOME, status=status))
        delays[status] = slot.delay
    assert delays[304] == delays[200] < 0.05
    assert delays[302] == delays[500] == 0.5
    slow = Slot(concurrency=2, delay=0.5, jitter=0)
    throttle._adjust_delay(slow, 3.0, Response(HOME, status=304))
    assert slow.delay == 3.0 / throttle.target_concurrency  # a slow server still slows us


def test_a_prefetched_page_waits_compressed_and_comes_back_whole() -> None:
    from scrapy.http import HtmlResponse

    from council_audit.routing import prefetched, prefetched_body

    body = ("<!doctype html><title>Bins</title>" + "<p>Your bin day.</p>" * 5000).encode()
    response = HtmlResponse(
        "http://127.0.0.1/bins",
        body=body,
        headers={"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body)),
                 "ETag": '"v1"'},
    )  # fmt: skip
    ready = prefetched(response)
    assert prefetched_body(ready) == body
    assert len(ready["zbody"]) < len(body) / 10  # a queue of pages holds a tenth as much
    headers = {k.lower(): v for k, v in ready["headers"].items()}
    assert ready["status"] == 200 and headers["etag"] == '"v1"'
    assert "content-length" not in headers
