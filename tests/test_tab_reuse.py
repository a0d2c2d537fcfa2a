"""Tabs are retired after ``tab_reuse`` pages (a renderer reused for hundreds of pages
keeps growing), and a retired tab changes nothing in what is found."""

from __future__ import annotations

import gc

import pytest

from council_audit import api, session
from council_audit.guard import TabWear
from council_audit.settings import Settings


class _Tab:
    pass


def test_a_tab_is_worn_out_after_its_limit_and_tabs_count_apart() -> None:
    wear = TabWear(3)
    first, second = _Tab(), _Tab()
    assert [wear.worn_out(first) for _ in range(3)] == [False, False, True]
    assert wear.worn_out(second) is False
    del first
    gc.collect()
    assert len(wear.used) == 1  # a closed and dropped tab is forgotten


def test_tab_reuse_opens_fresh_tabs_and_finds_the_same(
    static_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls = [
        f"{static_server}/pages/{name}.html?n={i}" for i in range(3) for name in ("good", "bad")
    ]
    opened = 0
    real_new_page = session._Browser.new_page

    async def counting_new_page(self: session._Browser):  # type: ignore[no-untyped-def]
        nonlocal opened
        opened += 1
        return await real_new_page(self)

    monkeypatch.setattr(session._Browser, "new_page", counting_new_page)
    found = {}
    tabs = {}
    for reuse in (100, 2):
        opened = 0
        settings = Settings.from_mapping(
            {"allow_loopback": True, "render_pages": 1, "tab_reuse": reuse}, env=False
        )
        result = api.check(urls, settings)
        assert all(p.snapshot.audited for p in result.pages)
        found[reuse] = [sorted((f.check_id, f.selector) for f in p.findings) for p in result.pages]
        tabs[reuse] = opened
    assert tabs == {100: 1, 2: 3}  # 6 pages, one tab at a time: 2 pages each
    assert found[2] == found[100]
    assert any(found[2])
