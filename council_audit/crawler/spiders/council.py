"""The council spider: from each council's homepage, breadth-first over in-site links and
sitemaps, within the page budget and depth limit. It decides what to fetch and records
what happened; rendering and checking happen in the middleware and pipelines."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from council_audit.collect import PageSnapshot, first_line
from council_audit.crawler import urls
from council_audit.crawler.items import PageItem
from council_audit.settings import Settings

log = logging.getLogger(__name__)
MAX_SITEMAPS = 20  # sitemap files read per council, indexes included


@dataclass
class CouncilState:
    """What the spider knows of one council during the crawl."""

    code: str
    homepage: str
    budget: int
    hosts: set[str] = field(default_factory=set)
    scheduled: set[str] = field(default_factory=set)
    sitemaps_read: int = 0

    def take(self, url: str) -> bool:
        """Reserve a place in the budget for ``url``; False if seen or no room left."""
        key = urls.canonical(url)
        if key in self.scheduled or len(self.scheduled) >= self.budget:
            return False
        self.scheduled.add(key)
        return True

    def give_back(self, url: str) -> None:
        self.scheduled.discard(urls.canonical(url))


class CouncilSpider(Spider):
    name = "council"

    def __init__(self, councils: list[dict[str, Any]], audit_settings: Settings, **kw: Any) -> None:
        super().__init__(**kw)
        self.audit_settings = audit_settings
        self.councils = {
            c["code"]: CouncilState(
                code=c["code"],
                homepage=c["homepage_url"],
                budget=audit_settings.page_budget,
                hosts={urls.host_of(c["homepage_url"])} | set(c.get("extra_hosts") or ()),
            )
            for c in councils
        }

    async def start(self) -> AsyncIterator[Request]:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[Request]:
        for state in self.councils.values():
            request = self.page_request(state, state.homepage, depth=0, referer=None)
            if request is not None:
                yield request
            if self.audit_settings.use_sitemaps:
                origin = urls.origin_of(state.homepage)
                yield self.plain(state, origin + "/robots.txt", self.parse_robots)
                yield self.plain(state, origin + "/sitemap.xml", self.parse_sitemap)

    # --- requests ---------------------------------------------------------------------
    def page_request(
        self, state: CouncilState, url: str, depth: int, referer: str | None
    ) -> Request | None:
        reason = urls.refused_reason(url, self.audit_settings.allow_loopback)
        if reason:
            log.info("not crawling %s: %s", url, reason)
            return None
        if urls.is_skipped(url) or not state.take(url):
            return None
        render = not urls.is_document(url)
        return Request(
            url,
            callback=self.parse_page,
            errback=self.page_failed,
            priority=-depth,
            meta={
                "council": state.code,
                "depth": depth,
                "referer_url": referer,
                "original_url": url,
                "playwright": render,
                "download_slot": state.code,
            },
        )

    def plain(self, state: CouncilState, url: str, callback: Any) -> Request:
        """A request fetched without the browser (robots.txt, sitemaps)."""
        return Request(
            url,
            callback=callback,
            errback=self.ignore_failure,
            priority=1,
            dont_filter=True,
            meta={"council": state.code, "download_slot": state.code, "depth": 0},
        )

    # --- callbacks --------------------------------------------------------------------
    def parse_page(self, response: Response) -> Iterator[PageItem | Request]:
        state = self.councils[response.meta["council"]]
        depth = response.meta["depth"]
        snapshot = response.meta.get("snapshot") or _plain_snapshot(response)
        if response.status >= 400 and not snapshot.error:
            snapshot.error = f"HTTP {response.status}"
        yield PageItem(state.code, depth, response.meta.get("referer_url"), snapshot)
        if snapshot.error or not isinstance(response, TextResponse):
            return
        if not snapshot.content_type.endswith("html"):
            return
        if urls.host_of(response.url) not in state.hosts:
            return  # redirected off the council's site: recorded, not followed
        limit = self.audit_settings.depth_limit
        if limit and depth >= limit:
            return
        for href in response.css("a[href]::attr(href), area[href]::attr(href)").getall():
            url = urljoin(response.url, href.strip())
            if urls.host_of(url) in state.hosts:
                request = self.page_request(state, url, depth + 1, response.url)
                if request is not None:
                    yield request

    def parse_robots(self, response: Response) -> Iterator[Request]:
        state = self.councils[response.meta["council"]]
        if not isinstance(response, TextResponse):
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            yield self.plain(state, url, self.parse_sitemap)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        state = self.councils[response.meta["council"]]
        state.sitemaps_read += 1
        if state.sitemaps_read > MAX_SITEMAPS or response.status != 200:
            return
        try:
            sitemap = Sitemap(response.body)
        except Exception:  # not XML, or not a sitemap: nothing to follow
            log.info("%s is not a readable sitemap", response.url)
            return
        for entry in sitemap:
            loc = entry.get("loc", "").strip()
            if not loc or urls.host_of(loc) not in state.hosts:
                continue
            if sitemap.type == "sitemapindex":
                yield self.plain(state, loc, self.parse_sitemap)
            else:
                request = self.page_request(state, loc, 1, response.url)
                if request is not None:
                    yield request

    def page_failed(self, failure: Failure) -> Iterator[PageItem]:
        request = failure.request  # type: ignore[attr-defined]
        state = self.councils[request.meta["council"]]
        if failure.check(IgnoreRequest):  # robots.txt said no: not ours to record
            state.give_back(request.url)
            return
        snapshot = PageSnapshot(url=request.meta.get("original_url", request.url))
        snapshot.error = f"{failure.type.__name__}: {first_line(str(failure.value))}"
        response = getattr(failure.value, "response", None)
        if response is not None:
            snapshot.status = response.status
            snapshot.final_url = response.url
        yield PageItem(state.code, request.meta["depth"], request.meta.get("referer_url"), snapshot)

    def ignore_failure(self, failure: Failure) -> None:
        log.debug("ignored: %s", failure.getErrorMessage())


def _plain_snapshot(response: Response) -> PageSnapshot:
    """A response that was not rendered (a document, an error status)."""
    from council_audit.crawler.middlewares import snapshot_from_response

    return snapshot_from_response(response.request, response)  # type: ignore[arg-type]
