"""Every built-in check against its fixture pages (tests/fixtures/checks/CHECK-ID/).

A fixture's file name says the expected outcome of the check on that page: ``pass-N``
(no finding), ``review-N`` (needs-review findings only) or ``fail-N`` (at least one
error). Inside a page, elements with ids ``pass-N``/``review-N``/``fail-N`` must get
exactly that outcome, matched by the finding's selector or snippet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from council_audit import api
from council_audit.checks import default_registry
from council_audit.checks.common.page import PageView
from council_audit.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
CASES = sorted(FIXTURES.glob("*/*.html"))
ELEMENT_ID = re.compile(r'id="((?:pass|review|fail)-\d+)"')


def outcome_of(findings: list) -> str:
    """fail, review or pass, whatever the level (a check naming no A/AA criterion gives
    advice, failed or to review)."""
    if any(f.outcome == "fail" for f in findings):
        return "fail"
    return "review" if findings else "pass"


def needs_browser(case: Path) -> bool:
    return bool(default_registry().get(case.parent.name).meta.facts)


@pytest.fixture(scope="module")
def rendered(static_server: str) -> dict[Path, PageView]:
    """Fixtures of checks that read browser facts, rendered in real Chromium at once."""
    cases = [c for c in CASES if needs_browser(c)]
    if not cases:
        return {}
    urls = [f"{static_server}/checks/{c.parent.name}/{c.name}" for c in cases]
    result = api.check(urls, Settings())
    views = {}
    for case, page in zip(cases, result.pages, strict=True):
        snap = page.snapshot
        assert snap.error is None, (case, snap.error)
        views[case] = PageView(url=snap.url, html=snap.html, facts=snap.facts, settings=Settings())
    return views


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_check_fixture(case: Path, request: pytest.FixtureRequest) -> None:
    check = default_registry().get(case.parent.name)
    html = case.read_text(encoding="utf-8")
    if needs_browser(case):
        page = request.getfixturevalue("rendered")[case]
    else:
        page = PageView(url=f"http://fixture.test/{case.name}", html=html, settings=Settings())
    findings = list(check.run(page))
    expected = case.stem.split("-")[0]
    assert outcome_of(findings) == expected, [f.message for f in findings]
    for element_id in ELEMENT_ID.findall(html):
        hits = [
            f
            for f in findings
            if f"#{element_id}" in f.selector or f'id="{element_id}"' in f.snippet
        ]
        assert outcome_of(hits) == element_id.split("-")[0], (element_id, [f.message for f in hits])


def test_every_check_has_fixtures_of_each_kind_it_reports() -> None:
    for check in default_registry():
        folder = FIXTURES / check.meta.id
        kinds = {p.stem.split("-")[0] for p in folder.glob("*.html")}
        assert "pass" in kinds, f"{check.meta.id} has no passing fixture"
        assert kinds & {"fail", "review"}, f"{check.meta.id} has no failing fixture"


def test_reading_age_records_counts_with_score() -> None:
    html = (FIXTURES / "reading-age" / "review-1.html").read_text(encoding="utf-8")
    (finding,) = default_registry().get("reading-age").run(PageView(url="u", html=html))
    assert finding.extras["words"] >= 40 and finding.extras["sentences"] == 3
    assert finding.extras["reading_age"] > 12


def test_opt_in_checks_run_only_when_enabled() -> None:
    html = (FIXTURES / "layout-table" / "review-1.html").read_text(encoding="utf-8")

    def found(settings: Settings) -> list[str]:
        page = PageView(url="http://fixture.test/", html=html, settings=settings)
        return [f.check_id for f in default_registry().run(page) if f.check_id == "layout-table"]

    assert default_registry().get("layout-table").meta.opt_in
    assert found(Settings()) == []
    assert found(Settings.from_mapping({"enabled_checks": "layout-table"}, env=False))
