"""Structure and form checks: their helpers, and no false alarms on well-built pages.

The pages in tests/fixtures/structure_forms/ copy the markup of common page builders
(GOV.UK Frontend, a Drupal webform page without a <main>, WordPress with Gravity Forms
and Contact Form 7). Built properly, they must raise no errors from these checks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from council_audit import api
from council_audit.checks import default_registry
from council_audit.checks.common.dom import element_at, text_of
from council_audit.checks.common.page import PageView
from council_audit.checks.structure.fake_heading import _metadata
from council_audit.checks.structure.fake_list import marker, runs
from council_audit.checks.structure.heading_skipped_level import heading_level
from council_audit.settings import Settings

CHECK_IDS = (
    "heading-skipped-level", "fake-heading", "fake-list", "layout-table",
    "data-table-headers", "table-header-empty", "placeholder-only-label",
    "radio-group-fieldset", "hint-not-associated", "required-by-colour-or-asterisk",
)  # fmt: skip
PAGES = Path(__file__).parent / "fixtures" / "structure_forms"
FORM_PAGES = {"/report-a-problem/", "/bins/missed-collection/", "/council-tax/pay/", "/search/"}
# The only findings these well-built pages may get: (page, check id, level).
EXPECTED = {("cms-page.html", "data-table-headers", "warning")}


def _findings(page: PageView) -> list:
    return [f for cid in CHECK_IDS for f in default_registry().get(cid).run(page)]


def test_list_markers_must_follow_on() -> None:
    assert marker("• Item") and marker("- item") and marker("2) Pay") and marker("(b) two")
    assert not marker("-5 degrees") and not marker("1.5 million people") and not marker("Item")
    assert list(runs(["1. a", "2. b", "3. c"])) and not list(runs(["1. a", "3. b", "2. c"]))
    assert not list(runs(["• a", "- b", "• c"]))  # three markers, but not one list


def test_heading_levels_follow_aria() -> None:
    page = PageView(
        url="u",
        html='<main><h2 aria-level="4">a</h2><div role="heading">b</div>'
        '<h3 role="presentation">c</h3><p>d</p></main>',
    )
    assert [heading_level(el) for el in page.main] == [4, 2, None, None]


def test_dates_and_numbers_are_not_headings() -> None:
    assert _metadata("Published 2 June 2025") and _metadata("3 March 2025")
    assert _metadata("Call 01632 960 100")
    assert not _metadata("Opening hours") and not _metadata("Events on 3 March")


def test_fact_selectors_find_the_same_element() -> None:
    page = PageView(
        url="u",
        html='<body><!-- c --><main><p id="x">a</p><p id="a-b">b</p><div><p>c</p></div></main>',
    )
    for el in page.tree.iter("p"):
        assert element_at(page, page.selector_for(el)) is el
    assert element_at(page, "html > body:nth-child(2) > main:nth-child(9)") is None
    assert text_of(page.tree.find(".//main")) == "a b c"


@pytest.fixture(scope="module")
def built_pages(static_server: str) -> dict[str, PageView]:
    names = sorted(p.name for p in PAGES.glob("*.html"))
    urls = [f"{static_server}/structure_forms/{name}" for name in names]
    result = api.check(urls, Settings())
    views = {}
    for name, page in zip(names, result.pages, strict=True):
        snap = page.snapshot
        assert snap.error is None, (name, snap.error)
        views[name] = PageView(url=snap.url, html=snap.html, facts=snap.facts)
    return views


def test_well_built_pages_raise_no_false_alarms(built_pages: dict[str, PageView]) -> None:
    for name, page in built_pages.items():
        found = {(name, f.check_id, f.level) for f in _findings(page)}
        assert found <= EXPECTED, [(f.check_id, f.selector, f.message) for f in _findings(page)]


def test_well_built_demo_council_has_no_errors() -> None:
    from council_audit.demo import DemoSites, manifest

    every = list(manifest()["DWB"]["pages"])
    paths = sorted(set(every[::3]) | {p for p in every if p in FORM_PAGES})
    with DemoSites() as sites:
        urls = [sites.url("DWB", path) for path in paths]
        result = api.check(urls, Settings.from_mapping({"allow_loopback": True}, env=False))
    for path, page in zip(paths, result.pages, strict=True):
        errors = [f for f in page.findings if f.check_id in CHECK_IDS and f.level == "error"]
        assert not errors, (path, [(f.check_id, f.message) for f in errors])
