"""Unit tests of logic that needs no browser: settings, findings, axe mapping, URLs,
the register."""

from __future__ import annotations

from dataclasses import replace

import pytest

from council_audit.audit import one_finding_per_barrier
from council_audit.checks import Check, CheckMeta, Outcome
from council_audit.checks.axe import findings_from_results, selector_of, wcag_from_tags
from council_audit.checks.common.page import PageView
from council_audit.checks.standards.wcag import finding_level
from council_audit.crawler import urls
from council_audit.findings import Finding
from council_audit.register import RegisterError, load_register, select
from council_audit.settings import Settings, SettingsError


def test_settings_defaults_env_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().page_budget == 50
    monkeypatch.setenv("COUNCIL_AUDIT_PAGE_BUDGET", "7")
    assert Settings.from_mapping().page_budget == 7
    assert Settings.from_mapping({"page_budget": "9"}).page_budget == 9
    assert Settings.from_mapping({"allow_loopback": "yes"}).allow_loopback is True
    assert Settings.from_mapping({"disabled_checks": "a, b"}).disabled_checks == ["a", "b"]
    assert Settings.from_mapping({"disabled_checks": "a"}).checks_off == (
        "a",
        "color-contrast-enhanced",
    )
    assert Settings(enhanced_contrast=True).checks_off == ()
    with pytest.raises(SettingsError, match="page_budget must be at least 1"):
        Settings.from_mapping({"page_budget": 0})
    with pytest.raises(SettingsError, match="unknown setting"):
        Settings.from_mapping({"page_budjet": 3})
    with pytest.raises(SettingsError, match="cannot read"):
        Settings.from_mapping({"render_pages": "many"})


def finding(**kw: object) -> Finding:
    base = dict(
        check_id="image-alt", source="axe", level="error", impact="critical", wcag=("1.1.1",),
        selector="img", snippet="<img>", message="m", help_url="h",
    )  # fmt: skip
    return Finding(**{**base, **kw})  # type: ignore[arg-type]


def test_fingerprint_is_stable_and_ignores_changing_text() -> None:
    a = finding(message="contrast 2.1:1", snippet="<p>v1</p>")
    b = finding(message="contrast 2.3:1", snippet="<p>v2</p>")
    assert a.fingerprint("https://x.gov.uk/p#top") == b.fingerprint("https://x.gov.uk/p")
    assert a.fingerprint("https://x.gov.uk/p") != a.fingerprint("https://x.gov.uk/q")
    assert finding(selector="img.a").fingerprint("u") != finding(selector="img.b").fingerprint("u")
    assert finding(key="utilise").fingerprint("u") != finding(key="commence").fingerprint("u")


def test_axe_tags_become_success_criteria() -> None:
    assert wcag_from_tags(["wcag2aa", "wcag1410", "wcag111", "best-practice", "wcag21a"]) == (
        "1.4.10",
        "1.1.1",
    )
    assert selector_of(["#a", ["iframe", "#b"]]) == "#a | iframe >>> #b"


def test_axe_results_map_to_findings() -> None:
    results = {
        "violations": [
            {
                "id": "label", "impact": "critical", "tags": ["wcag2a", "wcag412"], "help": "Form elements must have labels",
                "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/label",
                "nodes": [{"target": ["#q"], "html": "<input id=q>" + "x" * 900, "impact": "critical", "failureSummary": "Fix this"}],
            }
        ],
        "incomplete": [
            {"id": "color-contrast", "impact": "serious", "tags": ["wcag143"], "help": "Contrast", "helpUrl": "u",
             "nodes": [{"target": ["p"], "html": "<p>", "impact": "serious"}]},
        ],
    }  # fmt: skip
    error, warning = findings_from_results(results)
    assert (error.level, error.check_id, error.wcag, error.selector) == (
        "error",
        "label",
        ("4.1.2",),
        "#q",
    )
    assert len(error.snippet) == 500 and error.message.startswith(
        "Form elements must have labels. Fix"
    )
    assert (warning.level, warning.wcag, warning.source) == ("warning", ("1.4.3",), "axe")


