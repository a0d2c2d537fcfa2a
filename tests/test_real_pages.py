"""Levels and one-barrier-one-finding on real council pages (../shared/corpora/
real-councils: rendered DOM snapshots of English councils' pages, served on 127.0.0.1),
audited in real Chromium with every check."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from lxml.cssselect import CSSSelector

from council_audit import api
from council_audit.checks.common.page import PageView
from council_audit.checks.standards.wcag import legal_criteria
from council_audit.findings import Finding
from council_audit.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "real-councils"
# Two pages with no lang on <html> (two checks fail it for 3.1.1), and a spread of CMSs.
PAGES = (
    "broads-authority",
    "crawley-borough-council",
    "blaby-district-council",
    "woking-borough-council",
    "southampton-city-council",
    "manchester-city-council",
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def audited() -> Iterator[list]:
    assert (CORPUS / "manifest.csv").is_file(), f"the real-councils corpus is missing: {CORPUS}"
    handler = functools.partial(_Quiet, directory=str(CORPUS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        urls = [f"{base}/pages/{name}/index.html" for name in PAGES]
        result = api.check(urls, Settings.from_mapping({"allow_loopback": True}, env=False))
        assert all(p.snapshot.error is None for p in result.pages), [
            p.snapshot.error for p in result.pages
        ]
        yield result.pages
    finally:
        server.shutdown()
        server.server_close()


def test_every_error_names_a_wcag_a_or_aa_criterion(audited: list) -> None:
    errors = [f for page in audited for f in page.findings if f.level == "error"]
    assert errors  # real pages do fail
    assert [f.check_id for f in errors if not legal_criteria(f.wcag)] == []
    advice = {f.check_id for page in audited for f in page.findings if f.level == "advice"}
    assert "region" in advice or "landmark-one-main" in advice  # best practice: advice


def element(page: PageView, selector: str) -> object:
    try:
        hits = CSSSelector(selector)(page.tree)
    except Exception:  # a selector lxml cannot read: compared as text
        return selector
    return hits[0] if len(hits) == 1 else selector


def test_no_element_is_reported_twice_for_one_criterion_at_error_level(audited: list) -> None:
    for page in audited:
        view = PageView(url=page.snapshot.url, html=page.snapshot.html, settings=Settings())
        errors: list[Finding] = [f for f in page.findings if f.level == "error"]
        for a, b in combinations(errors, 2):
            shared = set(legal_criteria(a.wcag)) & set(legal_criteria(b.wcag))
            if not shared or a.check_id == b.check_id:
                continue
            same = a.selector == b.selector or element(view, a.selector) is element(
                view, b.selector
            )
            assert not same, (page.snapshot.url, a.check_id, b.check_id, a.selector, shared)


def test_a_missing_lang_is_one_finding_with_corroboration(audited: list) -> None:
    for page in audited[:2]:
        lang = [f for f in page.findings if "3.1.1" in f.wcag and f.level == "error"]
        assert [f.check_id for f in lang] == ["html-has-lang"], page.snapshot.url
        corroboration = lang[0].extras["corroborated_by"]
        assert [c["check_id"] for c in corroboration] == ["document-language"]
