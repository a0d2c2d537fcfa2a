"""Auditing given URLs in one browser session, without crawling (``council-audit check``),
and reading axe-core's rule catalogue from the browser."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

from council_audit import browser as chromium
from council_audit.audit import audit_snapshot
from council_audit.checks import axe
from council_audit.collect import HTML_TYPES, PageSnapshot, collect, first_line
from council_audit.crawler.urls import refused_reason
from council_audit.findings import Finding
from council_audit.settings import Settings


@dataclass
class PageResult:
    snapshot: PageSnapshot
    findings: list[Finding] = field(default_factory=list)


@dataclass
class CheckResult:
    pages: list[PageResult]
    browser_version: str
    axe_core_version: str = field(default_factory=axe.axe_version)


async def audit_urls(urls: Sequence[str], settings: Settings) -> CheckResult:
    """Audit each URL in one browser, ``settings.render_pages`` at a time. A page that
    cannot be audited gets ``snapshot.error``; the others still run."""
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(**chromium.launch_options(settings))
        try:
            context = await browser.new_context(**chromium.context_options(settings))
            pool = _Pool(context, settings.render_pages)
            results = await asyncio.gather(*(pool.audit(url, settings) for url in urls))
            return CheckResult(list(results), browser.version)
        finally:
            await browser.close()


class _Pool:
    """Reused pages: opening a page per URL nearly doubles the cost of each audit."""

    def __init__(self, context: BrowserContext, size: int) -> None:
        self.context = context
        self.free: asyncio.Queue[Page] = asyncio.Queue()
        self.slots = asyncio.Semaphore(size)

    async def audit(self, url: str, settings: Settings) -> PageResult:
        async with self.slots:
            page = (
                self.free.get_nowait() if not self.free.empty() else await self.context.new_page()
            )
            healthy = False
            try:
                snapshot, healthy = await audit_page(page, url, settings)
            finally:
                if healthy and not page.is_closed():
                    self.free.put_nowait(page)
                elif not page.is_closed():
                    await _close_quietly(page)
        findings = audit_snapshot(snapshot, settings)
        return PageResult(snapshot, findings)


async def audit_page(page: Page, url: str, settings: Settings) -> tuple[PageSnapshot, bool]:
    """Load ``url`` and gather its facts; returns the snapshot and whether the page is
    still fit for reuse."""
    snap = PageSnapshot(url=url)
    reason = refused_reason(url, allow_loopback=True)
    if reason:
        snap.error = f"not audited: {reason}"
        return snap, True
    try:
        response = await page.goto(url, wait_until="load", timeout=settings.page_timeout * 1000)
    except PlaywrightError as exc:
        message = first_line(exc.message)
        if "Download is starting" in message:
            snap.error = "not an HTML page: the browser downloaded it"
        else:
            snap.error = f"could not load the page: {message}"
        return snap, False
    snap.final_url = page.url
    if response is not None:
        snap.status = response.status
        snap.content_type = (await response.header_value("content-type") or "").split(";")[0]
    if snap.content_type and not snap.content_type.startswith(HTML_TYPES):
        snap.error = f"not an HTML page ({snap.content_type})"
        return snap, True
    if snap.status and snap.status >= 400:
        snap.error = f"HTTP {snap.status}"
        return snap, True
    try:
        snap.html = await page.content()
    except PlaywrightError as exc:
        snap.error = f"browser error while auditing: {first_line(exc.message)}"
        return snap, False
    snap.bytes = len(snap.html.encode())
    await collect(page, snap, settings)
    return snap, snap.error is None


async def _close_quietly(page: Page) -> None:
    with contextlib.suppress(PlaywrightError):
        await page.close()


async def axe_rules(settings: Settings) -> tuple[list[dict[str, Any]], str]:
    """axe-core's rule catalogue (``axe.getRules()``) and the browser version."""
    async with async_playwright() as pw:
        browser: Browser = await pw.chromium.launch(**chromium.launch_options(settings))
        try:
            page = await browser.new_page()
            await page.set_content("<!doctype html><html lang='en'><title>x</title></html>")
            await page.evaluate(axe.axe_source())
            return await page.evaluate(axe.RULES_SCRIPT), browser.version
        finally:
            await browser.close()
