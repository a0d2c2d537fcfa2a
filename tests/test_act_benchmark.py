"""The ACT rules benchmark's scoring (benchmarks/act_rules.py), and edge cases of the
checks written to close its gaps: label-in-name matching and language identification."""

from __future__ import annotations

import pytest
from conftest import load_benchmark

from council_audit.checks.aria.label_in_name import judge
from council_audit.checks.common.langid import identify, script_of, scripts_for
from council_audit.findings import Finding


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return load_benchmark("act_rules")


def finding(
    wcag: tuple[str, ...], level: str = "error", source: str = "builtin", outcome: str = ""
) -> Finding:
    extras = {"outcome": outcome} if outcome else {}
    return Finding("x", source, level, None, wcag, "html", "", "", "", extras=extras)  # type: ignore[arg-type]


def test_criteria_are_wcag_success_criteria_only(bench) -> None:  # type: ignore[no-untyped-def]
    keys = {"wcag20:1.1.1": {}, "wcag21:1.4.10": {}, "wcag-technique:G94": {}, "aria12:x": {}}
    assert bench.criteria_of(keys) == {"1.1.1", "1.4.10"}


def test_scoring_counts_errors_and_reviews_on_the_rules_criteria(bench) -> None:  # type: ignore[no-untyped-def]
    def case(expected: str, *findings: Finding):  # type: ignore[no-untyped-def]
        return bench.Case("r", "rule", expected, "p", frozenset({"2.5.3"}), True, list(findings))

    cases = [
        case("failed", finding(("2.5.3",))),
        case("failed", finding(("2.5.3",), "warning")),
        case("failed", finding(("1.1.1",))),  # another criterion: not flagged
        # advice on an A/AA rule: with review only, whether it failed or not
        case("failed", finding(("2.5.3",), "advice", outcome="fail")),
        case("passed", finding(("2.5.3",), "advice", outcome="review")),
        case(
            "passed",
            finding(("2.5.3",), "warning", "axe"),
            finding(("2.5.3",), "warning", bench.AXE_ALONE),
        ),
        # a review a probe settled: in axe-core's raw results only
        case("passed", finding(("2.5.3",), "warning", bench.AXE_ALONE)),
        case("inapplicable"),
    ]
    full, axe = bench.score(cases, bench.everything), bench.score(cases, bench.is_axe)
    assert (full.failed, full.hit, full.hit_review, full.clean, full.fa, full.fa_review) == (
        4, 1, 3, 4, 0, 2,
    )  # fmt: skip
    assert (axe.hit_review, axe.fa_review) == (0, 2)
    # a rule that tests only AAA criteria: advice that fails it counts as an error would
    aaa = [
        bench.Case("r", "r", "failed", "p", frozenset({"2.4.9"}), True,
                   [finding(("2.4.9",), "advice", outcome="fail")]),
        bench.Case("r", "r", "passed", "p", frozenset({"2.4.9"}), True,
                   [finding(("2.4.9",), "advice", outcome="review")]),
    ]  # fmt: skip
    s = bench.score(aaa, bench.everything)
    assert (s.hit, s.hit_review, s.fa, s.fa_review) == (1, 1, 0, 1)


@pytest.mark.parametrize(
    ("visible", "name", "expected"),
    [
        ("Read more", "Read more about council tax", "pass"),
        ("Next…", "Next", "pass"),
        ("Date of birth (DD/MM/YYYY)", "Date of birth", "pass"),
        ("Station Rd.", "Station Road", "pass"),
        ("non-standard", "nonstandard", "pass"),
        ("Apply", "Submit application", "fail"),
        ("Download specification", "Download the specification", "fail"),
        ("Discover It", "Discover Italy", "fail"),
        ("W C A G", "WCAG", "review"),
        ("×", "Close", None),
        ("X", "Close", None),
        ("3", "Page 3", "pass"),
        ("1", "1a", "fail"),
    ],
)
def test_label_in_name_matching(visible: str, name: str, expected: str | None) -> None:
    outcome = judge(visible, name)
    assert (outcome[0] if outcome else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Put your bins out by 7am on the day of your collection, or they may be missed.", "en"),
        ("Mae gan y cyngor wasanaethau ar gyfer pobl hŷn yn yr ardal hon.", "cy"),
        ("Rada oferuje pomoc dla osób, które nie mówią po angielsku. To jest bezpłatne.", "pl"),
        ("Paul put dire comment on tape", None),  # English and French alike
        ("Council tax", None),  # too short to tell
    ],
)
def test_language_identification(text: str, expected: str | None) -> None:
    assert identify(text) == expected


def test_scripts() -> None:
    assert script_of("کونسل ان لوگوں کی مدد کرتی ہے").name == "ARABIC"  # type: ignore[union-attr]
    assert scripts_for("en-GB") == {"LATIN"}
    assert scripts_for("pa-Arab") == {"ARABIC"}
    assert scripts_for("i-klingon") is None
