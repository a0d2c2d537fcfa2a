"""The aria_refs probe in real Chromium: an aria-controls reference axe-core could not
confirm is settled when the element it names is on the page, and kept when it is not."""

from __future__ import annotations

from council_audit import api
from council_audit.probes.aria_refs import AXE_RULE
from council_audit.settings import Settings


def test_references_to_elements_on_the_page_settle_axe_reviews(static_server: str) -> None:
    (page,) = api.check([f"{static_server}/probe_aria_refs/menus.html"], Settings()).pages
    asked = [
        n["target"][0]
        for r in page.snapshot.axe["incomplete"]
        if r["id"] == AXE_RULE
        for n in r["nodes"]
    ]
    assert any("present" in t for t in asked) and any("missing" in t for t in asked)
    probe = page.snapshot.facts["aria_refs"]
    assert probe["checked"] == 2
    assert [r[1] for r in probe["axe_resolved"]] == [t for t in asked if "present" in t]
    reviews = [f.selector for f in page.findings if f.check_id == AXE_RULE]
    assert reviews == [t for t in asked if "missing" in t]
