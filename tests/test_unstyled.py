"""A page shown without its stylesheets (issue #18): what it looks like is not what its
visitors see, so an error judged from the rendering, or on an element that the site's
CSS hides by a conventional class, is a review that says why; on the same page with its
stylesheet, they are errors (the contrast) or nothing (the hidden field)."""

from __future__ import annotations

import pytest

from council_audit import api
from council_audit.checks.common.page import PageView
from council_audit.checks.common.unstyled import review_unstyled
from council_audit.findings import Finding
from council_audit.settings import Settings


@pytest.fixture(scope="module")
def checked(static_server: str) -> list:
    names = ["styled", "lost"]
    return api.check([f"{static_server}/unstyled/{n}.html" for n in names], Settings()).pages


@pytest.fixture(scope="module")
def pages(checked: list) -> dict[str, list[Finding]]:
    return {"styled": checked[0].findings, "lost": checked[1].findings}


def test_the_browser_tells_a_page_without_its_stylesheets(checked: list) -> None:
    assert [p.snapshot.facts["document"]["unstyled"] for p in checked] == [False, True]


def test_with_its_stylesheet_the_contrast_is_an_error(pages: dict[str, list[Finding]]) -> None:
    [contrast] = [f for f in pages["styled"] if f.check_id == "color-contrast"]
    assert contrast.level == "error" and "unstyled" not in contrast.extras
    assert not [f for f in pages["styled"] if f.check_id == "label"]  # the field is hidden


def test_without_it_they_are_reviews_that_say_why(pages: dict[str, list[Finding]]) -> None:
    [contrast] = [f for f in pages["lost"] if f.check_id == "color-contrast"]
    assert contrast.level == "warning" and contrast.extras["unstyled"] is True
    assert contrast.message.startswith("This page was shown without its stylesheets")
    [label] = [f for f in pages["lost"] if f.check_id == "label" and "hidden" in f.snippet]
    assert label.level == "warning"
    assert "has the class 'hidden'" in label.message


def test_a_styled_page_is_left_alone() -> None:
    error = Finding("color-contrast", "axe", "error", "serious", ("1.4.3",), "p", "<p>", "m", "")
    styled = PageView(url="u", final_url="u", status=200, html="<p>", facts={"document": {}},
                      settings=Settings())  # fmt: skip
    assert review_unstyled([error], styled, set()) == [error]
