"""The spider's side of re-crawls that audit only what changed.

Each page is first fetched without the browser (a conditional request when the previous
run gave validators). If it, its stylesheets and scripts and the audit are all the same
as in the council's last complete run (:mod:`council_audit.crawler.changes`), the
previous findings are carried forward and the browser never opens it; otherwise the page
is rendered and audited as usual. Either way what this run saw is recorded for the next
one (``page_changes``)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.http import Response, TextResponse

from council_audit.collect import PageSnapshot
from council_audit.crawler import changes, sample, urls
from council_audit.crawler.middlewares import is_html
from council_audit.routing import PREFETCHED, prefetched

if TYPE_CHECKING:
    from council_audit.crawler.frontier import Candidate
    from council_audit.crawler.items import PageItem
    from council_audit.crawler.spiders.council import CouncilState


class RevisitMixin:
    """Mixed into :class:`~council_audit.crawler.spiders.council.CouncilSpider`."""

    audit_key: str | None

    def probe_request(self, state: CouncilState, c: Candidate, meta: dict[str, Any]) -> Request:
        """The page fetched without the browser, conditionally when that is safe."""
        prev = state.previous.get(urls.canonical(c.url))
        # a 304 has no body: the statement's text and the page's links are read from it,
        # and a page that will be audited anyway (--fresh) is given its body to render
        conditional = (
            prev
            and self.audit_settings.reuse_unchanged  # type: ignore[attr-defined]
            and sample.STATEMENT not in c.reasons
        )
        return Request(
            c.url,
            callback=self.parse_probe,
            errback=self.failed,  # type: ignore[attr-defined]
            dont_filter=True,
            headers=changes.conditional_headers(prev) if conditional else None,
            meta={**meta, "playwright": False, "probe": True},  # HTTPERROR_ALLOW_ALL: 304s too
        )

    async def parse_probe(self, response: Response) -> AsyncIterator[Any]:
        state, c = self.lookup(response.request)  # type: ignore[attr-defined]
        prev = state.previous.get(urls.canonical(c.url))
        if response.status == 304 and prev:
            seen = {**changes.validators(response.headers)}
            seen = {k: seen[k] or prev[k] for k in seen}
            seen["html_digest"] = prev["html_digest"]
            addresses = [r["url"] for r in prev["resources"]]
        elif self.plain_html(response):
            seen = {
                **changes.validators(response.headers),
                "html_digest": changes.html_digest(response.body),
            }
            addresses = changes.page_resources(response.text, response.url)
        elif response.status >= 400:  # recorded as it is: the browser would not audit it
            async for out in self.parse_page(response):  # type: ignore[attr-defined]
                yield out
            return
        else:  # a redirect, or not HTML: rendered and recorded as before
            yield self.render_request(state, c, None)
            return
        known = {r["url"]: r for r in (prev or {}).get("resources", [])}
        resources = [await self.resource(state, url, known.get(url)) for url in addresses]
        baseline = {
            **seen,
            "run_id": self.run_id,  # type: ignore[attr-defined]
            "council_code": state.code,
            "url": c.url,
            "resources": resources,
            "audit_key": self.audit_key,
        }
        if not self.unchanged(prev, baseline):
            request = self.render_request(state, c, baseline)
            if (  # the browser is given this answer (one request), unless it redirected
                response.status == 200
                and not response.meta.get("redirect_urls")
                and response.url == request.url
                # or came later than the browser may wait (a busy reactor can let a
                # slow answer through): then the browser asks, and times out, as before
                and response.meta.get("download_latency", 0) <= self.audit_settings.page_timeout  # type: ignore[attr-defined]
            ):
                request.meta[PREFETCHED] = prefetched(response)
            yield request
            return
        for out in self.carry(state, c, prev, baseline, response):  # type: ignore[arg-type]
            yield out

    def plain_html(self, response: Response) -> bool:
        request_url = response.request.url if response.request else response.url
        return (
            isinstance(response, TextResponse)
            and response.status == 200
            and is_html(response)
            and urls.canonical(response.url) == urls.canonical(request_url)
        )

    def unchanged(self, prev: dict[str, Any] | None, now: dict[str, Any]) -> bool:
        if not prev or not self.audit_settings.reuse_unchanged:  # type: ignore[attr-defined]
            return False
        before = [(r["url"], r.get("digest")) for r in prev["resources"]]
        after = [(r["url"], r.get("digest")) for r in now["resources"]]
        return (
            now["audit_key"] is not None
            and prev["audit_key"] == now["audit_key"]
            and prev["html_digest"] == now["html_digest"]
            and before == after
            and all(digest for _, digest in after)
        )

    def carry(
        self,
        state: CouncilState,
        c: Candidate,
        prev: dict[str, Any],
        baseline: dict[str, Any],
        response: Response,
    ) -> Iterator[Any]:
        snapshot = PageSnapshot(url=c.url, final_url=response.url, status=200)
        item = self.item_for(state, c, snapshot)  # type: ignore[attr-defined]
        item.carried_page = prev["prev_page_id"]
        item.baseline = baseline
        if response.status == 200:
            snapshot.html = response.text
            self.read(state, c, item, response)  # type: ignore[attr-defined]
        yield from self.record(state, c, item)  # type: ignore[attr-defined]

    async def resource(
        self, state: CouncilState, url: str, prev: dict[str, Any] | None
    ) -> dict[str, Any]:
        """A stylesheet or script as it is now: its validators and the digest of its bytes
        (``None`` when it could not be fetched). Fetched once per council and run."""
        task = state.resources.get(url)
        if task is None:
            task = asyncio.ensure_future(self._fetch_resource(state, url, prev))
            state.resources[url] = task
        return await task

    async def _fetch_resource(
        self, state: CouncilState, url: str, prev: dict[str, Any] | None
    ) -> dict[str, Any]:
        settings = self.audit_settings  # type: ignore[attr-defined]
        out: dict[str, Any] = {"url": url, "etag": None, "last_modified": None, "digest": None}
        if urls.refused_reason(url, settings.allow_loopback):
            return out
        same_site = urls.host_allowed(url, state.hosts)
        request = Request(
            url,
            headers=changes.conditional_headers(prev),
            dont_filter=True,
            meta={
                "download_slot": state.slot if same_site else urls.site_host(url),
                "download_maxsize": settings.max_response_bytes,
                "handle_httpstatus_all": True,
                "dont_obey_robotstxt": True,  # the browser loads it whatever robots.txt says
                "dont_redirect": True,
            },
        )
        try:
            response = await self.crawler.engine.download_async(request)  # type: ignore[attr-defined]
        except Exception:  # unreachable now: the pages using it are audited again
            return out
        out.update(changes.validators(response.headers))
        if response.status == 304 and prev:
            out.update({k: out[k] or prev.get(k) for k in ("etag", "last_modified")})
            out["digest"] = prev.get("digest")
        elif response.status == 200:
            out["digest"] = changes.body_digest(response.body)
        return out

    def render_request(
        self, state: CouncilState, c: Candidate, baseline: dict[str, Any] | None
    ) -> Request:
        request = self.page_request(state, c)  # type: ignore[attr-defined]
        request.meta["baseline"] = baseline
        return request


def note_baseline(item: PageItem, response: Response) -> None:
    """Hand the probe's record of a rendered page on to the pipelines."""
    item.baseline = response.meta.get("baseline")
