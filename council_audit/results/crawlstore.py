"""The crawl's own records, next to pages and findings: each council's part of a run
(``council_crawls``), the frontier that lets a killed crawl resume exactly
(``frontier``), accessibility statements and documents. Every write is one short
transaction, so a crash loses at most what was in flight."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from council_audit.crawler import urls
from council_audit.crawler.frontier import Candidate
from council_audit.findings import Finding
from council_audit.register import allowed_hosts
from council_audit.results.carry import CarryStore
from council_audit.results.writer import RECOUNT_LEVELS, capped, now, page_id
from council_audit.settings import Settings

FRONTIER_FIELDS = ("url", "kind", "state", "via", "depth", "rank", "wave", "referer")


class CrawlStore(CarryStore):
    # --- runs to resume -------------------------------------------------------------------
    def plan_councils(
        self, run_id: str, councils: list[dict[str, Any]], settings: Settings
    ) -> None:
        """A 'waiting' row for each council of the run, with the hosts it may use."""
        rows = [
            {
                "run_id": run_id,
                "council_code": c["code"],
                "status": "waiting",
                "started_at": now(),
                "budget": settings.page_budget,
                "document_limit": settings.document_limit,
                "hosts": json.dumps(sorted(allowed_hosts(c, settings))),
                "wave": 0,
                "https_upgrade": 0,
                "traps_skipped": 0,
            }
            for c in councils
        ]
        with self.db.conn:
            self.db["council_crawls"].insert_all(rows, pk=("run_id", "council_code"), replace=True)  # type: ignore[union-attr]

    def resumable_run(self, run_id: str | None = None) -> dict[str, Any] | None:
        """The run to resume: ``run_id``, or the latest that did not complete."""
        where = "status != 'complete'" + (" and id = ?" if run_id else "")
        rows = list(
            self.db["runs"].rows_where(
                where, [run_id] if run_id else [], order_by="started_at desc, id desc", limit=1
            )
        )
        return rows[0] if rows else None

    def run_councils(self, run_id: str) -> list[dict[str, Any]]:
        """The run's councils as register rows, with the extra hosts they were given."""
        codes = json.loads(self.db["runs"].get(run_id)["councils"] or "[]")
        hosts = {
            r["council_code"]: json.loads(r["hosts"] or "[]")
            for r in self.db["council_crawls"].rows_where("run_id = ?", [run_id])
        }
        out = []
        for code in codes:
            row = dict(self.db["councils"].get(code))
            row["extra_hosts"] = hosts.get(code, [])
            out.append(row)
        return out

    def reopen_run(self, run_id: str) -> None:
        with self.db.conn:
            self.db["runs"].update(run_id, {"status": "running", "ended_at": None})  # type: ignore[union-attr]

    # --- each council's part of a run -----------------------------------------------------
    def council_started(
        self, run_id: str, code: str, budget: int, document_limit: int, hosts: Iterable[str]
    ) -> None:
        table = self.db["council_crawls"]
        with self.db.conn:
            existing = self.council_crawl(run_id, code)
            if existing:
                change: dict[str, Any] = {"status": "running", "ended_at": None}
                if existing["status"] == "waiting":
                    change["started_at"] = now()
                table.update((run_id, code), change)  # type: ignore[union-attr]
                return
            table.insert(  # type: ignore[union-attr]
                {
                    "run_id": run_id,
                    "council_code": code,
                    "status": "running",
                    "started_at": now(),
                    "budget": budget,
                    "document_limit": document_limit,
                    "hosts": json.dumps(sorted(hosts)),
                    "wave": 0,
                    "https_upgrade": 0,
                    "traps_skipped": 0,
                }
            )

    def council_crawl(self, run_id: str, code: str) -> dict[str, Any] | None:
        rows = list(
            self.db["council_crawls"].rows_where("run_id = ? and council_code = ?", [run_id, code])
        )
        return rows[0] if rows else None

    def council_finished(self, run_id: str, code: str, status: str, traps: int = 0) -> None:
        counts = self.db.execute(
            "select count(*), coalesce(sum(errors), 0), coalesce(sum(warnings), 0),"
            " sum(case when id in (select page_id from documents where run_id = ?) then 1 else 0 end),"
            " coalesce(sum(advice), 0)"
            " from pages where run_id = ? and council_code = ?",
            [run_id, run_id, code],
        ).fetchone()
        with self.db.conn:
            self.db["council_crawls"].update(  # type: ignore[union-attr]
                (run_id, code),
                {
                    "status": status,
                    "ended_at": now(),
                    "pages": counts[0] - (counts[3] or 0),
                    "documents": counts[3] or 0,
                    "errors": counts[1],
                    "warnings": counts[2],
                    "advice": counts[4],
                    "traps_skipped": traps,
                },
            )
            if status == "complete":
                self.db.execute(
                    "delete from frontier where run_id = ? and council_code = ?", [run_id, code]
                )

    def mark_interrupted(self, run_id: str) -> None:
        with self.db.conn:
            self.db.execute(
                "update council_crawls set status = 'interrupted'"
                " where run_id = ? and status in ('running', 'waiting')",
                [run_id],
            )

    def note_https_upgrade(self, run_id: str, code: str) -> None:
        with self.db.conn:
            self.db["council_crawls"].update((run_id, code), {"https_upgrade": 1})  # type: ignore[union-attr]

    # --- the frontier ---------------------------------------------------------------------
    def save_frontier(
        self, run_id: str, code: str, changed: list[Candidate], wave: int, state: dict[str, Any]
    ) -> None:
        rows = [_frontier_row(run_id, code, c) for c in changed]
        with self.db.conn:
            if rows:
                self.db["frontier"].upsert_all(rows, pk="id")  # type: ignore[union-attr]
            self.db["council_crawls"].update(  # type: ignore[union-attr]
                (run_id, code), {"wave": wave, "resume_state": json.dumps(state, sort_keys=True)}
            )

    def load_frontier(self, run_id: str, code: str) -> tuple[list[Candidate], dict[str, Any]]:
        rows = self.db["frontier"].rows_where("run_id = ? and council_code = ?", [run_id, code])
        candidates = [_candidate(r) for r in rows]
        crawl = self.council_crawl(run_id, code) or {}
        return candidates, json.loads(crawl.get("resume_state") or "{}")

    def done_urls(self, run_id: str, code: str) -> set[str]:
        """Canonical URLs of the pages (and documents) already recorded for the council."""
        rows = self.db.execute(
            "select url from pages where run_id = ? and council_code = ?", [run_id, code]
        )
        return {urls.canonical(r[0]) for r in rows}

    def previous_sample(self, code: str, run_id: str) -> list[dict[str, Any]]:
        """The pages the council's latest complete earlier crawl sampled, with reasons."""
        prev = self.previous_run(code, run_id)
        if prev is None:
            return []
        rows = self.db.execute(
            "select url, selected_because, depth from pages where run_id = ? and council_code = ?"
            " and status < 400 and selected_because is not null"
            " and id not in (select page_id from documents where run_id = ?)"
            " order by depth, url",
            [prev, code, prev],
        )
        return [
            {
                "url": r[0],
                "reasons": [x.strip() for x in r[1].split(",") if x.strip()],
                "depth": r[2],
            }
            for r in rows
        ]

    def relabel(self, run_id: str, code: str, url: str, reasons: list[str]) -> None:
        """A page already recorded answers another reason of the sample."""
        with self.db.conn:
            self.db.execute(
                "update pages set selected_because = ? where id = ?",
                [", ".join(reasons), page_id(run_id, code, url)],
            )

    # --- statements and documents -----------------------------------------------------
    def offer_statement(self, row: dict[str, Any]) -> None:
        """Keep this candidate statement unless one that reads as a statement is kept."""
        key = (row["run_id"], row["council_code"])
        with self.db.conn:
            old = list(
                self.db["statements"].rows_where("run_id = ? and council_code = ?", list(key))
            )
            if old and old[0]["recognised"] and not row["recognised"]:
                return
            self.db["statements"].upsert(capped(row), pk=("run_id", "council_code"))  # type: ignore[union-attr]

    def statement(self, run_id: str, code: str) -> dict[str, Any] | None:
        rows = list(
            self.db["statements"].rows_where("run_id = ? and council_code = ?", [run_id, code])
        )
        return rows[0] if rows else None

    def save_statement(self, row: dict[str, Any]) -> None:
        with self.db.conn:
            self.db["statements"].upsert(capped(row), pk=("run_id", "council_code"))  # type: ignore[union-attr]

    def write_document(self, row: dict[str, Any]) -> None:
        with self.db.conn:
            self.db["documents"].upsert(capped(row), pk="id")  # type: ignore[union-attr]

    def add_findings(self, run_id: str, code: str, url: str, findings: list[Finding]) -> None:
        """Add findings to a page already recorded (statement findings, found when the
        council's crawl ends), and recount its errors, warnings and advice."""
        pid = page_id(run_id, code, url)
        page = {"id": pid, "run_id": run_id, "council_code": code, "url": url}
        rows = [capped(self._finding_row(page, f)) for f in findings]
        self._ensure_checks({f.check_id: f for f in findings}.values())
        with self.db.conn:
            self.db["findings"].insert_all(rows, pk="id", replace=True)  # type: ignore[union-attr]
            self.db.execute(RECOUNT_LEVELS.format(marks="?"), [pid])

    def site_errors(self, run_id: str, code: str) -> int:
        """Errors tied to a WCAG success criterion on the council's pages and documents."""
        return self.db.execute(
            "select count(*) from findings where run_id = ? and council_code = ?"
            " and level = 'error' and wcag not in ('', '[]') and check_id not like 'statement-%'",
            [run_id, code],
        ).fetchone()[0]

    def page_recorded(self, run_id: str, code: str, url: str) -> bool:
        return bool(
            self.db.execute(
                "select 1 from pages where id = ?", [page_id(run_id, code, url)]
            ).fetchone()
        )


