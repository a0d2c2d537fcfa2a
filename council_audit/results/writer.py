"""Writing results: one page and its findings per transaction, committed as soon as the
page is known, so a crash loses at most the pages in flight. Upserts on stable keys mean
a re-run never duplicates rows."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlite_utils

from council_audit.crawler.urls import canonical
from council_audit.findings import Finding, template_key
from council_audit.results.migrations import migrate

# Recount the findings of each level on the pages whose ids fill {marks}.
RECOUNT_LEVELS = """
update pages set
  errors = (select count(*) from findings as f where f.page_id = pages.id and f.level = 'error'),
  warnings = (select count(*) from findings as f
    where f.page_id = pages.id and f.level = 'warning'),
  advice = (select count(*) from findings as f where f.page_id = pages.id and f.level = 'advice')
where id in ({marks})
"""

# Longest text kept in each stored field (issue #10): a hostile page cannot make a row of
# megabytes (a 200,000-character title once became a finding message as long). Longer
# text is cut, with "…" at the end. Identities (page ids, fingerprints) use the full text.
TEXT_CAPS = {
    "url": 4000, "final_url": 4000, "referer": 4000, "page_url": 4000, "title": 1000,
    "error": 1000, "message": 2000, "selector": 1000, "snippet": 5000, "help_url": 1000,
    "selected_because": 1000, "content_type": 200, "lang": 100, "redirect": 100,
    "target_url_canonical": 4000, "text": 200_000, "found_by": 1000,
}  # fmt: skip


def capped(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with each text field cut to its :data:`TEXT_CAPS` length."""
    out = dict(row)
    for key, limit in TEXT_CAPS.items():
        value = out.get(key)
        if isinstance(value, str) and len(value) > limit:
            out[key] = value[: limit - 1] + "…"
    return out


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def new_run_id() -> str:
    return f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def page_id(run_id: str, council_code: str, url: str) -> str:
    """A page of one council in one run. Two councils can share a website (Adur and
    Worthing do): the same address is then a page of each, so the council is part of
    the key (issue #17: without it the second council's rows replaced the first's)."""
    return key20(f"{run_id}\x1f{council_code}\x1f{url}")


def finding_id(page_id: str, fingerprint: str) -> str:
    """A finding of one page: the fingerprint is stable across runs and councils, the
    page id makes the row unique to this run and council."""
    return key20(f"{page_id}\x1f{fingerprint}")


def key20(text: str) -> str:
    """The 20-hex-digit keys of the results tables."""
    return hashlib.sha256(text.encode()).hexdigest()[:20]


