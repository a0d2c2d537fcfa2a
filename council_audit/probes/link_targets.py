"""Where links that share a name really go: for links with the same accessible name but
different addresses (the groups ``link-text-ambiguous`` looks at), fetch each address
from inside the page and record its status, its final address after redirects
(including an immediate ``<meta http-equiv="refresh">``), its content type and a digest
of its text. Two addresses that end at the same place, or serve the same text, are one
resource to the person following the link.

This makes requests the crawl did not plan, to a council's site, so it is bounded:

- only addresses on the page's own origin, over http(s), and only for groups whose every
  address can be fetched (a group with a link to another site is reported anyway, so
  fetching the rest would tell nothing);
- at most ``link_target_fetches`` addresses per page (default 6), a group being fetched
  whole or not at all;
- one request at a time, each given up after 5 s, plus at most one refresh hop;
- each address is fetched once per crawl: its result is remembered for 15 minutes and
  used for every page that links to it (the same header and footer links are on every
  page), and remembered addresses do not count towards the cap;
- ``cache: "force-cache"``: an address the browser already holds is taken from its cache
  (where the context has one: Playwright turns the HTTP cache off when requests are
  routed, as scrapy-playwright does);
- the crawler's own User-Agent and cookies, like any request from the page it renders;
- robots.txt is obeyed as the crawl obeys it (``obey_robots``): the site's robots.txt is
  read once (remembered like the results) and disallowed addresses are not fetched.

Addresses not fetched (another origin, over the cap, an error) are left out: the check
treats them as unknown.
"""

from __future__ import annotations

import asyncio
import time
from functools import cache
from typing import Any
from urllib.parse import urldefrag, urlsplit
from urllib.robotparser import RobotFileParser

from playwright.async_api import Page

from council_audit.checks.common.link_groups import same_name_groups
from council_audit.checks.common.links import destination, page_links
from council_audit.checks.common.page import PageView
from council_audit.facts import common_js

NAME = "link_targets"
ORDER = 20
TIMEOUT_S = 5.0
MAX_BYTES = 5_000_000  # larger responses are not read (their text is unknown)
MIN_MAIN_CHARS = 20  # a shorter <main> (a placeholder a script fills) gives no digest
MEMO_SECONDS = 900.0  # results reused for other pages of the crawl for this long
MEMO_SIZE = 2000
_MEMO: dict[str, tuple[float, dict[str, Any]]] = {}  # address -> (when, result)

FETCH_SCRIPT = """
async ([url, timeoutMs, maxBytes, minMain]) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const get = (u) => fetch(u, {
    credentials: 'same-origin', redirect: 'follow', cache: 'force-cache', signal: controller.signal,
  });
  const squash = (t) => (t || '').replace(/\\s+/g, ' ').trim();
  const refreshOf = (doc) => {
    for (const meta of doc.querySelectorAll('meta[http-equiv]')) {
      if (meta.getAttribute('http-equiv').trim().toLowerCase() !== 'refresh') continue;
      const m = /^\\s*(\\d+)(?:\\.\\d*)?\\s*(?:[;,]\\s*(?:url\\s*=\\s*)?(.*))?$/i.exec(meta.content || '');
      const target = m && m[2] ? m[2].trim().replace(/^['"]|['"]$/g, '').trim() : '';
      if (m && Number(m[1]) <= 1 && target) return target;
    }
    return null;
  };
  const read = async (res) => {
    const type = (res.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
    const out = { status: res.status, final_url: res.url, content_type: type };
    const size = Number(res.headers.get('content-length') || 0);
    const textual = /^text\\/|[+/]xml$|^application\\/xhtml/.test(type);
    if (!res.ok || !textual || size > maxBytes) return out;
    const text = await res.text();
    if (!/html/.test(type)) {
      const plain = squash(text);
      if (plain) out.digest = textDigest(plain);
      return out;
    }
    const doc = new DOMParser().parseFromString(text, 'text/html');
    const refresh = refreshOf(doc);
    if (refresh) out.refresh = refresh;
    doc.querySelectorAll('script, style, noscript, template').forEach((el) => el.remove());
    const body = squash(doc.body ? doc.body.textContent : '');
    if (body) out.digest = textDigest(squash(doc.title) + '\\n' + body);
    const main = doc.querySelectorAll('main, [role="main"]');
    const mainText = main.length === 1 ? squash(main[0].textContent) : '';
    if (mainText.length >= minMain) out.main_digest = textDigest(mainText);
    return out;
  };
  try {
    let out = await read(await get(url));
    if (out.refresh) {
      const next = new URL(out.refresh, out.final_url);
      const first = out.final_url;
      if (next.origin !== location.origin) {
        out = { status: out.status, final_url: next.href, content_type: out.content_type };
      } else if (next.href.split('#')[0] !== first.split('#')[0]) {
        out = await read(await get(next.href));
        delete out.refresh;
      }
      out.refreshed_from = first;
    }
    return out;
  } catch (e) {
    return { error: String((e && e.name) || e) };
  } finally {
    clearTimeout(timer);
  }
}
"""


