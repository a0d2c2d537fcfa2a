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
import time
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import Page
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from council_audit.collect import DOWNLOAD_ERROR, HTML_TYPES, PageSnapshot, collect
from council_audit.crawler import urls
from council_audit.guard import Deadline, TabWear, close_page, is_crash
from council_audit.routing import NAVIGATIONS
from council_audit.scope import Scope
from council_audit.settings import Settings
from council_audit.templates import TemplateMemory

log = logging.getLogger(__name__)
SLOT, STARTED = "page_pool_slot", "page_pool_started"
CRASH_RETRIES = 3


def required(crawler: Crawler, name: str) -> Any:
    """A council-audit object from the crawl's settings; the component is off without it."""
    value = crawler.settings.get(name)
    if value is None:
        raise NotConfigured(f"{name} is not set")
    return value


class RefusedRequest(Exception):
    """The scope decision refused the request; it was not sent."""


class ScopeMiddleware:
    """Every Scrapy request (the register homepage, robots.txt, sitemaps, pages,
    documents, redirects) passes the scope decision (:mod:`council_audit.scope`) before
    it is sent; a refused one fails with :class:`RefusedRequest` and is recorded."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeMiddleware:
        return cls(required(crawler, "COUNCIL_AUDIT_SCOPE"))

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if request.url.startswith("data:"):
            return None  # items handed on from signal handlers (see CouncilSpider.emit)
        reason = await self.scope.check(request.url)
        if reason:
            log.info("refused %s: %s", request.url, reason)
            raise RefusedRequest(f"not fetched: refused address: {reason}")
        return None


class PagePoolMiddleware:
    """At most ``render_pages`` rendered requests at once, each holding a slot from
    process_request until its response or exception, whatever happens; tabs are
    reused when healthy, closed otherwise. A download that saw the browser die is sent
    again (up to CRASH_RETRIES times): a crashed browser is a retry, not a finding."""

    def __init__(self, settings: Settings, scope: Scope | None = None) -> None:
        self.settings = settings
        self.scope = scope or Scope(settings.allow_loopback)
        self.slots = asyncio.Semaphore(settings.render_pages)
        self.free: list[Page] = []
        self.wear = TabWear(settings.tab_reuse)
        self.templates = TemplateMemory()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PagePoolMiddleware:
        settings = required(crawler, "COUNCIL_AUDIT_SETTINGS")
        return cls(settings, crawler.settings.get("COUNCIL_AUDIT_SCOPE"))

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not request.meta.get("playwright"):
            return None
        request.meta["playwright_include_page"] = True
        request.meta.pop("playwright_page", None)
        if not request.meta.get(SLOT):
            await self.slots.acquire()
            request.meta[SLOT] = True
            request.meta[STARTED] = time.monotonic()
        while self.free:
            page = self.free.pop()
            if not page.is_closed():
                request.meta["playwright_page"] = page
                break
        return None

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response | Request:
        page = request.meta.pop("playwright_page", None)
        healthy = False
        try:
            if page is None:
                return response
            snapshot = snapshot_from_response(request, response)
            offsite = self.offsite(request, response.url)
            if offsite:
                snapshot.error = offsite
                healthy = True
            elif is_download(request, response):
                snapshot.error = DOWNLOAD_ERROR
                healthy = True
            elif is_html(response) and response.status < 400:
                snapshot.html = response.text
                healthy = await collect(
                    page, snapshot, self.settings, self.deadline(request), self.templates
                )
                navigations = request.meta.get(NAVIGATIONS)
                if not healthy and navigations is not None:  # the same rule as ``check``
                    navigations.explain_failure(page, snapshot)
                if not healthy and is_crash(RuntimeError(snapshot.error or "")):
                    return self.retry(request, snapshot.error or "") or self.keep(
                        request, response, snapshot
                    )
            else:
                healthy = True
            return self.keep(request, response, snapshot)
        finally:
            await self.release(request, page, healthy)

    def keep(self, request: Request, response: Response, snapshot: PageSnapshot) -> Response:
        request.meta["snapshot"] = snapshot
        return response

    def deadline(self, request: Request) -> Deadline:
        spent = time.monotonic() - request.meta.get(STARTED, time.monotonic())
        return Deadline(max(self.settings.page_time_limit - spent, 0.001))

    def offsite(self, request: Request, final_url: str) -> str | None:
        """Why the page the browser ended on is not ours to audit (it redirected to
        another site, or into a private address), or None."""
        hosts = request.meta.get("allowed_hosts")
        if final_url.startswith("chrome-error:"):
            return "not audited: the page navigated to an address that was refused or failed"
        refused = self.scope.check_static(final_url)
        if hosts is not None and not urls.host_allowed(final_url, hosts):
            why = f"; refused address: {refused}" if refused else ""
            return (
                f"redirected to another site ({urls.site_host(final_url)}): recorded, "
                f"not followed{why}"
            )
        if refused:
            return f"not audited: redirected to a refused address: {refused}"
        return None

    async def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | None:
        page = request.meta.pop("playwright_page", None)
        await self.release(request, page, healthy=False)
        if request.meta.get("playwright") and is_crash(exception):
            return self.retry(request, str(exception))
        return None

    def retry(self, request: Request, why: str) -> Request | None:
        tries = request.meta.get("crash_retries", 0)
        if tries >= CRASH_RETRIES:
            return None
        log.warning("the browser died while rendering %s; fetching it again", request.url)
        meta = {k: v for k, v in request.meta.items() if k not in (SLOT, STARTED, "snapshot")}
        meta["crash_retries"] = tries + 1
        return request.replace(meta=meta, dont_filter=True)

    async def release(self, request: Request, page: Page | None, healthy: bool) -> None:
        """Give back the request's slot (once), and its tab: to the pool when healthy,
        closed otherwise."""
        if request.meta.pop(SLOT, False):
            self.slots.release()
        if page is None:
            return
        if healthy and not page.is_closed() and not self.wear.worn_out(page):
            self.free.append(page)
        else:
            await close_page(page)


def is_download(request: Request, response: Response) -> bool:
    """Sent as an attachment: a download, not a page (the same rule as ``check``)."""
    disposition = response.headers.get("Content-Disposition", b"").decode("latin-1").lower()
    return bool(
        request.meta.get("playwright_suggested_filename")
    ) or disposition.strip().startswith("attachment")


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
        return cls(required(crawler, "COUNCIL_AUDIT_SETTINGS"))

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