class ResultsDB:
    """The results database. Opening it applies any pending migrations."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.enable_wal()
        migrate(self.db)

    def close(self) -> None:
        self.db.close()

    # --- reference data --------------------------------------------------------------
    def upsert_councils(self, rows: Iterable[dict[str, Any]]) -> None:
        with self.db.conn:
            self.db["councils"].upsert_all(rows, pk="code")  # type: ignore[union-attr]

    def upsert_checks(self, rows: Iterable[dict[str, Any]]) -> None:
        encoded = [
            {
                **r,
                "wcag": json.dumps(list(r.get("wcag") or [])),
                "tags": json.dumps(list(r.get("tags") or [])),
                **({"act_rules": json.dumps(r["act_rules"])} if "act_rules" in r else {}),
            }
            for r in rows
        ]
        with self.db.conn:
            self.db["checks"].upsert_all(encoded, pk="id")  # type: ignore[union-attr]

    # --- runs -------------------------------------------------------------------------
    def start_run(self, run: dict[str, Any]) -> str:
        row = {"id": new_run_id(), "started_at": now(), "status": "running", **run}
        for key in ("settings", "councils", "finding_settings"):
            if (key in row or key != "finding_settings") and not isinstance(row.get(key), str):
                row[key] = json.dumps(row.get(key), sort_keys=True)
        with self.db.conn:
            self.db["runs"].insert(row)  # type: ignore[union-attr]
        return row["id"]

    def record_checks(self, run_id: str, checks: Iterable[dict[str, str]]) -> None:
        """The checks the run runs (council_audit/results/runrecord.py: ``checks_run``)."""
        rows = [{"run_id": run_id, **c} for c in checks]
        with self.db.conn:
            self.db["run_checks"].insert_all(rows, pk=("run_id", "check_id"), replace=True)  # type: ignore[union-attr]

    def end_run(self, run_id: str, status: str) -> None:
        counts = self.db.execute(
            "select (select count(*) from pages where run_id = ?),"
            " (select count(*) from findings where run_id = ?)",
            [run_id, run_id],
        ).fetchone()
        with self.db.conn:
            self.db["runs"].update(  # type: ignore[union-attr]
                run_id,
                {
                    "ended_at": now(),
                    "status": status,
                    "pages_count": counts[0],
                    "findings_count": counts[1],
                },
            )

    # --- pages and findings -----------------------------------------------------------
    def write_page(self, page: dict[str, Any], findings: list[Finding]) -> str:
        """Upsert one page and replace its findings, in one transaction."""
        pid = page_id(page["run_id"], page["council_code"], page["url"])
        row = {
            **page,
            "id": pid,
            "errors": sum(f.level == "error" for f in findings),
            "warnings": sum(f.level == "warning" for f in findings),
            "advice": sum(f.level == "advice" for f in findings),
            "fetched_at": page.get("fetched_at") or now(),
        }
        rows = [capped(self._finding_row(row, f)) for f in findings]
        self._ensure_checks({f.check_id: f for f in findings}.values())
        with self.db.conn:
            self.db["pages"].upsert(capped(row), pk="id")  # type: ignore[union-attr]
            self.db.execute("delete from findings where page_id = ?", [pid])
            self.db["findings"].insert_all(rows, pk="id", replace=True)  # type: ignore[union-attr]
        return pid

    def write_links(
        self, page_id: str, run_id: str, council_code: str, links: Iterable[dict[str, Any]]
    ) -> int:
        """Replace the page's in-site links (the ``links`` fact's ``internal`` list: url,
        selector, snippet); returns how many were stored. Call after :meth:`write_page`."""
        rows = {}
        for link in links:
            url = str(link.get("url") or "")
            if not url:
                continue
            selector = str(link.get("selector") or "")
            key = key20(f"{page_id}\x1f{url}\x1f{selector}")
            rows[key] = capped(
                {
                    "id": key,
                    "run_id": run_id,
                    "page_id": page_id,
                    "council_code": council_code,
                    "url": url,
                    "target_url_canonical": canonical(url),
                    "selector": selector,
                    "snippet": str(link.get("snippet") or ""),
                }
            )
        with self.db.conn:
            self.db.execute("delete from links where page_id = ?", [page_id])
            self.db["links"].insert_all(rows.values(), pk="id", replace=True)  # type: ignore[union-attr]
        return len(rows)

    @staticmethod
    def _finding_row(page: dict[str, Any], f: Finding) -> dict[str, Any]:
        fp = f.fingerprint(page["url"])
        return {
            "id": finding_id(page["id"], fp),
            "run_id": page["run_id"],
            "page_id": page["id"],
            "council_code": page["council_code"],
            "page_url": page["url"],
            "check_id": f.check_id,
            "source": f.source,
            "level": f.level,
            "impact": f.impact,
            "wcag": json.dumps(list(f.wcag)),
            "selector": f.selector,
            "snippet": f.snippet,
            "message": f.message,
            "help_url": f.help_url,
            "fingerprint": fp,
            "template_key": template_key(f.check_id, f.snippet, f.selector),
            "extras": json.dumps(f.extras, sort_keys=True, default=str),
        }

    def _ensure_checks(self, findings: Iterable[Finding]) -> None:
        """A finding from a check missing from the catalogue still gets a row there, so
        the foreign key holds (axe-core rules are normally loaded at run start)."""
        known = {r[0] for r in self.db.execute("select id from checks")}
        missing = [
            {
                "id": f.check_id,
                "source": f.source,
                "title": f.check_id,
                "wcag": f.wcag,
                "help_url": f.help_url,
            }
            for f in findings
            if f.check_id not in known
        ]
        if missing:
            self.upsert_checks(missing)
