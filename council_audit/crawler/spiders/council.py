"""The council spider: a GDS-style sample of each council's site, chosen in rounds by
:class:`~council_audit.crawler.frontier.Frontier` (required pages, the previous run's
sample, then breadth-first from links and sitemaps), then documents linked from it.
It decides what to fetch and records what happened; rendering and checking happen in
the middlewares and pipelines. The frontier is saved before each page is recorded, so a
killed crawl resumes with no page lost or fetched twice.

A few councils are crawled at once (``councils_at_once``); the next starts when one
finishes, so councils complete one after another."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest, StopDownload
from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from council_audit.collect import PageSnapshot, first_line
from council_audit.crawler import sample, urls
from council_audit.crawler.changes import audit_key
from council_audit.crawler.frontier import Candidate, Frontier
from council_audit.crawler.handler import BrowserCrashed, PageNavigating
from council_audit.crawler.items import CouncilDone, PageItem
from council_audit.crawler.middlewares import RefusedRequest
from council_audit.crawler.reading import read_page
from council_audit.crawler.revisit import RevisitMixin, note_baseline
from council_audit.documents.evaluate import document_kind, needs_reading
from council_audit.documents.sandbox import inspect_async
from council_audit.guard import PageStuck
from council_audit.register import allowed_hosts
from council_audit.results.crawlstore import CrawlStore
from council_audit.routing import NAVIGATED
from council_audit.settings import Settings
from council_audit.statements.find import looks_like_statement

log = logging.getLogger(__name__)
MAX_SITEMAPS = 20  # sitemap files read per council, indexes included
ROBOTS_MAX_BYTES = 500 * 1024  # Google reads the first 500 KiB of a robots.txt
DOCUMENT_TYPES = ("application/pdf", "application/msword", "application/vnd.")
OWN_ERRORS = (RefusedRequest, PageStuck, PageNavigating, BrowserCrashed)


@dataclass
class CouncilState:
    """One council during the crawl."""

    code: str
    homepage: str
    hosts: set[str]
    frontier: Frontier
    slot: str = ""  # Scrapy's download slot: shared by councils on one website
    plain_inflight: int = 0
    sitemaps_read: int = 0
    started: bool = False
    finished: bool = False
    resumed: bool = False
    previous: dict[str, dict[str, Any]] = field(default_factory=dict)  # last run's pages
    resources: dict[str, Any] = field(default_factory=dict)  # stylesheets/scripts seen

    def busy(self) -> bool:
        return self.plain_inflight > 0 or bool(self.frontier.pending())


class CouncilSpider(RevisitMixin, Spider):
    name = "council"
    store: CrawlStore
    run_id: str

    def __init__(
        self,
        councils: list[dict[str, Any]],
        audit_settings: Settings,
        resume: bool = False,
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        self.audit_settings = audit_settings
        self.resume = resume
        self.councils: dict[str, CouncilState] = {}
        slots: dict[str, str] = {}  # homepage site host -> the first council's code
        for c in councils:
            hosts = allowed_hosts(c, audit_settings)
            frontier = Frontier(c["code"], c["homepage_url"], hosts, audit_settings)
            slot = slots.setdefault(urls.site_host(c["homepage_url"]), c["code"])
            self.councils[c["code"]] = CouncilState(
                c["code"], c["homepage_url"], hosts, frontier, slot
            )
        self.waiting = list(self.councils)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> CouncilSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.store = CrawlStore(crawler.settings["COUNCIL_AUDIT_DB"])
        spider.run_id = crawler.settings["COUNCIL_AUDIT_RUN_ID"]
        spider.audit_key = audit_key(spider.store.db["runs"].get(spider.run_id))
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_bytes, signal=signals.bytes_received)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        return spider

    # --- starting councils --------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request | CouncilDone]:
        for _ in range(self.audit_settings.councils_at_once):
            for out in self.start_next():
                yield out

    def start_next(self) -> Iterator[Request | CouncilDone]:
        """Start the next waiting council (nothing when none is left)."""
        while self.waiting:
            state = self.councils[self.waiting.pop(0)]
            out = list(self.open_council(state))
            if out:
                yield from out
                return

    def open_council(self, state: CouncilState) -> Iterator[Request | CouncilDone]:
        s = self.audit_settings
        record = self.store.council_crawl(self.run_id, state.code) if self.resume else None
        if record and record["status"] == "complete":
            state.finished = True
            return
        state.started = True
        if s.reuse_unchanged:
            state.previous = self.store.previous_changes(state.code, self.run_id)
        if record:
            rows, saved = self.store.load_frontier(self.run_id, state.code)
            state.frontier.restore(rows, saved, self.store.done_urls(self.run_id, state.code))
            state.resumed = True
        else:
            state.frontier.add_previous(self.store.previous_sample(state.code, self.run_id))
        self.store.council_started(
            self.run_id, state.code, s.page_budget, s.document_limit, state.hosts
        )
        frontier = state.frontier
        if frontier.wave == 0:
            frontier.start()
            if s.use_sitemaps:
                origin = urls.origin_of(state.homepage)
                # read up to ROBOTS_MAX_BYTES (on_bytes), with no size cap before the body:
                # a Content-Length over max_response_bytes would cancel it at once
                yield self.plain(state, origin + "/robots.txt", self.parse_robots,
                                 read_first=ROBOTS_MAX_BYTES, download_maxsize=0)  # fmt: skip
                yield self.plain(state, origin + "/sitemap.xml", self.parse_sitemap)
        self.save(state)
        pending = frontier.pending()
        yield from (self.request_for(state, c) for c in sorted(pending, key=lambda c: c.rank or 0))
        if not pending and not state.plain_inflight:
            yield from self.advance(state)

    # --- requests -----------------------------------------------------------------------
    def request_for(self, state: CouncilState, c: Candidate) -> Request:
        """A page is first fetched without the browser (see :mod:`..revisit`)."""
        request = self.page_request(state, c)
        if c.kind != "page":
            return request
        return self.probe_request(state, c, request.meta)

    def page_request(self, state: CouncilState, c: Candidate) -> Request:
        page = c.kind == "page"
        meta = {
            "council": state.code,
            "url_key": urls.canonical(c.url),
            "original_url": c.url,
            "playwright": page,
            "download_slot": state.slot,
            "allowed_hosts": state.hosts,
        }
        if not page:
            meta["download_maxsize"] = self.audit_settings.document_max_bytes
        return Request(
            c.url,
            callback=self.parse_page if page else self.parse_document,
            errback=self.failed,
            dont_filter=True,
            meta=meta,
        )

    def plain(self, state: CouncilState, url: str, callback: Any, **meta: Any) -> Request:
        """A request fetched without the browser (robots.txt, sitemaps)."""
        state.plain_inflight += 1
        meta.update(council=state.code, download_slot=state.slot, allowed_hosts=state.hosts)
        return Request(url, callback=callback, errback=self.plain_failed, dont_filter=True,
                       meta=meta)  # fmt: skip

    def on_bytes(self, data: bytes, request: Request, spider: Spider) -> None:
        """A robots.txt is read up to ROBOTS_MAX_BYTES, as Google reads it: the download
        stops there and the rest is ignored (a 30 MB robots.txt was cancelled at
        max_response_bytes, and the sitemaps it named were never read)."""
        limit = request.meta.get("read_first")
        if limit:
            seen = request.meta["bytes_seen"] = request.meta.get("bytes_seen", 0) + len(data)
            if seen > limit:
                raise StopDownload(fail=False)

    # --- pages --------------------------------------------------------------------------
    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        state, c = self.lookup(response.request)  # type: ignore[arg-type]
        snapshot = response.meta.get("snapshot") or snapshot_of(response)
        if response.status >= 400 and not snapshot.error:
            snapshot.error = f"HTTP {response.status}"
        item = self.item_for(state, c, snapshot)
        note_baseline(item, response)
        item.redirect = urls.redirect_kind(c.url, response.url, state.hosts)
        self.note_redirect(state, c, item, response.url)
        if snapshot.content_type.startswith(DOCUMENT_TYPES) and response.status < 400:
            item.kind = "document"  # a link that turned out to be a document
            await self.read_document(item, response.body)
        elif is_page(snapshot, response) and item.redirect != "off-site":
            self.read(state, c, item, response)
        for out in self.record(state, c, item):
            yield out

    async def read_document(self, item: PageItem, body: bytes) -> None:
        """Read the document's facts in the sandbox (its own process, with its own limits)
        before the item is recorded: the crawl's event loop goes on meanwhile, and the
        council is not finished (nor its statement judged) before its documents are read."""
        snap = item.snapshot
        kind = document_kind(snap.final_url or snap.url, snap.content_type, body)
        item.document_body = body
        item.document_facts = (
            await inspect_async(kind, body, self.audit_settings) if needs_reading(kind) else {}
        )

    def read(self, state: CouncilState, c: Candidate, item: PageItem, response: Response) -> None:
        reading = read_page(response.text, response.url, self.audit_settings.search_terms)
        other = reading.canonical
        if (
            other
            and urls.host_allowed(other, state.hosts)
            and urls.canonical(other) != urls.canonical(c.url)
        ):
            self.note_alias(state, c, item, other)
        if item.duplicate_of:
            return
        state.frontier.add_reading(c, reading)
        if sample.STATEMENT in c.reasons:
            item.statement = True
            item.recognised = looks_like_statement(reading.title, reading.h1, response.text)
            state.frontier.statement_read(c, item.recognised)

    def note_redirect(self, state: CouncilState, c: Candidate, item: PageItem, final: str) -> None:
        if item.redirect == "off-site":
            host = urls.site_host(final)
            said = item.snapshot.error or ""
            if not (said.startswith("not audited") or "refused address" in said):
                item.snapshot.error = f"redirected to another site ({host}): recorded, not followed"
            item.snapshot.axe = None  # the middleware did not audit it either
        elif item.redirect and not (item.snapshot.error or "").startswith(NAVIGATED):
            # a page that navigated by itself while audited is not a redirect: the server
            # sent it, and it is recorded as not audited, whatever it left for
            if item.redirect == "https-upgrade" and c.via == "home":
                self.store.note_https_upgrade(self.run_id, state.code)
            self.note_alias(state, c, item, final)

    def note_alias(self, state: CouncilState, c: Candidate, item: PageItem, other: str) -> None:
        """``other`` is the same page as ``c``; if it was chosen already, ``c`` is a duplicate."""
        same = state.frontier.alias(other)
        if same is not None and same is not c and same.state == "selected":
            item.duplicate_of = same.url
            item.snapshot.error = (
                f"same page as {same.url} (already in the sample): not audited again"
            )

    async def parse_document(self, response: Response) -> AsyncIterator[Any]:
        state, c = self.lookup(response.request)  # type: ignore[arg-type]
        snapshot = snapshot_of(response)
        item = self.item_for(state, c, snapshot)
        target = response.meta.get("offsite_redirect")
        if target:
            snapshot.final_url = target
            item.redirect = "off-site"
            snapshot.error = (
                f"redirects to another site ({urls.site_host(target)}): recorded, not followed"
            )
        elif response.status >= 400:
            snapshot.error = f"HTTP {response.status}"
        else:
            item.redirect = urls.redirect_kind(c.url, response.url, state.hosts)
            await self.read_document(item, response.body)
        item.statement = sample.STATEMENT in c.reasons
        for out in self.record(state, c, item):
            yield out

    def failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        state, c = self.lookup(request)
        if not self.crawler.crawling:  # shutting down: left pending, fetched on resume
            return
        redirects = "max redirections" in str(failure.value)  # recorded below
        inflated = "during decompression" in str(failure.value)  # a gzip bomb: recorded
        if failure.check(IgnoreRequest) and not (redirects or inflated):  # robots.txt said no
            state.frontier.give_back(c)
            self.save(state)
            yield from self.advance(state)
            return
        snapshot = PageSnapshot(url=c.url)
        if failure.check(*OWN_ERRORS):  # their messages say what happened
            snapshot.error = first_line(str(failure.value))
        elif redirects:
            snapshot.error = "not audited: redirected too many times (a redirect loop)"
        elif inflated:
            snapshot.error = (
                "not audited: the compressed page inflates to more than"
                f" {self.audit_settings.max_response_bytes:,} bytes (max_response_bytes)"
            )
        else:
            snapshot.error = f"{failure.type.__name__}: {first_line(str(failure.value))}"
        response = getattr(failure.value, "response", None)
        if response is not None:
            snapshot.status = response.status
            snapshot.final_url = response.url
        item = self.item_for(state, c, snapshot)
        item.statement = sample.STATEMENT in c.reasons
        yield from self.record(state, c, item)

    def record(self, state: CouncilState, c: Candidate, item: PageItem) -> Iterator[Any]:
        """Save the frontier, then hand the item on (it is stored by the pipelines)."""
        state.frontier.mark_done(c)
        self.save(state)
        yield item
        yield from self.advance(state)

    def item_for(self, state: CouncilState, c: Candidate, snapshot: PageSnapshot) -> PageItem:
        item = PageItem(state.code, c.depth, c.referer, snapshot, kind=c.kind)
        item.selected_because = ", ".join(c.reasons)
        item.link_text = c.texts[0] if c.texts else ""
        item.found_by = item.link_text or f"address ({c.via})"
        return item

    def lookup(self, request: Request) -> tuple[CouncilState, Candidate]:
        state = self.councils[request.meta["council"]]
        c = state.frontier.items[request.meta["url_key"]]
        return state, c

    # --- robots.txt and sitemaps ----------------------------------------------------------
    def parse_robots(self, response: Response) -> Iterator[Any]:
        state = self.councils[response.meta["council"]]
        state.plain_inflight -= 1
        if isinstance(response, TextResponse) and response.status == 200:
            for url in sitemap_urls_from_robots(response.body, base_url=response.url):
                if urls.host_allowed(url, state.hosts):
                    yield self.plain(state, url, self.parse_sitemap)
        yield from self.advance(state)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        state = self.councils[response.meta["council"]]
        state.plain_inflight -= 1
        state.sitemaps_read += 1
        if state.sitemaps_read <= MAX_SITEMAPS and response.status == 200:
            yield from self.read_sitemap(state, response)
        yield from self.advance(state)

    def read_sitemap(self, state: CouncilState, response: Response) -> Iterator[Request]:
        body = response.body
        if body[:2] == b"\x1f\x8b":
            limit = self.audit_settings.max_response_bytes
            try:  # inflated a chunk at a time, and never past max_response_bytes
                body = gunzip(body, max_size=limit)
            except ValueError:  # scrapy's _DecompressionMaxSizeExceeded
                log.warning(
                    "%s inflates to more than %s bytes (max_response_bytes): not read",
                    response.url, f"{limit:,}",
                )  # fmt: skip
                return
            except (OSError, EOFError):
                log.info("%s is not a readable gzip file", response.url)
                return
        try:
            sitemap = Sitemap(body)
        except Exception:  # not XML, or not a sitemap: nothing to follow
            log.info("%s is not a readable sitemap", response.url)
            return
        locs = [e.get("loc", "").strip() for e in sitemap]
        locs = [loc for loc in locs if loc and urls.host_allowed(loc, state.hosts)]
        if sitemap.type == "sitemapindex":
            for loc in locs[:MAX_SITEMAPS]:
                yield self.plain(state, loc, self.parse_sitemap)
        else:
            state.frontier.add_sitemap(locs, response.url)

    def plain_failed(self, failure: Failure) -> Iterator[Any]:
        state = self.councils[failure.request.meta["council"]]  # type: ignore[attr-defined]
        state.plain_inflight -= 1
        log.debug("ignored: %s", failure.getErrorMessage())
        yield from self.advance(state)

    # --- rounds and the end of a council --------------------------------------------------
    def advance(self, state: CouncilState) -> Iterator[Any]:
        """When the council's round is over: the next round, its documents, or its end."""
        if state.finished or state.busy():
            return
        frontier = state.frontier
        while frontier.phase != "done":
            chosen = (
                frontier.next_wave() if frontier.phase == "pages" else frontier.next_documents()
            )
            if chosen:
                self.save(state)
                yield from (self.request_for(state, c) for c in chosen)
                return
            frontier.phase = "documents" if frontier.phase == "pages" else "done"
        self.save(state)
        state.finished = True
        yield CouncilDone(state.code, frontier.traps.skipped)
        yield from self.start_next()

    def save(self, state: CouncilState) -> None:
        f = state.frontier
        self.store.save_frontier(self.run_id, state.code, f.flush(), f.wave, f.state())
        while f.relabelled:  # pages already recorded that answer another reason too
            c = f.relabelled.pop()
            if c.done:
                self.store.relabel(self.run_id, state.code, c.url, c.reasons)

    def on_idle(self, spider: Spider) -> None:
        """A safety net: a council whose requests all vanished still moves on."""
        scheduled = False
        for state in self.councils.values():
            if not state.started or state.finished:
                continue
            if state.plain_inflight:
                log.warning("%s: sitemap requests were never answered", state.code)
                state.plain_inflight = 0
            for c in state.frontier.pending():
                log.warning("%s: %s was never answered; recording it as lost", state.code, c.url)
                snapshot = PageSnapshot(url=c.url, error="request lost by the crawler")
                self.emit(self.item_for(state, c, snapshot))
                state.frontier.mark_done(c)
            self.save(state)
            for out in self.advance(state):
                self.emit(out)
                scheduled = True
        if scheduled:
            raise DontCloseSpider

    def emit(self, out: Any) -> None:
        """Schedule a request, or hand an item to the pipelines, from a signal handler."""
        if isinstance(out, Request):
            self.crawler.engine.crawl(out)  # type: ignore[union-attr]
            return
        carrier = Request("data:,", callback=_pass_on, cb_kwargs={"out": out}, dont_filter=True)
        self.crawler.engine.crawl(carrier)  # type: ignore[union-attr]

    def on_closed(self, spider: Spider, reason: str) -> None:
        self.store.close()

    def progress(self) -> Iterable[tuple[str, int, int, bool]]:
        """(code, pages and documents done, sample size as far as known, finished) of
        each council started so far. The sample is every page found, up to the page
        budget, plus every document found, up to the document limit."""
        budget, documents = self.audit_settings.page_budget, self.audit_settings.document_limit
        for state in self.councils.values():
            if state.started:
                found = state.frontier.items.values()
                items = [c for c in found if c.state in ("selected", "candidate")]
                pages = sum(1 for c in items if c.kind == "page")
                docs = len(items) - pages
                done = sum(1 for c in items if c.done)
                expected = min(pages, budget) + min(docs, documents)
                yield state.code, done, max(expected, done), state.finished


def _pass_on(response: Response, out: Any) -> Iterator[Any]:
    yield out


def is_page(snapshot: PageSnapshot, response: Response) -> bool:
    """An HTML page whose links can be read (even if it could not be audited)."""
    return (
        isinstance(response, TextResponse)
        and response.status < 400
        and snapshot.content_type.endswith("html")
    )


def snapshot_of(response: Response) -> PageSnapshot:
    """A response that was not rendered (a document, an error status)."""
    from council_audit.crawler.middlewares import snapshot_from_response

    return snapshot_from_response(response.request, response)  # type: ignore[arg-type]
