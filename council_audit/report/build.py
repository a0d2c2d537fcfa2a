"""Building a council's fix list from the results database: its latest run, grouped by
template-level fix, compared with its previous run by fingerprint."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from council_audit import __version__
from council_audit.findings import normalise_selector, normalise_snippet
from council_audit.report.audience import who_it_affects
from council_audit.report.model import Change, FixGroup, Occurrence, PageRef, Report
from council_audit.results.runrecord import compare_runs

RUN_STATUSES = ("complete", "running")  # the canned queries' "latest run", too
LEVEL_ORDER = {"error": 0, "warning": 1, "advice": 2}


class ReportError(RuntimeError):
    """No such council, or no run of it to report on."""


def build_report(db_path: str | Path, code: str) -> Report:
    """The fix list for council ``code`` from its latest complete (or running) run."""
    with closing(_connect(db_path)) as conn:
        council = _one(conn, "select * from councils where code = ? collate nocase", [code])
        if council is None:
            raise ReportError(_not_there(conn, code, db_path))
        code = council["code"]
        runs = _runs(conn, code)
        if not runs:
            raise ReportError(f"{council['name']} ({code}) has no complete run in {db_path}")
        latest, previous = runs[0], (runs[1] if len(runs) > 1 else None)
        pages = _pages(conn, latest["id"], code)
        before = _pages(conn, previous["id"], code) if previous else {}
        compared = {
            u for u, p in pages.items() if p["audited"] and before.get(u, {}).get("audited")
        }
        now = _findings(conn, latest["id"], code)
        then = _findings(conn, previous["id"], code) if previous else []
        comparison = compare_runs(conn, previous["id"], latest["id"]) if previous else None
    if comparison is not None:  # only checks both runs ran the same way are compared
        now_compared = [r for r in now if comparison.compares(r["check_id"])]
        then = [r for r in then if comparison.compares(r["check_id"])]
    else:
        now_compared = now
    new, fixed = changes(now_compared, then, compared)
    new_fingerprints = {c.fingerprint for c in new}
    return Report(
        council=council,
        run=latest,
        previous_run=previous,
        pages_audited=sum(1 for p in pages.values() if p["audited"]),
        pages_not_audited=sum(1 for p in pages.values() if not p["audited"]),
        pages_compared=len(compared),
        pages_not_checked=sorted(
            u for u, p in before.items() if p["audited"] and not pages.get(u, {}).get("audited")
        ),
        comparison=comparison,
        groups=group_findings(now, new_fingerprints),
        new=new,
        fixed=fixed,
        generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        tool_version=__version__,
    )


# --- grouping --------------------------------------------------------------------------
def group_key(row: dict[str, Any]) -> tuple[str, str, str]:
    """Check, level, and the element's code (normalised snippet), or its selector when a
    check reports no code. The selector alone cannot tell: axe-core writes the shortest
    selector that is unique on each page, so one header image is ``img`` on one page and
    ``img[src$="logo.svg"]`` on another."""
    snippet = normalise_snippet(row["snippet"] or "")
    return (row["check_id"], row["level"], snippet or normalise_selector(row["selector"] or ""))


def group_findings(rows: list[dict[str, Any]], new: Collection[str] = ()) -> list[FixGroup]:
    """Findings grouped by check, level, selector and snippet; errors first, then the
    most impactful (impact x pages affected)."""
    groups: dict[tuple[str, str, str], FixGroup] = {}
    for row in rows:
        key = group_key(row)
        if key not in groups:
            groups[key] = _group(row)
        groups[key].occurrences.append(_occurrence(row, new))
    return sorted(
        groups.values(),
        key=lambda g: (LEVEL_ORDER.get(g.level, 3), -g.score, -g.weight, g.check_id, g.selector),
    )


def _group(row: dict[str, Any]) -> FixGroup:
    wcag = tuple(_json_list(row["wcag"]) or _json_list(row["check_wcag"]))
    topics = [*_json_list(row["check_tags"]), row["check_category"] or ""]
    return FixGroup(
        check_id=row["check_id"],
        check_title=row["check_title"] or row["check_id"],
        level=row["level"],
        impact=row["impact"],
        wcag=wcag,
        selector=normalise_selector(row["selector"] or ""),
        snippet=normalise_snippet(row["snippet"] or ""),
        message=row["message"] or "",
        description=row["check_description"] or "",
        how_to_fix=how_to_fix(row),
        help_url=row["help_url"] or row["check_help_url"] or "",
        who_it_affects=who_it_affects(wcag, topics),
        outcome=_outcome(row),
    )


def _outcome(row: dict[str, Any]) -> str:
    if row["level"] in ("error", "warning"):
        return "fail" if row["level"] == "error" else "review"
    try:
        extras = json.loads(row["extras"] or "{}")
    except ValueError:
        extras = {}
    return "fail" if isinstance(extras, dict) and extras.get("outcome") == "fail" else "review"


def how_to_fix(row: dict[str, Any]) -> str:
    """The check's advice; axe-core's rules only point to their help page, but their
    message lists the changes that would fix the problem."""
    text = (row["how_to_fix"] or "").strip()
    if not text or text.startswith("See "):
        return (
            "Make the change, or one of the changes, listed under “What is wrong”; "
            "the check's help page explains them."
        )
    return text


def _occurrence(row: dict[str, Any], new: Collection[str]) -> Occurrence:
    return Occurrence(
        page=PageRef(row["page_url"], row["page_title"]),
        fingerprint=row["fingerprint"],
        selector=row["selector"] or "",
        message=row["message"] or "",
        new=row["fingerprint"] in new,
        fetched_at=row["fetched_at"],
    )


# --- new and fixed ---------------------------------------------------------------------
def changes(
    now: list[dict[str, Any]], then: list[dict[str, Any]], compared: set[str]
) -> tuple[list[Change], list[Change]]:
    """Problems new in ``now`` and gone from ``then`` on the pages checked in both runs
    (a page that joined or left the sample is no change). Matched by fingerprint, or by
    the same check on the same code on the same page when only its selector moved."""
    now_keys = {k for r in now for k in match_keys(r)}
    then_keys = {k for r in then for k in match_keys(r)}
    new = [_change("new", r) for r in now if not match_keys(r) & then_keys]
    fixed = [_change("fixed", r) for r in then if not match_keys(r) & now_keys]
    return (
        sorted((c for c in new if c.page_url in compared), key=_change_order),
        sorted((c for c in fixed if c.page_url in compared), key=_change_order),
    )


def match_keys(row: dict[str, Any]) -> set[tuple[str, ...]]:
    keys = {("fingerprint", row["fingerprint"])}
    snippet = normalise_snippet(row["snippet"] or "")
    if snippet:
        keys.add(("code", row["page_url"], row["check_id"], snippet))
    return keys


def _change(kind: str, row: dict[str, Any]) -> Change:
    return Change(
        change=kind,
        check_id=row["check_id"],
        check_title=row["check_title"] or row["check_id"],
        level=row["level"],
        impact=row["impact"],
        page_url=row["page_url"],
        selector=row["selector"] or "",
        snippet=row["snippet"] or "",
        message=row["message"] or "",
        fingerprint=row["fingerprint"],
    )


def _change_order(c: Change) -> tuple[int, str, str, str]:
    return (LEVEL_ORDER.get(c.level, 3), c.check_id, c.page_url, c.selector)


# --- reading the database --------------------------------------------------------------
FINDINGS_SQL = """
select f.*, p.title as page_title, p.fetched_at,
  ch.title as check_title, ch.description as check_description, ch.how_to_fix,
  ch.wcag as check_wcag, ch.tags as check_tags, ch.category as check_category,
  ch.help_url as check_help_url
