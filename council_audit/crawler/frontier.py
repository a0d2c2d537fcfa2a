"""Choosing one council's sample, in rounds ("waves"), so that the same site gives the
same sample from run to run.

Every URL found (by link, sitemap, search form, or the council's previous run) is a
:class:`Candidate` with a breadth-first sort key: (depth, source, parent rank, link
index). Wave 0 is the home page and the sitemaps. Each later wave starts only when the
previous one is done, and takes, in this order:

1. the required pages not found yet (contact, accessibility statement, search results,
   top tasks, a form): the best link-text or URL match, then the lowest key; a URL that
   held the same reason in the previous run is preferred;
2. pages sampled in the previous run (they keep their place, so runs compare);
3. candidates of the shallowest depth left, lowest key first (breadth-first).

Room is kept for required pages not found yet while there is still somewhere to look.
When the page budget is spent or nothing is left, documents linked from the sample are
chosen the same way, up to the document limit. No Scrapy here: the spider turns choices
into requests, and the frontier's changes are saved so a killed crawl resumes exactly.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from council_audit.crawler import sample, urls
from council_audit.crawler.reading import MAX_LINKS, PageReading
from council_audit.crawler.traps import TrapGuard
from council_audit.settings import Settings

SITEMAP_DEPTH = 2
FILL_REASONS = frozenset({sample.LINK, sample.SITEMAP})
STATEMENT_TRIES = 3
Key = tuple[Any, ...]


@dataclass
class Candidate:
    url: str
    key: Key
    depth: int
    kind: str = "page"  # page | document
    via: str = "link"  # home | link | sitemap | search-form | previous
    referer: str | None = None
    texts: list[str] = field(default_factory=list)
    state: str = "candidate"  # candidate | selected | alias | blocked
    reasons: list[str] = field(default_factory=list)
    prev_reasons: list[str] = field(default_factory=list)
    rank: int | None = None
    wave: int | None = None
    done: bool = False
    has_form: bool = False

    @property
    def pinned(self) -> bool:
        """Sampled in the previous run to fill the budget: keeps its place."""
        return bool(self.prev_reasons) and set(self.prev_reasons) <= FILL_REASONS

    @property
    def pending(self) -> bool:
        return self.state == "selected" and not self.done


class Frontier:
    """What one council's crawl has found, chosen and done."""

    def __init__(self, code: str, homepage: str, hosts: set[str], settings: Settings) -> None:
        self.code = code
        self.homepage = homepage
        self.hosts = hosts
        self.settings = settings
        self.items: dict[str, Candidate] = {}
        self.traps = TrapGuard(settings)
        self.required = sample.required_reasons(settings.sample_top_tasks)
        self.resolved: dict[str, str] = {}
        self.tried: dict[str, list[str]] = {}
        self.form_seen = False
        self.released = False
        self.wave = 0
        self.next_rank = 0
        self.phase = "pages"  # pages | documents | done
        self.changed: dict[str, Candidate] = {}
        self.relabelled: list[Candidate] = []

    # --- finding --------------------------------------------------------------------------
    def consider(
        self,
        url: str,
        key: Key,
        depth: int,
        via: str = "link",
        referer: str | None = None,
        text: str = "",
    ) -> Candidate | None:
        """Add ``url`` as a candidate (or improve its key); None when it is not for us."""
        url = urls.strip_session(url)
        if urls.refused_reason(url, self.settings.allow_loopback) or urls.is_skipped(url):
            return None
        if not urls.host_allowed(url, self.hosts):
            return None
        kind = "document" if urls.is_document(url) else "page"
        limit = self.settings.depth_limit
        if kind == "page" and limit and depth > limit:
            return None
        if self.traps.refusal(url):
            self.traps.skipped += 1
            return None
        k = urls.canonical(url)
        found = self.items.get(k)
        if found is None:
            found = Candidate(url, key, depth, kind, via, referer, [text] if text else [])
            self.items[k] = found
            self.changed[k] = found
            return found
        if text and text not in found.texts and len(found.texts) < 5:
            found.texts.append(text)
            self.changed[k] = found
        if found.state == "candidate" and _lt(key, found.key):
            found.key, found.depth, found.referer = key, depth, referer
            found.via = via if via != "previous" else found.via
            self.changed[k] = found
        return found

    def start(self) -> Candidate:
        """The home page: always first, rank 0."""
        home = self.consider(self.homepage, (0,), 0, via="home")
        if home is None:
            home = Candidate(self.homepage, (0,), 0, via="home")
            self.items[urls.canonical(self.homepage)] = home
        if home.state != "selected":
            home.reasons = [sample.HOME]
            self._select(home)
        return home

    def add_previous(self, rows: list[dict[str, Any]]) -> None:
        """Pages of the council's previous run: url, reasons (list), depth."""
        for order, row in enumerate(rows):
            reasons = [r for r in row["reasons"] if r != sample.HOME]
            if not reasons:
                continue
            depth = int(row.get("depth") or 1)
            found = self.consider(row["url"], (depth, 2, (order,), 0), depth, via="previous")
            if found is not None and found.state == "candidate":
                found.prev_reasons = reasons
                self.changed[urls.canonical(found.url)] = found

    def add_reading(self, page: Candidate, reading: PageReading) -> None:
        """Links, search form and forms of a page that was fetched."""
        depth = page.depth + 1
        rank = page.rank if page.rank is not None else 0
        for link in reading.links:
            self.consider(
                link.url, (depth, 0, (rank,), link.index), depth, "link", page.url, link.text
            )
        if reading.search_url:
            self.consider(
                reading.search_url, (depth, 0, (rank,), MAX_LINKS), depth, "search-form", page.url
            )
        if reading.has_form:
            self.form_seen = page.has_form = True
            self.changed[urls.canonical(page.url)] = page

    def add_sitemap(self, locs: list[str], referer: str) -> None:
        for loc in locs:
            digest = int(hashlib.sha1(urls.canonical(loc).encode()).hexdigest()[:12], 16)
            self.consider(loc, (SITEMAP_DEPTH, 1, (digest,), 0), SITEMAP_DEPTH, "sitemap", referer)
        self._prune_sitemap()

    def _prune_sitemap(self) -> None:
        """Keep the sitemap_max_urls lowest-keyed sitemap-only candidates (a fixed sample)."""
        only = [
            (k, c) for k, c in self.items.items() if c.via == "sitemap" and c.state == "candidate"
        ]
        limit = self.settings.sitemap_max_urls
        if len(only) <= limit * 2 and len(only) <= limit + 1000:
            return
        only.sort(key=lambda kc: kc[1].key)
        for k, _ in only[limit:]:
            del self.items[k]
            self.changed.pop(k, None)

    def alias(self, url: str) -> Candidate | None:
        """``url`` is the same page as one already fetched (its canonical or its redirect
        target): not to be fetched again. Returns the candidate it was, if any."""
        k = urls.canonical(urls.strip_session(url))
        found = self.items.get(k)
        if found is None:
            found = Candidate(urls.strip_session(url), (99,), 99, state="alias", via="alias")
            self.items[k] = found
            self.changed[k] = found
            return None
        if found.state == "candidate":
            found.state = "alias"
            self.changed[k] = found
        return found

    # --- choosing -------------------------------------------------------------------------
    def pending(self) -> list[Candidate]:
        return [c for c in self.items.values() if c.pending]

    def used(self) -> int:
        return sum(1 for c in self.items.values() if c.state == "selected" and c.kind == "page")

    def open_reasons(self) -> list[str]:
        return [
            r
            for r in self.required
            if r not in self.resolved and not (r == sample.FORM and self.form_seen)
        ]

    def next_wave(self) -> list[Candidate]:
        """The next round of pages to fetch ([] when the pages are done)."""
        room = self.settings.page_budget - self.used()
        picks = self._required_picks(room)
        reserve = 0 if self.released else len(self.open_reasons())
        fill = self._fill(room - len(picks) - reserve, picks)
        if not picks and not fill and not self.released:
            self.released = True
            fill = self._fill(room, picks)
        chosen = picks + fill
        if chosen:
            self.wave += 1
            for c in chosen:
                self._select(c)
        return chosen

    def next_documents(self) -> list[Candidate]:
        """Documents linked from the sample, in breadth-first order, up to the limit."""
        taken = sum(
            1
            for c in self.items.values()
            if c.kind == "document" and c.state == "selected" and sample.DOCUMENT in c.reasons
        )
        pool = sorted(
            (c for c in self.items.values() if c.kind == "document" and c.state == "candidate"),
            key=lambda c: c.key,
        )
        chosen = pool[: max(0, self.settings.document_limit - taken)]
        if chosen:
            self.wave += 1
        for c in chosen:
            c.reasons = [sample.DOCUMENT]
            self._select(c)
        return chosen

    def _required_picks(self, room: int) -> list[Candidate]:
        picks: list[Candidate] = []
        for reason in self.open_reasons():
            best = self.best_for(reason)
            if best is None:
                continue
            if best.state == "selected" or best in picks:
                self._label(best, reason)
                continue
            if best.kind == "page" and len(picks) >= room:
                continue
            if self.traps.admit(best.url):
                best.state = "blocked"
                self.changed[urls.canonical(best.url)] = best
                continue
            best.reasons = [reason]
            self.resolved[reason] = urls.canonical(best.url)
            picks.append(best)
        return picks

    def best_for(self, reason: str) -> Candidate | None:
        """The candidate (or already chosen page) that best answers ``reason``."""
        tried = set(self.tried.get(reason, ()))
        pool = [
            c
            for k, c in self.items.items()
            if c.state in ("candidate", "selected")
            and k not in tried
            and (c.kind == "page" or reason == sample.STATEMENT)
            and c.via != "alias"
        ]
        if reason == sample.SEARCH:
            found = [c for c in pool if c.via == "search-form" or reason in c.prev_reasons]
            return min(found, key=lambda c: (reason not in c.prev_reasons, c.key), default=None)
        scored = [(sample.score(reason, c.texts, urlsplit(c.url).path), c) for c in pool]
        # the page that held the reason last run keeps it even before a link to it is read
        # again (a re-crawl's 304 pages give no links): an unchanged site, the same sample
        scored = [(s, c) for s, c in scored if s > 0 or reason in c.prev_reasons]
        if not scored:
            return None
        return min(scored, key=lambda sc: (reason not in sc[1].prev_reasons, -sc[0], sc[1].key))[1]

    def _label(self, c: Candidate, reason: str) -> None:
        self.resolved[reason] = urls.canonical(c.url)
        if reason not in c.reasons:
            c.reasons.append(reason)
            self.changed[urls.canonical(c.url)] = c
            self.relabelled.append(c)

    def _fill(self, room: int, exclude: list[Candidate]) -> list[Candidate]:
        if room <= 0:
            return []
        pool = [
            c
            for c in self.items.values()
            if c.state == "candidate" and c.kind == "page" and c not in exclude
        ]
        out: list[Candidate] = []
        for c in sorted((c for c in pool if c.pinned), key=lambda c: c.key):
            if len(out) < room and self._admit(c):
                c.reasons = list(c.prev_reasons)
                out.append(c)
        level = None
        for c in sorted((c for c in pool if not c.pinned), key=lambda c: c.key):
            if len(out) >= room or (level is not None and c.key[0] != level):
                break
            if self._admit(c):
                level = c.key[0] if level is None else level
                c.reasons = [sample.SITEMAP if c.via == "sitemap" else sample.LINK]
                out.append(c)
        return out

    def _admit(self, c: Candidate) -> bool:
        if self.traps.admit(c.url) is None:
            return True
        c.state = "blocked"
        self.changed[urls.canonical(c.url)] = c
        return False

    def _select(self, c: Candidate) -> None:
        c.state = "selected"
        c.rank = self.next_rank
        c.wave = self.wave
        self.next_rank += 1
        self.changed[urls.canonical(c.url)] = c

    # --- outcomes -------------------------------------------------------------------------
    def get(self, url: str) -> Candidate | None:
        return self.items.get(urls.canonical(url))

    def mark_done(self, c: Candidate) -> None:
        c.done = True

    def give_back(self, c: Candidate) -> None:
        """robots.txt refused it: never fetched, not counted; its reasons are open again."""
        c.state = "blocked"
        self.changed[urls.canonical(c.url)] = c
        for reason in c.reasons:
            if self.resolved.get(reason) == urls.canonical(c.url):
                del self.resolved[reason]
                self.tried.setdefault(reason, []).append(urls.canonical(c.url))

    def statement_read(self, c: Candidate, recognised: bool) -> None:
        """A page chosen as the accessibility statement that does not read as one (a hub
        page linking to it, say): look again, a few times, among its links."""
        tries = self.tried.setdefault(sample.STATEMENT, [])
        if recognised or len(tries) >= STATEMENT_TRIES:
            return
        if self.resolved.get(sample.STATEMENT) == urls.canonical(c.url):
            del self.resolved[sample.STATEMENT]
            tries.append(urls.canonical(c.url))

    def flush(self) -> list[Candidate]:
        """Candidates changed since the last flush, to be saved."""
        out = list(self.changed.values())
        self.changed.clear()
        return out

    # --- saving and resuming --------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return {
            "released": self.released,
            "tried": self.tried,
            "form_seen": self.form_seen,
            "phase": self.phase,
            "next_rank": self.next_rank,
        }

    def restore(self, rows: list[Candidate], state: dict[str, Any], done: set[str]) -> None:
        """Rebuild from saved candidates; ``done`` holds canonical URLs already recorded."""
        for c in sorted(rows, key=lambda c: (c.rank is None, c.rank or 0)):
            k = urls.canonical(c.url)
            c.done = k in done
            self.items[k] = c
            if c.state == "selected":
                for reason in c.reasons:
                    if reason in self.required:
                        self.resolved[reason] = k
                self.wave = max(self.wave, c.wave or 0)
                self.next_rank = max(self.next_rank, (c.rank or 0) + 1)
                if not urls.is_document(c.url) and c.kind == "page":
                    self.traps.admit(c.url)
        self.released = bool(state.get("released"))
        self.tried = {k: list(v) for k, v in (state.get("tried") or {}).items()}
        self.form_seen = bool(state.get("form_seen")) or any(c.has_form for c in rows)
        self.phase = state.get("phase") or "pages"
        for reason, keys in self.tried.items():
            if self.resolved.get(reason) in keys:
                del self.resolved[reason]


def _lt(a: Key, b: Key) -> bool:
    try:
        return a < b
    except TypeError:  # keys of different shapes: compare as text, deterministically
        return repr(a) < repr(b)
