"""Template-aware auditing (issue #11): a shared header and footer are audited once per
site; later pages reuse what was found there, with the findings of a whole audit."""

from __future__ import annotations

import collections
import html as htmllib
import json
from collections.abc import Iterator
from typing import Any

import pytest
from crawl_sites import HTML, Site, ok

from council_audit import api
from council_audit.findings import Finding
from council_audit.settings import Settings
from council_audit.templates import Region, TemplateMemory

# A header and a footer with barriers of their own: low-contrast links, an image without
# alt text, small targets close together, and footer text over a background image (which
# axe-core cannot settle and the contrast probe measures from screenshots).
STYLE = """<style>
body{margin:0;font:16px/1.5 sans-serif}
main{padding:48px 16px}
.top a{color:#999;background:#fff;font-size:12px;padding:0 2px}
.foot{background:#223 url(/bg.png) repeat;padding:24px}
.foot a{color:#fff}
.foot .faint{color:#777}
</style>"""
HEADER = (
    '<header class="top"><a href="/"><img src="/logo.png" width="80" height="20"></a>'
    '<nav aria-label="Main"><a href="/a">Bins</a><a href="/b">Tax</a><a href="/c">Jobs</a>'
    "</nav></header>"
)
FOOTER = (
    '<footer class="foot"><ul><li><a href="/privacy">Privacy</a></li>'
    '<li><a href="/contact">Contact us</a></li>'
    '<li><a href="/social"><img src="/logo.png" width="24" height="24"></a></li><li><a class="faint" href="/cookies">Cookies'
    '</a></li></ul><p class="faint">Copyright Test Council</p>{extra}</footer>'
)


def council_page(title: str, body: str, footer_extra: str = "") -> bytes:
    return (
        f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{htmllib.escape(title)}</title>{STYLE}</head><body>{HEADER}"
        f"<main><h1>{htmllib.escape(title)}</h1>{body}</main>"
        f"{FOOTER.format(extra=footer_extra)}</body></html>"
    ).encode()


