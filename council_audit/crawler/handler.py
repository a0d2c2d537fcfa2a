"""scrapy-playwright's download handler, made to survive hostile pages and dying
browsers (issue #10):

- every download (navigation, reading the rendered HTML) has a deadline enforced from
  outside the page; a tab that misses it is closed, never reused;
- every request the browser makes passes the route filter
  (:func:`council_audit.routing.browser_route`: scope and navigation budget), and
  Chromium is started behind the filtering proxy (:mod:`council_audit.proxy`);
- a dead Playwright driver or browser is noticed, the whole of Playwright is restarted
  once, and the downloads that saw it die raise :class:`BrowserCrashed`, which the page
  pool turns into a retry (:class:`council_audit.crawler.middlewares.PagePoolMiddleware`);
- closing never waits on parts that no longer answer;
- one handler serves http and https, and Chromium starts with the first page to render:
  scrapy-playwright gives each scheme its own handler, and each launched a browser at
  start-up, so every crawl ran two (one idle), and a re-crawl that renders nothing
  launched both.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from typing import Any

from playwright.async_api import Error as PlaywrightError
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from council_audit.guard import CLOSE_TIMEOUT_S, PageStuck, bounded, close_page, is_crash
from council_audit.routing import (
    NAVIGATIONS,
    PREFETCHED,
    NavigationCounter,
    browser_route,
    prefetched_body,
    refusal,
)

log = logging.getLogger(__name__)


class BrowserCrashed(RuntimeError):
    """The browser or its driver died during this download (it has been restarted)."""


class PageNavigating(RuntimeError):
    """The page kept navigating by itself (meta refresh or script)."""


SHARED: weakref.WeakKeyDictionary[Crawler, GuardedPlaywrightHandler] = weakref.WeakKeyDictionary()


class GuardedPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        audit = crawler.settings["COUNCIL_AUDIT_SETTINGS"]
        self.step = audit.step_timeout
        self.limit = audit.page_timeout + audit.step_timeout
        self.scope = crawler.settings["COUNCIL_AUDIT_SCOPE"]
        self.navigations = NavigationCounter(audit.navigation_budget)
        self.block_third_party = audit.block_third_party
        self.abort_request = self.refused
        self.generation = 0
        self.restart_lock = asyncio.Lock()
        self.pages: weakref.WeakSet[Any] = weakref.WeakSet()  # tabs of the live browser
        self.closed = False
        self.prefetched: dict[str, dict[str, Any]] = {}  # URL -> the plain fetch's answer

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GuardedPlaywrightHandler:
        """The crawl's one handler, for every scheme it is named for."""
        handler = SHARED.get(crawler)
        if handler is None:
            handler = SHARED[crawler] = cls(crawler)
        return handler

    async def _launch(self) -> None:
        """Start Playwright only; Chromium and its context start with the first page
        (:meth:`_create_page`), under scrapy-playwright's launch locks."""
        self.browser_provider = self.browser_provider_cls(self.config)
        await bounded(self.browser_provider.start(), "starting Playwright", self.step * 2)

    async def close(self) -> None:
        """Scrapy closes the handler once per scheme; the browser closes once."""
        if not self.closed:
            self.closed = True
            await super().close()

    def refused(self, request: Any) -> bool:
        return refusal(request, self.scope, self.navigations, self.block_third_party) is not None

    async def _create_browser_context(
        self, name: str, context_kwargs: dict | None, spider: Spider | None = None
    ) -> Any:
        # after a restart, contexts are made again with the crawl's options
        kwargs = context_kwargs or self.config.startup_context_kwargs.get(name) or {}
        wrapper = await super()._create_browser_context(name, kwargs, spider)
        await wrapper.context.route("**", self.context_route)
        return wrapper

    async def _maybe_launch_browser(self) -> None:
        async with self.browser_launch_lock:
            if "browser" not in self.__dict__:
                launching = self.browser_provider.launch_browser()
                browser = await bounded(launching, "starting Chromium", self.step * 2)
                self.browser = browser
                self.stats.inc_value("playwright/browser_count")
                browser.on("disconnected", lambda *_: self._forget(browser))

    async def _browser_disconnected_callback(self) -> None:
        """Replaced by :meth:`_forget`, which knows which browser went away."""

    def _forget(self, browser: Any) -> None:
        if self.__dict__.get("browser") is browser:
            del self.browser
            self.context_wrappers.clear()

    async def context_route(self, route: Any, request: Any) -> None:
        await browser_route(route, request, self.scope, self.navigations, self.block_third_party)

    async def _create_page(self, request: Request, spider: Spider) -> Any:
        page = await bounded(super()._create_page(request, spider), "opening a tab", self.step)
        self.pages.add(page)
        self.navigations.start(page)
        return page

    def _make_request_handler(self, *args: Any, **kwargs: Any) -> Any:
        """scrapy-playwright's route for a download's tab, except that the page's own
        navigation is answered with the body the plain fetch already got (see
        :func:`council_audit.routing.prefetched`): a first crawl asks the council for
        each page once, not twice. Everything else goes on as before."""
        passed_on = super()._make_request_handler(*args, **kwargs)
        url = kwargs.get("url")

        async def route_request(route: Any, request: Any) -> None:
            ready = self.prefetched.get(url) if url else None
            if (
                ready is not None
                and request.url == url
                and request.is_navigation_request()
                and request.frame.parent_frame is None
                and not self.refused(request)  # counts the navigation, as always
            ):
                del self.prefetched[url]  # once: a later reload goes to the site
                await route.fulfill(
                    status=ready["status"], headers=ready["headers"], body=prefetched_body(ready)
                )
                return
            await passed_on(route, request)

        return route_request

    async def _download_request(self, request: Request, spider: Spider | None = None) -> Any:
        ready = request.meta.pop(PREFETCHED, None)
        if ready is not None:
            self.prefetched[request.url] = ready
        try:
            return await self._download_guarded(request, spider)
        finally:
            self.prefetched.pop(request.url, None)

    async def _download_guarded(self, request: Request, spider: Spider | None) -> Any:
        page = request.meta.get("playwright_page")
        if page is not None:
            if page in self.pages and not page.is_closed():
                self.navigations.start(page)
            else:  # a tab of a browser that died
                request.meta.pop("playwright_page", None)
                await close_page(page)
        generation = self.generation
        request.meta[NAVIGATIONS] = self.navigations  # the pool asks it after the audit
        try:
            return await asyncio.wait_for(super()._download_request(request, spider), self.limit)
        except TimeoutError:
            await close_page(request.meta.pop("playwright_page", None))
            raise PageStuck(
                f"loading the page took more than {self.limit:g} s "
                "(page_timeout + step_timeout): the page stopped responding"
            ) from None
        except Exception as exc:
            page = request.meta.get("playwright_page")
            if is_crash(exc) and not await self.alive():
                with contextlib.suppress(Exception):  # if not now, at the next crash
                    await self.restart(generation)
                raise BrowserCrashed(f"the browser died: {str(exc).splitlines()[0]}") from exc
            if (
                isinstance(exc, PlaywrightError)
                and page is not None
                and self.navigations.navigated(page)
            ):
                raise PageNavigating(self.navigations.error(page)) from exc
            raise

    async def alive(self) -> bool:
        """Whether the browser and its driver still answer."""
        browser = getattr(self, "browser", None)
        if browser is None or not browser.is_connected():
            return False
        try:
            session = await asyncio.wait_for(browser.new_browser_cdp_session(), CLOSE_TIMEOUT_S)
            await asyncio.wait_for(session.detach(), CLOSE_TIMEOUT_S)
        except Exception:
            return False
        return True

    async def restart(self, generation: int) -> None:
        """Restart Playwright and Chromium, once for all the downloads that saw them die."""
        async with self.restart_lock, self.browser_launch_lock:  # launches wait for it
            if generation != self.generation:
                return
            self.generation += 1
            log.warning("the browser or the Playwright driver died: restarting them")
            await self._close_quietly()
            self.pages = weakref.WeakSet()
            provider = self.browser_provider_cls(self.config)
            await bounded(provider.start(), "starting Playwright", self.step * 2)
            self.browser_provider = provider  # only once it can launch a browser

    async def _close_quietly(self) -> None:
        contexts = [w.context for w in self.context_wrappers.values()]
        self.context_wrappers.clear()
        browser = self.__dict__.pop("browser", None)
        provider = getattr(self, "browser_provider", None)
        closing = [c.close() for c in contexts]
        closing += [browser.close()] if browser is not None else []
        closing += [provider.close()] if provider is not None else []
        for aw in closing:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(aw, CLOSE_TIMEOUT_S)

    async def _close(self) -> None:
        await self._close_quietly()