async def run(page: Page, snapshot: Any, settings: Any) -> dict[str, Any]:
    links = page_links(PageView(url=snapshot.url, html="", facts=snapshot.facts))
    if links is None:
        return {"error": "no links fact"}
    cap = settings.link_target_fetches
    remembered = _remembered() if cap else {}
    wanted, skipped = addresses_to_fetch(links, page.url, cap, frozenset(remembered))
    targets: dict[str, Any] = {}
    fetched = 0
    robots = await _robots(page, settings) if wanted and settings.obey_robots else None
    for url in wanted:
        if robots is not None and not robots.can_fetch(settings.user_agent_string(), url):
            continue  # left out: the check treats it as unknown
        if url not in remembered:
            remembered[url] = await fetch(page, url)
            _MEMO.pop(url, None)  # re-inserted last: the oldest are forgotten first
            _MEMO[url] = (time.monotonic(), remembered[url])
            fetched += 1
        targets[url] = remembered[url]
    _forget_oldest()
    return {"targets": targets, "fetched": fetched, "groups_skipped": skipped, "cap": cap}


def addresses_to_fetch(
    links: list, page_url: str, cap: int, known: frozenset[str] = frozenset()
) -> tuple[list[str], int]:
    """One address per destination of each same-name group, whole groups only, at most
    ``cap`` of them not ``known`` already; and how many groups were left out (a link to
    another origin, over the cap)."""
    origin = _origin(page_url)
    wanted: dict[str, str] = {}  # destination -> address to fetch
    spent, skipped = 0, 0
    for group in same_name_groups(links).values():
        needed: dict[str, str] = {}
        for link in group:
            key = destination(link.href)
            if key not in wanted:
                needed.setdefault(key, urldefrag(link.href)[0])
        cost = sum(1 for url in needed.values() if url not in known)
        same_origin = all(_origin(link.href) == origin for link in group)
        if not same_origin or spent + cost > cap:
            skipped += 1
            continue
        wanted.update(needed)
        spent += cost
    return list(wanted.values()), skipped


@cache
def fetch_script() -> str:
    """FETCH_SCRIPT with _common.js (textDigest) in scope."""
    return f"async (args) => {{ {common_js()}\n return await ({FETCH_SCRIPT})(args); }}"


async def fetch(page: Page, url: str) -> dict[str, Any]:
    """Status, final address, content type and text digests of ``url``, fetched in the page."""
    args = [url, int(TIMEOUT_S * 1000), MAX_BYTES, MIN_MAIN_CHARS]
    try:
        return await asyncio.wait_for(page.evaluate(fetch_script(), args), TIMEOUT_S + 2)
    except TimeoutError:
        return {"error": "timed out"}


_ROBOTS: dict[str, tuple[float, RobotFileParser]] = {}  # origin -> (when, rules)
ROBOTS_SCRIPT = """
async (timeoutMs) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch('/robots.txt', { credentials: 'omit', signal: controller.signal });
    return { status: res.status, text: res.ok ? (await res.text()).slice(0, 500000) : '' };
  } catch (e) {
    return { status: 0, text: '' };
  } finally {
    clearTimeout(timer);
  }
}
"""


async def _robots(page: Page, settings: Any) -> RobotFileParser:
    """The page's site's robots.txt rules, read once per ``MEMO_SECONDS``. As for the
    crawl: no robots.txt (4xx) allows everything; one that cannot be read (5xx, network
    error) allows nothing."""
    origin = "://".join(_origin(page.url) or ("", ""))
    known = _ROBOTS.get(origin)
    if known and time.monotonic() - known[0] < MEMO_SECONDS:
        return known[1]
    try:
        got = await asyncio.wait_for(
            page.evaluate(ROBOTS_SCRIPT, int(TIMEOUT_S * 1000)), TIMEOUT_S + 2
        )
    except TimeoutError:
        got = {"status": 0, "text": ""}
    rules = RobotFileParser()
    if 200 <= got["status"] < 300:
        rules.parse(got["text"].splitlines())
    elif 400 <= got["status"] < 500:
        rules.allow_all = True
    else:
        rules.disallow_all = True
    _ROBOTS[origin] = (time.monotonic(), rules)
    return rules


def _remembered() -> dict[str, dict[str, Any]]:
    """Results of the last ``MEMO_SECONDS`` (the same header and footer links are on
    every page of a site: each address is fetched once per crawl, not once per page)."""
    now = time.monotonic()
    return {url: result for url, (at, result) in _MEMO.items() if now - at < MEMO_SECONDS}


def _forget_oldest() -> None:
    while len(_MEMO) > MEMO_SIZE:
        _MEMO.pop(next(iter(_MEMO)))


def _origin(url: str) -> tuple[str, str] | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    return parts.scheme, parts.netloc.lower()