def test_axe_aaa_rules_are_advice_and_probes_settle_reviews() -> None:
    node = {"target": ["p"], "html": "<p>", "impact": "serious"}
    results = {
        "violations": [
            {"id": "color-contrast-enhanced", "tags": ["cat.color", "wcag2aaa", "wcag146"],
             "help": "Elements must meet enhanced color contrast", "nodes": [node]},
        ],
        "incomplete": [
            {"id": "color-contrast", "tags": ["wcag2aa", "wcag143"], "help": "c",
             "nodes": [node, {**node, "target": ["h1"]}]},
        ],
    }  # fmt: skip
    advice, *reviews = findings_from_results(results, resolved={("color-contrast", "p")})
    assert (advice.level, advice.wcag, advice.outcome) == ("advice", ("1.4.6",), "fail")
    assert advice.as_contract()["outcome"] == "fail"
    assert [(f.selector, f.level, f.outcome) for f in reviews] == [("h1", "warning", "review")]


def test_level_rule_follows_the_law_for_axe_and_builtin_checks() -> None:
    """One rule: A/AA criteria give errors and warnings; best practice, AAA only and the
    obsolete 4.1.1 give advice, failed or to review."""
    assert finding_level(True, ("1.1.1",)) == "error"
    assert finding_level(False, ("1.4.3",)) == "warning"
    assert finding_level(True, ("2.4.4", "2.4.9")) == "error"  # one AA criterion is enough
    for beyond in ((), ("1.4.6",), ("3.1.5",), ("4.1.1",), ("9.9.9",)):
        assert finding_level(True, beyond) == finding_level(False, beyond) == "advice"
    node = {"target": ["main"], "html": "<main>"}
    results = {
        "violations": [{"id": "region", "tags": ["cat.keyboard", "best-practice"], "nodes": [node]}],
        "incomplete": [{"id": "heading-order", "tags": ["best-practice"], "nodes": [node]}],
    }  # fmt: skip
    assert [(f.level, f.outcome) for f in findings_from_results(results)] == [
        ("advice", "fail"),
        ("advice", "review"),
    ]
    best_practice = CheckMeta(
        id="x-words", title="t", group="language", impact="minor", help_url="u",
        how_to_fix="f", guidance="GOV.UK style guide",
    )  # fmt: skip
    aaa = replace(best_practice, id="x-reading", wcag=("3.1.5",))
    legal = replace(best_practice, id="x-alt", wcag=("1.1.1",))
    page = PageView(url="http://x.test/", html="<p>x</p>", settings=Settings())
    for meta, levels in (
        (best_practice, {"advice"}),
        (aaa, {"advice"}),
        (legal, {"error", "warning"}),
    ):
        check = Check(meta, lambda _p: [Outcome("fail", "p"), Outcome("review", "p", key="2")])
        found = list(check.run(page))
        assert {f.level for f in found} == levels and [f.outcome for f in found] == [
            "fail",
            "review",
        ]


def test_url_rules() -> None:
    assert urls.refused_reason("ftp://x.gov.uk/", False)
    assert urls.refused_reason("javascript:alert(1)", False)
    assert urls.refused_reason("http://127.0.0.1:8000/", False)
    assert urls.refused_reason("http://127.0.0.1:8000/", True) is None
    assert urls.refused_reason("http://10.1.2.3/", True)
    assert urls.refused_reason("http://169.254.169.254/latest", True)
    assert urls.refused_reason("https://www.leeds.gov.uk/", False) is None
    assert urls.is_document("https://x/a/Form.PDF?v=2") and not urls.is_document("https://x/a/")
    assert urls.canonical("https://x/a?b=2&a=1#frag") == urls.canonical("https://x/a?a=1&b=2")


def test_register_loads_all_councils_and_selects() -> None:
    rows = load_register()
    assert len(rows) == 382
    assert len({r["code"] for r in rows}) == 382
    assert len(select(rows, nation="Wales")) == 22
    assert [r["code"] for r in select(rows, ["abe"])] == ["ABE"]
    with pytest.raises(RegisterError, match="unknown council"):
        select(rows, ["ZZZ"])


