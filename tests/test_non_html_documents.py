"""Checks of the HTML document skip SVG and other XML documents."""

from __future__ import annotations

from council_audit.checks import default_registry
from council_audit.checks.common.page import PageView

SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text>Hello</text></svg>'


def _findings(check_id: str, page: PageView) -> list:
    return list(default_registry().get(check_id).run(page))


def test_svg_document_has_no_title_or_language_findings() -> None:
    facts = {
        "document": {"title": None, "lang": None, "root": "svg", "content_type": "image/svg+xml"}
    }
    page = PageView(url="http://fixture.test/a.svg", html=SVG, facts=facts)
    assert not page.is_html
    assert _findings("page-title", page) == []
    assert _findings("document-language", page) == []


def test_without_facts_a_page_is_html() -> None:
    page = PageView(url="http://fixture.test/", html="<html><body><p>Hi</p></body></html>")
    assert page.is_html
    assert _findings("page-title", page)
