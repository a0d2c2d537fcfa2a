"""Auditing given URLs in one browser session, without crawling (``council-audit check``),
and reading axe-core's rule catalogue from the browser."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

from council_audit import browser as chromium
from council_audit.audit import audit_snapshot
from council_audit.checks import axe
from council_audit.collect import DOWNLOAD_ERROR, HTML_TYPES, PageSnapshot, collect, first_line
from council_audit.findings import Finding
from council_audit.guard import (
    CLOSE_TIMEOUT_S,
    Deadline,
    PageStuck,
    TabWear,
    bounded,
    close_page,
    is_crash,
)
from council_audit.proxy import ScopeProxy, chromium_args
from council_audit.routing import NavigationCounter, browser_route
from council_audit.scope import Scope
from council_audit.settings import Settings
from council_audit.templates import TemplateMemory

log = logging.getLogger(__name__)


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
    cannot be audited gets ``snapshot.error``; the others still run. A browser or driver
    that dies is restarted and the pages it was rendering are audited again (once)."""
    async with _Browser(settings, urls) as browser:
        pool = _Pool(browser, settings.render_pages)
        results = await asyncio.gather(*(pool.audit(url, settings) for url in urls))
        return CheckResult(list(results), browser.version)


class _Browser:
    """Playwright, Chromium and one context, restarted as a whole when any of them dies.
    Every request the browser makes passes :func:`browser_route` first."""

    def __init__(self, settings: Settings, urls: Sequence[str]) -> None:
        self.settings = settings
        self.scope = Scope.for_urls(urls, allow_loopback=True)  # the pages asked for
        self.proxy = ScopeProxy(self.scope)
        self.proxy_url = ""
        self.navigations = NavigationCounter(settings.navigation_budget)
        self.generation = 0
        self.version = ""
        self.lock = asyncio.Lock()
        self.pw: Any = None
        self.browser: Browser | None = None
        self.context: BrowserContext | None = None

    async def __aenter__(self) -> _Browser:
        self.proxy_url = self.proxy.start()
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
        self.proxy.stop()

    async def start(self) -> None:
        step = self.settings.step_timeout
        self.pw = await bounded(async_playwright().start(), "starting Playwright", step)
        options = chromium.launch_options(self.settings)
        options["args"] = [*options["args"], *chromium_args(self.proxy_url)]
        self.browser = await bounded(
            self.pw.chromium.launch(**options),
            "starting Chromium",
            step,
        )
        self.context = await bounded(
            self.browser.new_context(**chromium.context_options(self.settings)),
            "opening a browser context",
            step,
        )
        await self.context.route("**", self.route)
        self.version = self.browser.version
        self.generation += 1

    async def route(self, route: Any, request: Any) -> None:
        await browser_route(
            route, request, self.scope, self.navigations, self.settings.block_third_party
        )

    async def stop(self) -> None:
        """Close everything, and give up waiting on parts that no longer answer."""
        for closing in (self.browser and self.browser.close(), self.pw and self.pw.stop()):
            if closing is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(closing, CLOSE_TIMEOUT_S)
        self.browser = self.context = self.pw = None

    async def restart(self, generation: int) -> None:
        """Restart after a crash seen by a page of ``generation`` (once per crash, however
        many pages saw it)."""
        async with self.lock:
            if generation != self.generation:
                return
            log.warning("the browser or its driver died; restarting it")
            await self.stop()
            await self.start()

    async def new_page(self) -> Page:
        assert self.context is not None
        return await bounded(self.context.new_page(), "opening a tab", self.settings.step_timeout)


class _Pool:
    """Reused pages: opening a page per URL nearly doubles the cost of each audit. A page
    that stopped responding, or whose browser died, is closed and never reused."""

    def __init__(self, browser: _Browser, size: int) -> None:
        self.browser = browser
        self.free: list[tuple[int, Page]] = []
        self.slots = asyncio.Semaphore(size)
        self.wear = TabWear(browser.settings.tab_reuse)
        self.templates = TemplateMemory()

    async def audit(self, url: str, settings: Settings) -> PageResult:
        async with self.slots:
            snapshot = await self.audit_once(url, settings, retry=True)
        findings = audit_snapshot(snapshot, settings)
        return PageResult(snapshot, findings)

    async def audit_once(self, url: str, settings: Settings, retry: bool) -> PageSnapshot:
        generation = self.browser.generation
        page: Page | None = None
        healthy = False
        try:
            page = await self.take(generation)
            snapshot, healthy = await audit_page(
                page, url, settings, self.browser.navigations, self.browser.scope, self.templates
            )
        except (PlaywrightError, PageStuck) as exc:
            snapshot = PageSnapshot(url=url, error=f"browser error: {first_line(str(exc))}")
            if not is_crash(exc):
                return snapshot
        finally:
            if (
                healthy
                and page is not None
                and generation == self.browser.generation
                and not self.wear.worn_out(page)
            ):
                self.free.append((generation, page))
            else:
                await close_page(page)
        if healthy or not snapshot.error or not retry or not await self.crashed(page):
            return snapshot
        await self.browser.restart(generation)
        return await self.audit_once(url, settings, retry=False)

    async def take(self, generation: int) -> Page:
        while self.free:
            born, page = self.free.pop()
            if born == generation and not page.is_closed():
                return page
            await close_page(page)
        return await self.browser.new_page()

    async def crashed(self, page: Page | None) -> bool:
        """Whether the browser (not just this page) has died."""
        browser = self.browser.browser
        if browser is None or not browser.is_connected():
            return True
        try:
            await asyncio.wait_for(browser.new_browser_cdp_session(), CLOSE_TIMEOUT_S)
        except Exception:
            return True
        return False