from findings as f
join pages as p on p.id = f.page_id
left join checks as ch on ch.id = f.check_id
where f.run_id = ? and f.council_code = ?
order by p.url, f.check_id, f.selector
"""


def _not_there(conn: sqlite3.Connection, code: str, db_path: str | Path) -> str:
    """No council ``code`` in the database: a near miss, or how to crawl it first."""
    from council_audit.lookup import hint, suggest_councils

    rows = [dict(r) for r in conn.execute("select code, name from councils")]
    close = hint(suggest_councils(code, rows))
    return (
        f"no council with code {code!r} in {db_path}{close}"
        f" (to crawl it first: council-audit crawl {code.upper()} --db {db_path})"
    )


def _connect(db_path: str | Path) -> sqlite3.Connection:
    path = Path(db_path)
    if not path.is_file():
        raise ReportError(
            f"no results database at {path}: crawl first, e.g. council-audit crawl CODE --db "
            f"{path} (or council-audit demo)"
        )
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def _one(conn: sqlite3.Connection, sql: str, params: list[Any]) -> dict[str, Any] | None:
    row = conn.execute(sql, params).fetchone()
    return dict(row) if row else None


def _all(conn: sqlite3.Connection, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
    return (dict(r) for r in conn.execute(sql, params))


def _runs(conn: sqlite3.Connection, code: str) -> list[dict[str, Any]]:
    """The council's two latest runs that count (see ``RUN_STATUSES``), newest first."""
    marks = ", ".join("?" for _ in RUN_STATUSES)
    sql = (
        f"select * from runs as r where r.status in ({marks}) and exists"
        " (select 1 from pages as p where p.run_id = r.id and p.council_code = ?)"
        " order by r.started_at desc, r.id desc limit 2"
    )
    return list(_all(conn, sql, [*RUN_STATUSES, code]))


def _pages(conn: sqlite3.Connection, run_id: str, code: str) -> dict[str, dict[str, Any]]:
    sql = "select url, title, audited from pages where run_id = ? and council_code = ?"
    return {r["url"]: r for r in _all(conn, sql, [run_id, code])}


def _findings(conn: sqlite3.Connection, run_id: str, code: str) -> list[dict[str, Any]]:
    return list(_all(conn, FINDINGS_SQL, [run_id, code]))


def _json_list(value: str | None) -> list[str]:
    try:
        found = json.loads(value) if value else []
    except ValueError:
        return []
    return [str(v) for v in found] if isinstance(found, list) else []
