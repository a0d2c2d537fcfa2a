"""axe-core's ARIA-validity failures are findings to review, not errors, where the W3C
ACT rules say such a failure does not by itself fail a WCAG criterion (issue #18): the
mapping in checks/standards/act.py is checked against the ACT rules' own file and
axe-core's ``actIds``, and a fixture page of the patterns is audited in real Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from council_audit import api
from council_audit.checks.axe import catalogue_rows, wcag_from_tags
from council_audit.checks.standards.act import SECONDARY, WITHDRAWN
from council_audit.checks.standards.wcag import legal_criteria
from council_audit.session import rule_catalogue
from council_audit.settings import Settings

ACT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "act-rules" / "testcases.json"


def act_requirements() -> dict[str, dict[str, dict]]:
    data = json.loads(ACT.read_text(encoding="utf-8"))
    cases = data["testcases"] if isinstance(data, dict) else data
    return {c["ruleId"]: c.get("ruleAccessibilityRequirements") or {} for c in cases}


def fails_wcag(requirements: dict[str, dict]) -> bool:
    """Whether an ACT rule's failure means a WCAG criterion is not satisfied."""
    return any(
        key.startswith("wcag2")
        and value.get("failed") == "not satisfied"
        and value.get("forConformance")
        for key, value in requirements.items()
    )


@pytest.fixture(scope="module")
def axe_rules() -> list[dict]:
    return rule_catalogue(Settings())[0]


def test_secondary_rules_are_exactly_those_the_act_rules_say(axe_rules: list[dict]) -> None:
    act = act_requirements()
    expected = set()
    for rule in axe_rules:
        ids = rule.get("actIds") or []
        mapped = [act[i] for i in ids if i in act and any(k.startswith("wcag2") for k in act[i])]
        legal = legal_criteria(wcag_from_tags(rule["tags"]))
        if legal and mapped and not any(fails_wcag(m) for m in mapped):
            expected.add(rule["ruleId"])
        if legal and ids and all(i in WITHDRAWN for i in ids):
            expected.add(rule["ruleId"])
    assert set(SECONDARY) == expected
    by_id = {r["ruleId"]: r for r in axe_rules}
    for rule_id, secondary in SECONDARY.items():
        assert secondary.act in by_id[rule_id]["actIds"], rule_id


def test_the_catalogue_records_each_rules_act_rules_and_why(axe_rules: list[dict]) -> None:
    rows = {r["id"]: r for r in catalogue_rows(axe_rules)}
    assert rows["aria-roles"]["act_rules"] == ["674b10"]
    assert "secondary" in rows["aria-roles"]["levels"] and "warning" in rows["aria-roles"]["levels"]
    assert "withdrawn" in rows["duplicate-id-aria"]["levels"]
    assert rows["button-name"]["levels"].startswith(
        "ACT rules 97a4e1, m6b1q3: a failure is an error"
    )


def test_aria_that_browsers_ignore_is_to_review_and_lost_names_stay_errors(
    static_server: str,
) -> None:
    result = api.check([f"{static_server}/aria_validity/page.html"], Settings())
    found = {(f.check_id, f.selector): f for f in result.pages[0].findings}
    levels = {key: f.level for key, f in found.items()}
    assert levels[("aria-roles", "#secondary-role")] == "warning"  # role="accordion"
    assert levels[("aria-valid-attr-value", "#secondary-radio")] == "warning"  # curly quotes
    assert levels[("aria-allowed-attr", "#own-no")] == "warning"  # aria-expanded on a radio
    assert levels[("aria-prohibited-attr", "#secondary-wrapper")] == "warning"
    assert found[("aria-roles", "#secondary-role")].message.startswith(
        "Review: this role value does not exist"
    )
    assert levels[("aria-command-name", "#error-command")] == "error"
    assert levels[("button-name", "#error-button")] == "error"
    assert not [k for k, f in found.items() if k[0] in SECONDARY and f.level == "error"]


def test_list_structure_without_loss_is_to_review(static_server: str) -> None:
    """A list holding links instead of items, and items outside any list: judged on
    real council pages they lose nothing by themselves, so they are reviews."""
    result = api.check([f"{static_server}/one_barrier/list-of-links.html"], Settings())
    [finding] = [f for f in result.pages[0].findings if f.check_id == "list"]
    assert finding.level == "warning" and finding.message.startswith("Review: this list holds")
    assert "listitem" in [c["check_id"] for c in finding.extras["corroborated_by"]]


def test_an_autocomplete_token_browsers_ignore_is_to_review(static_server: str) -> None:
    """A value naming none of the user's details ("mot-month", a vehicle's date) is
    ignored and fails 1.3.5 only on a field for the user's own information: a review.
    A malformed value that names them ("on email") stays an error."""
    result = api.check([f"{static_server}/aria_validity/autocomplete.html"], Settings())
    found = {f.selector: f for f in result.pages[0].findings if f.check_id == "autocomplete-valid"}
    assert found["#mot-month"].level == "warning"
    assert found["#mot-month"].message.startswith("Review: this autocomplete value")
    assert found["#agree"].level == "error"