async def audit_page(
    page: Page,
    url: str,
    settings: Settings,
    navigations: NavigationCounter | None = None,
    scope: Scope | None = None,
    templates: TemplateMemory | None = None,
) -> tuple[PageSnapshot, bool]:
    """Load ``url`` and gather its facts; returns the snapshot and whether the page is
    still fit for reuse. Every step is bounded by ``page_time_limit``."""
    snap = PageSnapshot(url=url)
    scope = scope or Scope.for_urls([url], allow_loopback=True)
    reason = await scope.check(url)
    if reason:
        snap.error = f"not audited: refused address: {reason}"
        return snap, True
    deadline = Deadline(settings.page_time_limit)
    if navigations is not None:
        navigations.start(page)
    try:
        response = await bounded(
            page.goto(url, wait_until="load", timeout=settings.page_timeout * 1000),
            "loading the page",
            settings.page_timeout + 5,
            deadline,
        )
    except PlaywrightError as exc:
        message = first_line(exc.message)
        if "Download is starting" in message:
            snap.error = DOWNLOAD_ERROR
        elif navigations is not None and navigations.exhausted(page):
            snap.error = navigations.error(page)
        else:
            snap.error = f"could not load the page: {message}"
        return snap, False
    except PageStuck as exc:
        snap.error = f"could not load the page: {exc}"
        return snap, False
    snap.final_url = page.url
    refused = await scope.check(page.url)
    if refused:
        snap.error = f"not audited: redirected to a refused address: {refused}"
        return snap, True
    if response is not None:
        snap.status = response.status
        headers = await bounded(response.all_headers(), "reading headers", 10, deadline)
        snap.content_type = headers.get("content-type", "").split(";")[0]
    if snap.content_type and not snap.content_type.startswith(HTML_TYPES):
        snap.error = f"not an HTML page ({snap.content_type})"
        return snap, True
    if snap.status and snap.status >= 400:
        snap.error = f"HTTP {snap.status}"
        return snap, True
    try:
        snap.html = await bounded(
            page.content(), "reading the rendered HTML", settings.step_timeout, deadline
        )
    except PageStuck as exc:
        snap.error = f"not audited: {exc}"
        return snap, False
    except PlaywrightError as exc:
        snap.error = f"browser error while auditing: {first_line(exc.message)}"
        if navigations is not None and navigations.navigated(page):
            snap.error = navigations.error(page)
        return snap, False
    snap.bytes = len(snap.html.encode())
    reusable = await collect(page, snap, settings, deadline, templates)
    if navigations is not None and not reusable:
        navigations.explain_failure(page, snap)
    return snap, reusable


def rule_catalogue(settings: Settings) -> tuple[list[dict[str, Any]], str]:
    """axe-core's rule catalogue and the browser version, as :func:`axe_rules` gives
    them, kept in the user's cache (``$XDG_CACHE_HOME/council-audit``): launching
    Chromium for them took 1.5-2 s of every crawl, most of a re-crawl that renders
    nothing. The key is axe-core's source and the Chromium executable (path, size,
    modification time) with Playwright's version, so an upgrade of either asks again.
    An unreadable or unwritable cache only means asking the browser."""
    executable = Path(chromium.find_chromium(settings)).resolve()
    stat = executable.stat()
    key = hashlib.sha256(
        "\0".join(
            [axe.axe_source(), axe.RULES_SCRIPT, str(executable), str(stat.st_size),
             str(stat.st_mtime_ns), version("playwright")]
        ).encode()
    ).hexdigest()[:24]  # fmt: skip
    path = cache_dir() / f"axe-rules-{key}.json"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        cached = json.loads(path.read_text(encoding="utf-8"))
        return list(cached["rules"]), str(cached["browser_version"])
    rules, browser_version = asyncio.run(axe_rules(settings))
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps({"rules": rules, "browser_version": browser_version}))
        partial.replace(path)
    return rules, browser_version


def cache_dir() -> Path:
    """council-audit's folder in the user's cache (XDG base directories)."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "council-audit"


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