def _frontier_row(run_id: str, code: str, c: Candidate) -> dict[str, Any]:
    reasons = c.reasons if c.state == "selected" else c.prev_reasons
    row = {f: getattr(c, f) for f in FRONTIER_FIELDS}
    row.update(
        id=page_id(run_id, code, urls.canonical(c.url)),
        run_id=run_id,
        council_code=code,
        sort_key=json.dumps(c.key),
        reasons=json.dumps(reasons),
        texts=json.dumps(c.texts, ensure_ascii=False),
        has_form=int(c.has_form),
    )
    return row


def _candidate(row: dict[str, Any]) -> Candidate:
    reasons = json.loads(row["reasons"] or "[]")
    selected = row["state"] == "selected"
    return Candidate(
        url=row["url"],
        key=_tuple(json.loads(row["sort_key"])),
        depth=row["depth"],
        kind=row["kind"],
        via=row["via"],
        referer=row["referer"],
        texts=json.loads(row["texts"] or "[]"),
        state=row["state"],
        reasons=reasons if selected else [],
        prev_reasons=[] if selected else reasons,
        rank=row["rank"],
        wave=row["wave"],
        has_form=bool(row["has_form"]),
    )


def _tuple(value: Any) -> Any:
    return tuple(_tuple(v) for v in value) if isinstance(value, list) else value
