"""Broken links, found after a crawl: a check sees one page, so it cannot know whether a
link works. The crawler stores each page's in-site links (``links`` table); once the run
has fetched the pages they point to, every link to a page that answered with an HTTP
error or could not be reached becomes a ``broken-link`` error on the linking page."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from council_audit.checks.links.broken_link import META
from council_audit.checks.standards.wcag import finding_level, level_extras
from council_audit.crawler.urls import canonical
from council_audit.findings import Finding, cut_snippet
from council_audit.results.writer import RECOUNT_LEVELS, ResultsDB

# Pages the run could not use: an HTTP error, or no answer at all. 429 Too Many Requests
# is about the crawler, not the link; a render timeout is about our browser.
BROKEN_PAGES = """
select url, status, error from pages
where run_id = ?
  and ((status >= 400 and status != 429)
       or (status is null and error is not null and error not like '%Timeout %ms exceeded%'))
"""
LINKS_TO = """
select l.selector, l.snippet, l.url, l.target_url_canonical,
       p.id as page_id, p.url as page_url, p.council_code
from links as l join pages as p on p.id = l.page_id
where l.run_id = ? and l.target_url_canonical in ({marks})
"""
CHUNK = 500  # SQLite's limit on bound parameters is 999 in older builds


def internal_links(facts: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The page's in-site links from its browser facts (the ``links`` gatherer's
    ``internal`` list), for :meth:`ResultsDB.write_links`; [] when it is missing."""
    fact = facts.get("links")
    internal = fact.get("internal") if isinstance(fact, dict) else None
    if not isinstance(internal, list):
        return []
    return [link for link in internal if isinstance(link, dict)]


def broken_link_findings(db: ResultsDB, run_id: str) -> int:
    """Add a broken-link finding for every stored link of the run whose target the run
    fetched and found broken, and recount the levels of the pages concerned. Safe to run
    again: findings are upserted on their stable ids. Returns the number of findings."""
    broken = _broken_targets(db, run_id)
    if not broken:
        return 0
    rows = []
    for link in _links_to(db, run_id, sorted(broken)):
        finding = _finding(link, broken[link["target_url_canonical"]])
        page = {
            "id": link["page_id"],
            "run_id": run_id,
            "url": link["page_url"],
            "council_code": link["council_code"],
        }
        rows.append((finding, ResultsDB._finding_row(page, finding)))
    if not rows:
        return 0
    db._ensure_checks([rows[0][0]])
    page_ids = sorted({row["page_id"] for _, row in rows})
    with db.db.conn:
        # Delete, then insert: a REPLACE would not fire delete triggers (full-text index).
        _in_chunks(db, "delete from findings where id in ({marks})", [r["id"] for _, r in rows])
        db.db["findings"].insert_all([r for _, r in rows], pk="id")  # type: ignore[union-attr]
        _in_chunks(db, RECOUNT_LEVELS, page_ids)
    return len(rows)


def _in_chunks(db: ResultsDB, sql: str, values: list[str]) -> None:
    for start in range(0, len(values), CHUNK):
        chunk = values[start : start + CHUNK]
        db.db.execute(sql.format(marks=", ".join("?" * len(chunk))), chunk)


def _broken_targets(db: ResultsDB, run_id: str) -> dict[str, dict[str, Any]]:
    out = {}
    for url, status, error in db.db.execute(BROKEN_PAGES, [run_id]):
        out[canonical(url)] = {"url": url, "status": status, "error": error}
    return out


def _links_to(db: ResultsDB, run_id: str, targets: list[str]) -> Iterator[dict[str, Any]]:
    for start in range(0, len(targets), CHUNK):
        chunk = targets[start : start + CHUNK]
        cursor = db.db.execute(LINKS_TO.format(marks=", ".join("?" * len(chunk))), [run_id, *chunk])
        names = [d[0] for d in cursor.description]
        for values in cursor:
            yield dict(zip(names, values, strict=True))


def _finding(link: dict[str, Any], target: dict[str, Any]) -> Finding:
    if target["status"] is not None:
        why = f"answered with HTTP {target['status']}"
    else:
        why = f"could not be reached ({target['error']})"
    level = finding_level(True, META.wcag)
    return Finding(
        check_id=META.id,
        source="builtin",
        level=level,  # type: ignore[arg-type]
        impact=META.impact,
        wcag=META.wcag,
        selector=link["selector"] or "html",
        snippet=cut_snippet(link["snippet"] or ""),
        message=f"The link goes to {link['url']}, which {why}.",
        help_url=META.help_url,
        extras={
            "target_url": link["url"],
            "status": target["status"],
            "error": target["error"],
            **level_extras(level, True),
        },
    )
