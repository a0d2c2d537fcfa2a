"""The frames probe in real Chromium: what it reads of each frame, and which of axe-core's
frame-title-unique reviews it settles (frames that share a name and show the same page)."""

from __future__ import annotations

import pytest

from council_audit import api
from council_audit.checks.common.frames import same_content
from council_audit.probes.frames import AXE_RULE
from council_audit.session import PageResult
from council_audit.settings import Settings

PAGES = (
    "same-page",
    "same-text",
    "different",
    "names-differ",
    "unreadable",
    "shadow",
    "written",
)


@pytest.fixture(scope="module")
def audited(static_server: str) -> dict[str, PageResult]:
    urls = [f"{static_server}/probe_frames/{name}.html" for name in PAGES]
    result = api.check(urls, Settings())
    return dict(zip(PAGES, result.pages, strict=True))


def _reviews(page: PageResult) -> list[str]:
    return [f.selector for f in page.findings if f.check_id == AXE_RULE]


def _asked(page: PageResult) -> int:
    """How many frames axe-core itself asked to review."""
    rules = page.snapshot.axe["incomplete"]
    return sum(len(r["nodes"]) for r in rules if r["id"] == AXE_RULE)


def _reasons(page: PageResult) -> set[str]:
    return {item[2] for item in page.snapshot.facts["frames"]["axe_resolved"]}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("same-page", "same content"),  # one address twice
        ("same-text", "same content"),  # a copy, and a redirect to "sub/"
        ("names-differ", "unique accessible name"),  # aria-label overrides the title
        ("shadow", "same content"),  # the frame in the light DOM is not rendered
    ],
)
def test_axe_review_settled(audited: dict[str, PageResult], name: str, reason: str) -> None:
    page = audited[name]
    assert page.snapshot.error is None
    assert _asked(page) >= 2
    assert _reviews(page) == []
    assert _reasons(page) == {reason}


@pytest.mark.parametrize("name", ["different", "unreadable", "written"])
def test_axe_review_kept(audited: dict[str, PageResult], name: str) -> None:
    page = audited[name]
    assert _asked(page) == 2
    assert len(_reviews(page)) == 2
    assert page.snapshot.facts["frames"]["axe_resolved"] == []


def test_frames_read(audited: dict[str, PageResult]) -> None:
    frames = audited["shadow"].snapshot.facts["frames"]["frames"]
    by_selector = {f["selector"]: f for f in frames}
    assert set(by_selector) == {"#always", "#light", "#host >>> #shadow"}
    assert by_selector["#light"]["hidden"] and not by_selector["#always"]["hidden"]
    assert by_selector["#always"]["source"] == "title"
    assert by_selector["#always"]["url"].endswith("/probe_frames/one.html")
    assert by_selector["#always"]["digest"] == by_selector["#host >>> #shadow"]["digest"]
    assert by_selector["#always"]["digest"] != by_selector["#light"]["digest"]
    unread = audited["unreadable"].snapshot.facts["frames"]["frames"]
    assert all(f["url"] is None and f["digest"] is None and f["src"] for f in unread)


def test_same_content_needs_every_frame_joined() -> None:
    a, b, c = {"url": "u1", "digest": "d"}, {"url": "u2", "digest": "d"}, {"src": "s"}
    assert same_content([a, b])
    assert same_content([a, {"url": "u1"}, b])  # a-b by text, a-third by address
    assert not same_content([a, b, c])  # c could not be read
    assert same_content([c, {"src": "s"}])