PAGES = {
    "/": ("Home", '<p>Welcome. <a href="/a">Bins</a> and <a href="/b">tax</a>.</p>'),
    "/a": ("Bins", '<p style="color:#aaa">Pale text about bins.</p><img src="/x.png">'),
    "/b": ("Tax", "<h3>Skipped a level</h3><p>Council tax bands.</p>"),
    "/c": ("Jobs", '<p><a href="/privacy">Privacy</a> is linked from the content too.</p>'),
    "/d": ("Parking", "<form><input type=text></form>"),
    "/e": ("Libraries", "<p>Opening times.</p>"),
}
# one page whose footer is not the shared one: it must be audited whole
CHANGED = "/f"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
    b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc```\x00\x00\x00\x04\x00\x01\xf6\x178U\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    site = Site()
    for path, (title, body) in PAGES.items():
        site.routes[path] = ok(council_page(title, body))
    site.routes[CHANGED] = ok(
        council_page("Changed", "<p>Another footer.</p>", '<img src="/badge.png">')
    )
    for image in ("/bg.png", "/logo.png", "/x.png", "/badge.png"):
        site.routes[image] = (200, "image/png", PNG, {})
    site.routes["/favicon.ico"] = (404, HTML, b"", {})
    yield site
    site.stop()


def key(f: Finding) -> tuple[Any, ...]:
    return (f.check_id, f.level, f.selector, f.snippet, f.message, f.key)


@pytest.fixture(scope="module")
def both(site: Site) -> dict[bool, Any]:
    urls = [site.url(p) for p in [*PAGES, CHANGED]]
    out = {}
    for aware in (False, True):
        settings = Settings.from_mapping(
            {"allow_loopback": True, "template_aware": aware, "render_pages": 1}, env=False
        )
        out[aware] = api.check(urls, settings)
    return out


def test_later_pages_reuse_the_shared_regions(both: dict[bool, Any]) -> None:
    aware = both[True].pages
    assert all(p.snapshot.audited for p in aware), [p.snapshot.error for p in aware]
    reused = [p.snapshot.timings.get("template_regions_reused", 0) for p in aware]
    # one page at a time: the first audits the header (with its navigation) and the
    # footer whole, the next five reuse both, and the page with another footer reuses
    # only the header
    assert reused == [0, 2, 2, 2, 2, 2, 1], reused
    whole = both[False].pages
    assert all("template_regions_reused" not in p.snapshot.timings for p in whole)


def test_findings_are_those_of_a_whole_audit(both: dict[bool, Any]) -> None:
    for whole, aware in zip(both[False].pages, both[True].pages, strict=True):
        assert collections.Counter(map(key, whole.findings)) == collections.Counter(
            map(key, aware.findings)
        ), whole.snapshot.url


def test_findings_in_shared_regions_are_marked_as_template_findings(
    both: dict[bool, Any],
) -> None:
    for result in both[True].pages:
        marked = {f.extras.get("template") for f in result.findings if f.source == "axe"}
        assert {"header", "footer"} <= marked, (result.snapshot.url, marked)
        image = [f for f in result.findings if f.check_id == "image-alt"]
        assert any(f.extras.get("template") == "header" for f in image)
        assert any(f.extras.get("template") is None for f in image) == result.snapshot.url.endswith(
            "/a"
        )


def test_a_changed_footer_is_audited_and_its_new_barrier_found(both: dict[bool, Any]) -> None:
    changed = both[True].pages[-1]
    badges = [f for f in changed.findings if f.check_id == "image-alt" and "badge" in f.snippet]
    assert len(badges) == 1 and badges[0].extras.get("template") == "footer"
    assert not any("badge" in f.snippet for p in both[True].pages[:-1] for f in p.findings)


def test_the_contrast_probe_measures_a_shared_region_once(both: dict[bool, Any]) -> None:
    whole = [p.snapshot.facts["contrast"] for p in both[False].pages]
    aware = [p.snapshot.facts["contrast"] for p in both[True].pages]
    assert all(c["measured"] for c in whole)  # the footer's text over an image
    assert not aware[0].get("reused")
    assert all(c.get("reused") == len(c["measured"]) for c in aware[1:-1]), aware
    for w, a in zip(whole, aware, strict=True):
        drop = ("ms",)
        assert [{k: v for k, v in m.items() if k not in drop} for m in w["measured"]] == [
            {k: v for k, v in m.items() if k not in drop} for m in a["measured"]
        ]


def test_contrast_is_reused_only_where_the_region_is_in_the_same_place(
    both: dict[bool, Any],
) -> None:
    # the header is at the top of every page; the footer is lower on a longer page, so
    # axe-core's colour contrast rules run in it again (their results can change with it)
    timings = [p.snapshot.timings for p in both[True].pages[1:]]
    assert all(t["template_regions_placed"] >= 1 for t in timings), timings
    assert any(t["template_regions_placed"] < t["template_regions_reused"] for t in timings)


def test_a_plan_sends_placed_rules_results_only_for_regions_in_the_same_place() -> None:
    memory = TemplateMemory()
    node = {"kind": "violations", "node": {}, "path": [0]}
    for digest, placed in (("h", "h@0"), ("f", "f@900")):
        memory.regions[digest] = Region(
            digest, "x", [{**node, "rule": {"id": "color-contrast"}}, {**node, "rule": {"id": "image-alt"}}],
            placed=placed,
        )  # fmt: skip
    found = [{"name": "header", "digest": "h", "placed": "h@0"},
             {"name": "footer", "digest": "f", "placed": "f@1400"}]  # fmt: skip
    plan = memory.plan("k", found)
    arg = json.loads(plan.script_arg())
    assert arg["exclude"] == [0, 1] and arg["excludePlaced"] == [0]
    kept = {r["index"]: [n["rule"]["id"] for n in r["nodes"]] for r in arg["reuse"]}
    assert kept == {0: ["color-contrast", "image-alt"], 1: ["image-alt"]}
    assert "color-contrast" in arg["placedRules"] and "color-contrast" not in arg["wholePage"]


def test_memory_forgets_the_least_recently_used_region() -> None:
    memory = TemplateMemory(size=2)
    for digest in ("a", "b"):
        memory.regions[digest] = Region(digest, "footer")
    plan = memory.plan("k", [{"name": "footer", "digest": "a"}])
    assert list(plan.reuse) == [0] and memory.reused == 1
    memory.remember(memory.plan("k", [{"name": "header", "digest": "c"}]), {"regionNodes": []}, {})
    assert list(memory.regions) == ["a", "c"]  # "b" was used least recently