def test_one_barrier_is_one_finding_with_corroboration() -> None:
    """Two checks on the same element for the same A/AA criterion at error level: one is
    kept, the other recorded as corroboration. Other criteria, levels or elements stay."""
    html = '<html><body><img id="logo" src="l.png"><p class="x"><img src="m.png"></p></body></html>'
    page = PageView(url="http://x.test/", html=html, settings=Settings())

    def f(
        check: str, level: str, wcag: tuple[str, ...], selector: str, source: str = "builtin"
    ) -> Finding:
        return Finding(check, source, level, "serious", wcag, selector, "", f"{check} says", "")  # type: ignore[arg-type]

    found = [
        f("html-has-lang", "error", ("3.1.1",), "html", "axe"),
        f("image-alt", "error", ("1.1.1",), "#logo", "axe"),
        f("image-alt", "error", ("1.1.1",), ".x > img", "axe"),
        f("document-language", "error", ("3.1.1",), "html"),
        f("alt-missing", "error", ("1.1.1",), "html > body:nth-child(1) > img:nth-child(1)"),
        f("alt-and-name", "error", ("1.1.1", "4.1.2"), "#logo"),  # 4.1.2 is news: kept
        f("alt-review", "warning", ("1.1.1",), "#logo"),  # not an error: kept
        f("img-best-practice", "advice", (), "#logo"),
    ]
    kept = one_finding_per_barrier(found, page)
    assert [k.check_id for k in kept] == [
        "html-has-lang", "image-alt", "image-alt", "alt-and-name", "alt-review", "img-best-practice",
    ]  # fmt: skip
    assert [c["check_id"] for c in kept[0].extras["corroborated_by"]] == ["document-language"]
    assert [c["check_id"] for c in kept[1].extras["corroborated_by"]] == ["alt-missing"]
    assert "corroborated_by" not in kept[2].extras


def test_finding_settings_are_settings_and_recorded() -> None:
    """Every setting said to change findings exists, and a run's digest changes with it."""
    from council_audit.results.runrecord import digest
    from council_audit.settings import FINDING_SETTINGS

    known = {f for f in Settings.__dataclass_fields__}
    assert set(FINDING_SETTINGS) <= known
    checks = [{"check_id": "image-alt", "version": "axe-core 4.12.1"}]
    base = digest(checks, Settings().finding_settings())
    assert digest(checks, Settings(reading_age_max=14).finding_settings()) != base
    assert digest(checks, Settings(page_budget=9).finding_settings()) == base  # sample only
    assert digest([], Settings().finding_settings()) != base


# --- third-party requests the crawl's browser does not make (#11) ----------------------
class _Request:
    """The two attributes of a Playwright request that abort_request reads."""

    def __init__(self, url: str, resource_type: str = "script") -> None:
        self.url, self.resource_type = url, resource_type


def test_third_party_trackers_fonts_and_players_are_blocked() -> None:
    from council_audit import thirdparty

    assert "analytics" in (thirdparty.blocked("https://www.googletagmanager.com/gtm.js") or "")
    assert "font" in (thirdparty.blocked("https://fonts.gstatic.com/s/a.woff2") or "")
    assert "video" in (thirdparty.blocked("https://www.youtube.com/embed/x") or "")
    assert thirdparty.blocked("https://www.facebook.com/tr?id=1") is not None
    for kept in ("https://www.facebook.com/leedscouncil", "https://notyoutube.com/a.js",
                 "https://www.leeds.gov.uk/gtm.js", "http://127.0.0.1:8000/", "data:,x"):  # fmt: skip
        assert thirdparty.blocked(kept) is None, kept


def test_abort_request_follows_block_third_party() -> None:
    from council_audit.crawler.settings import abort_request

    tracker = _Request("https://www.google-analytics.com/analytics.js")
    assert abort_request(tracker) and not abort_request(tracker, block_third_party=False)
    assert abort_request(_Request("https://council.example/a.mp4", "media"), False)
    assert not abort_request(_Request("https://council.example/site.js"))
