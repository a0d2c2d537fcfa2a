"""Downloader middleware that keeps a pool of browser pages and reuses them.

scrapy-playwright opens a new page per request by default; opening a page nearly doubles
the cost of auditing it. This middleware hands each rendered request a page from the
pool (``playwright_page``), and when the response comes back gathers what the checks
need (facts and axe-core results, :func:`council_audit.collect.collect`) before the page
goes back to the pool. The spider and the checks never touch the browser.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import Page
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from council_audit.collect import HTML_TYPES, PageSnapshot, collect
from council_audit.crawler import urls
from council_audit.settings import Settings

log = logging.getLogger(__name__)


class PagePoolMiddleware:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.size = settings.render_pages
        self.free: asyncio.Queue[Page] = asyncio.Queue()
        self.opened = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PagePoolMiddleware:
        settings = crawler.settings.get("COUNCIL_AUDIT_SETTINGS")
        if settings is None:
            raise NotConfigured("COUNCIL_AUDIT_SETTINGS is not set")
        return cls(settings)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not request.meta.get("playwright"):
            return None
        request.meta["playwright_include_page"] = True
        request.meta.pop("playwright_page", None)
        if self.free.empty() and self.opened < self.size:
            self.opened += 1  # scrapy-playwright opens it; it joins the pool on release
            return None
        request.meta["playwright_page"] = await self.free.get()
        return None

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        page = request.meta.pop("playwright_page", None)
        if page is None:
            return response
        try:
            snapshot = snapshot_from_response(request, response)
            offsite = self.offsite(request, response.url)
            if offsite:
                snapshot.error = offsite
            elif is_html(response) and response.status < 400:
                snapshot.html = response.text
                await collect(page, snapshot, self.settings)
            request.meta["snapshot"] = snapshot
        finally:
            await self.release(page, healthy=True)
        return response

    def offsite(self, request: Request, final_url: str) -> str | None:
        """Why the page the browser ended on is not ours to audit (it redirected to
        another site, or into a private address), or None."""
        hosts = request.meta.get("allowed_hosts")
        refused = urls.refused_reason(final_url, self.settings.allow_loopback)
        if refused:
            return f"redirected to a refused address: {refused}"
        if hosts is not None and not urls.host_allowed(final_url, hosts):
            return (
                f"redirected to another site ({urls.site_host(final_url)}): recorded, not followed"
            )
        return None

    async def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        page = request.meta.pop("playwright_page", None)
        if page is not None:
            await self.release(page, healthy=False)
        return None

    async def release(self, page: Page, healthy: bool) -> None:
        """Back to the pool; a page that failed or crashed is closed and replaced later."""
        if healthy and not page.is_closed():
            self.free.put_nowait(page)
            return
        self.opened -= 1
        if not page.is_closed():
            try:
                await page.close()
            except Exception:  # closing a crashed page can fail; it is gone either way
                log.debug("closing a failed page raised", exc_info=True)


def is_html(response: Response) -> bool:
    ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
    return any(t in ctype for t in HTML_TYPES) or (
        not ctype and b"<html" in response.body[:2000].lower()
    )


def snapshot_from_response(request: Request, response: Response) -> PageSnapshot:
    ctype = response.headers.get("Content-Type", b"").decode("latin-1")
    snap = PageSnapshot(
        url=request.meta.get("original_url", request.url),
        final_url=response.url,
        status=response.status,
        content_type=ctype.split(";")[0].strip(),
        bytes=len(response.body),
    )
    latency: Any = request.meta.get("download_latency")
    if latency is not None:
        snap.timings["fetch_ms"] = round(latency * 1000, 1)
    return snap


class OffsiteRedirectMiddleware:
    """Plain (not rendered) requests: a redirect to a host not listed for the council, or
    to a refused address, is recorded and not followed. Sits just before Scrapy's
    RedirectMiddleware, which then leaves the 3xx response alone."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteRedirectMiddleware:
        settings = crawler.settings.get("COUNCIL_AUDIT_SETTINGS")
        if settings is None:
            raise NotConfigured("COUNCIL_AUDIT_SETTINGS is not set")
        return cls(settings)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        hosts = request.meta.get("allowed_hosts")
        location = response.headers.get("Location")
        if hosts is None or not (300 <= response.status < 400) or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        if urls.refused_reason(target, self.settings.allow_loopback) or not urls.host_allowed(
            target, hosts
        ):
            request.meta["dont_redirect"] = True
            request.meta["offsite_redirect"] = target
            log.info("not following %s -> %s (another site)", request.url, target)
        return response
