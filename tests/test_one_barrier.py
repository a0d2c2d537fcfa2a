"""One barrier, one finding (issue #18): each pair of checks that reported one barrier
twice on real council pages is audited on a fixture page of its pattern in real
Chromium; the barrier is reported once, by the check of higher level, and the kept
finding names the other in ``corroborated_by``."""

from __future__ import annotations

from pathlib import Path

import pytest

from council_audit import api
from council_audit.audit import SAME_BARRIER
from council_audit.settings import Settings

PAGES = Path(__file__).parent / "fixtures" / "one_barrier"
CASES = {  # page: (check kept, check folded in, level kept)
    "required-parent-nested": ("aria-required-parent", "nested-interactive", "error"),
    "list-role-override": ("aria-required-children", "listitem", "error"),
    "list-items-of-one-parent": ("listitem", "listitem", "warning"),
    "list-of-links": ("list", "listitem", "warning"),
    "no-title": ("document-title", "page-title", "error"),
    "heading-skip": ("heading-order", "heading-skipped-level", "advice"),
    "empty-header": ("table-header-empty", "empty-table-header", "error"),
    "blink": ("blink", "moving-content", "error"),
    "marquee": ("marquee", "text-clipped", "error"),
}


@pytest.fixture(scope="module")
def audited(static_server: str) -> dict[str, list]:
    names = sorted(CASES)
    result = api.check([f"{static_server}/one_barrier/{n}.html" for n in names], Settings())
    return {n: p.findings for n, p in zip(names, result.pages, strict=True)}


def test_every_pair_has_a_page() -> None:
    assert {(kept, folded) for kept, folded, _ in CASES.values()} == {
        (a, b) for a, b, _ in SAME_BARRIER
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_barrier_is_one_finding(audited: dict[str, list], name: str) -> None:
    kept, folded, level = CASES[name]
    findings = audited[name]
    if folded != kept:
        assert not [f for f in findings if f.check_id == folded], name
    [finding] = [f for f in findings if f.check_id == kept]
    assert finding.level == level
    assert [c["check_id"] for c in finding.extras["corroborated_by"]] == [folded] * len(
        finding.extras["corroborated_by"]
    )
    if name == "required-parent-nested":  # 1.3.1 and 4.1.2: one barrier failing both
        assert set(finding.wcag) == {"1.3.1", "4.1.2"}
    if name == "list-role-override":  # the three <li> are folded into the list's finding
        assert len(finding.extras["corroborated_by"]) == 3
    if name == "list-items-of-one-parent":  # one finding for the list's three items
        assert finding.selector == "#pair" and len(finding.extras["corroborated_by"]) == 2


def test_the_same_checks_on_unrelated_elements_are_two_findings(static_server: str) -> None:
    """An item outside any list is a barrier of its own, beside the list whose role was
    overridden."""
    result = api.check([f"{static_server}/one_barrier_apart.html"], Settings())
    found = [(f.check_id, f.selector) for f in result.pages[0].findings]
    assert ("aria-required-children", "#pair") in found
    assert ("listitem", "#orphan") in found
    assert [c for c, _ in found].count("listitem") == 1


def test_a_pattern_repeated_on_the_page_is_one_finding(static_server: str) -> None:
    """Six cards of one template, each with an image without a text alternative, are
    one image-alt error with its count and examples; the logo and the crest, elements
    of other shapes, stay findings of their own. The four low-contrast dates of one
    table column are one color-contrast error."""
    [page] = api.check([f"{static_server}/one_barrier/repeated-pattern.html"], Settings()).pages
    images = [f for f in page.findings if f.check_id == "image-alt"]
    cards = [f for f in images if "card__image" in f.snippet]
    assert len(images) == 3 and len(cards) == 1
    [card] = cards
    assert card.extras["repeats"]["count"] == 6
    assert len(card.extras["repeats"]["selectors"]) == 5
    assert "The same on 5 more elements like it on this page" in card.message
    assert {"logo", "crest"} == {
        word for f in images for word in ("logo", "crest") if word in f.snippet
    }
    [dates] = [f for f in page.findings if f.check_id == "color-contrast"]
    assert dates.level == "error" and dates.extras["repeats"]["count"] == 4
