"""The browser's route filter (issue #10): one function, :func:`browser_route`, sees
every request a page makes before it leaves the browser (``context.route``), and aborts

- requests the scope decision refuses (:mod:`council_audit.scope`);
- audio and video (large, and not needed to audit), and with ``block_third_party``
  analytics, tag managers, web-font services and video players
  (:mod:`council_audit.thirdparty`);
- main-frame navigations beyond the page's navigation budget (``navigation_budget``:
  two pages that meta-refresh to each other would otherwise load for ever).

It is the place to add other request rules (third-party trackers, say). Redirect hops,
WebSockets and the address actually connected to are checked again by the filtering
proxy (:mod:`council_audit.proxy`), which Playwright's routing cannot see.
"""

from __future__ import annotations

import logging
import weakref
import zlib
from typing import Any

from council_audit import thirdparty
from council_audit.scope import Scope

log = logging.getLogger(__name__)
SKIPPED_RESOURCE_TYPES = ("media",)  # audio and video: large, and not needed to audit


NAVIGATIONS = "council_audit_navigations"  # request.meta key: the crawl's counter
PREFETCHED = "council_audit_prefetched"  # request.meta key: see prefetched()
NOT_PASSED_ON = {"content-encoding", "content-length", "transfer-encoding", "connection",
                 "keep-alive"}  # fmt: skip
NAVIGATED = "not audited: the page navigated by itself"  # how every error below begins


def prefetched(response: Any) -> dict[str, Any]:
    """A plain (Scrapy) response to a page as the browser's answer to the same request:
    the crawl fetches every page without the browser first (re-crawls compare it), and
    the browser is then given that answer instead of asking the site again. The body is
    already decoded, so its encoding and length headers are left out. It is kept
    compressed (:func:`prefetched_body` gives it back): a council's pages wait in Scrapy's
    queue with their bodies between the two fetches, hundreds at once in a large crawl."""
    headers = {}
    for name, values in response.headers.items():
        key = name.decode("latin-1")
        if key.lower() in NOT_PASSED_ON:
            continue
        joiner = "\n" if key.lower() == "set-cookie" else ", "  # Playwright's convention
        headers[key] = joiner.join(v.decode("latin-1") for v in values)
    return {"status": response.status, "headers": headers, "zbody": zlib.compress(response.body, 1)}


def prefetched_body(ready: dict[str, Any]) -> bytes:
    """The body kept by :func:`prefetched`."""
    return zlib.decompress(ready["zbody"])


class NavigationCounter:
    """Main-frame navigations of each tab since it began loading its current URL."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.counts: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()

    def start(self, page: Any) -> None:
        self.counts[page] = 0

    def allow(self, page: Any) -> bool:
        """Count one navigation; the first load plus ``budget`` more are allowed."""
        self.counts[page] = self.counts.get(page, 0) + 1
        return self.counts[page] <= self.budget + 1

    def exhausted(self, page: Any) -> bool:
        return self.counts.get(page, 0) > self.budget + 1

    def navigated(self, page: Any) -> bool:
        """Whether the page navigated by itself after its first load began."""
        return self.counts.get(page, 0) > 1

    def explain_failure(self, page: Any, snapshot: Any) -> None:
        """After a failed audit (``check`` or the crawl): when the page had navigated by
        itself, that is the reason recorded, not the browser error it caused."""
        if self.navigated(page):
            snapshot.error, snapshot.axe = self.error(page), None

    def error(self, page: Any) -> str:
        if self.exhausted(page):
            return (
                f"{NAVIGATED} (meta refresh or script) more than {self.budget} times "
                "(navigation_budget)"
            )
        return f"{NAVIGATED} (meta refresh or script) while audited"


def refusal(
    request: Any,
    scope: Scope | None,
    navigations: NavigationCounter | None,
    block_third_party: bool = False,
) -> str | None:
    """Why ``request`` (a Playwright request) must not leave the browser, or None. Only
    the synchronous part of the scope decision runs here (no DNS): the proxy resolves
    and checks every host name."""
    url = request.url
    if request.resource_type in SKIPPED_RESOURCE_TYPES:
        return "audio and video are not needed to audit"
    if block_third_party:
        tracker = thirdparty.blocked(url)
        if tracker:
            return tracker
    if scope is not None and url.startswith(("http:", "https:", "ws:", "wss:")):
        reason = scope.check_static(url.replace("ws", "http", 1) if url.startswith("ws") else url)
        if reason:
            return reason
    if navigations is not None and request.is_navigation_request():
        try:
            frame = request.frame
            main = frame.parent_frame is None
        except Exception:  # a service worker's request has no frame
            return None
        if main and not navigations.allow(frame.page):
            return "navigation_budget exhausted"
    return None


async def browser_route(
    route: Any,
    request: Any,
    scope: Scope | None,
    navigations: NavigationCounter | None,
    block_third_party: bool = False,
) -> None:
    """A ``context.route("**", ...)`` handler: abort refused requests, pass the others on
    (``fallback``, so that other handlers still see them)."""
    reason = refusal(request, scope, navigations, block_third_party)
    if reason:
        log.info("blocked %s: %s", request.url[:200], reason)
        await route.abort("blockedbyclient")
        return
    await route.fallback()
