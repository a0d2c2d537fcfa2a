"""Re-crawls that audit only what changed: what the previous complete run of a council
recorded about each page (``page_changes``), and carrying an unchanged page's row,
findings and links forward into the new run (``carried_from`` says from which run)."""

from __future__ import annotations

import json
from typing import Any

from council_audit.crawler import urls
from council_audit.results.writer import RECOUNT_LEVELS, ResultsDB, key20, now, page_id

# Findings added after a council's pages are crawled (broken links, the statement's
# checks) are worked out again for each run, never carried.
NOT_CARRIED = "check_id = 'broken-link' or check_id like 'statement-%'"
PAGE_COPY = """
insert into pages ({columns})
select {values} from pages where id = :old
"""
FINDINGS_COPY = """
insert or replace into findings ({columns})
select {values} from findings where page_id = :old and not ({not_carried})
"""
LINKS_COPY = """
insert or replace into links (id, run_id, page_id, council_code, url, target_url_canonical,
  selector, snippet)
select key20(:pid || char(31) || url || char(31) || coalesce(selector, '')), :run, :pid, council_code, url,
  target_url_canonical, selector, snippet
from links where page_id = :old
"""


class CarryStore(ResultsDB):
    def previous_run(self, code: str, run_id: str) -> str | None:
        """The council's latest complete crawl before ``run_id``."""
        prev = self.db.execute(
            "select run_id from council_crawls where council_code = ? and run_id != ?"
            " and status = 'complete' order by started_at desc, run_id desc limit 1",
            [code, run_id],
        ).fetchone()
        return prev[0] if prev else None

    def previous_changes(self, code: str, run_id: str) -> dict[str, dict[str, Any]]:
        """What the previous complete run recorded about each audited page of the
        council, by canonical URL: validators, digests, resources, audit key, page id."""
        prev = self.previous_run(code, run_id)
        if prev is None:
            return {}
        rows = self.db.execute(
            "select c.*, p.id as prev_page_id, p.run_id as prev_run_id,"
            " coalesce(p.carried_from, p.run_id) as audited_in"
            " from page_changes c join pages p on p.id = c.page_id"
            " where p.run_id = ? and p.council_code = ? and p.audited = 1 and p.error is null",
            [prev, code],
        )
        cols = [d[0] for d in rows.description]
        out = {}
        for values in rows:
            row = dict(zip(cols, values, strict=True))
            row["resources"] = json.loads(row["resources"] or "[]")
            out[urls.canonical(row["url"])] = row
        return out

    def write_changes(self, pid: str, row: dict[str, Any]) -> None:
        """What the next re-crawl compares this page against."""
        record = {**row, "page_id": pid, "resources": json.dumps(row.get("resources") or [])}
        with self.db.conn:
            self.db["page_changes"].upsert(record, pk="page_id")  # type: ignore[union-attr]

    def carry_page(self, run_id: str, old_id: str, page: dict[str, Any]) -> str:
        """Copy page ``old_id`` (of an earlier run) into ``run_id`` with the fields of
        ``page`` (url, depth, referer, selected_because...) and its findings and links,
        marked as carried from the run that audited it. Returns the new page id."""
        pid = page_id(run_id, page["council_code"], page["url"])
        old = self.db["pages"].get(old_id)
        source = old["carried_from"] or old["run_id"]
        fixed = {**page, "id": pid, "run_id": run_id, "fetched_at": now(), "carried_from": source}
        columns = list(self.db["pages"].columns_dict)
        values = [f":{c}" if c in fixed else f"[{c}]" for c in columns]
        finding_cols = list(self.db["findings"].columns_dict)
        finding_vals = {
            "id": "key20(:pid || char(31) || fingerprint)",  # as writer.finding_id
            "run_id": ":run",
            "page_id": ":pid",
            "carried_from": ":source",
        }
        self.db.conn.create_function("key20", 1, key20, deterministic=True)
        with self.db.conn:
            self.db.execute("delete from findings where page_id = ?", [pid])
            self.db.execute("delete from pages where id = ?", [pid])
            self.db.execute(
                PAGE_COPY.format(columns=_names(columns), values=", ".join(values)),
                {**{c: fixed[c] for c in columns if c in fixed}, "old": old_id},
            )
            self.db.execute(
                FINDINGS_COPY.format(
                    columns=_names(finding_cols),
                    values=", ".join(finding_vals.get(c, f"[{c}]") for c in finding_cols),
                    not_carried=NOT_CARRIED,
                ),
                {"old": old_id, "pid": pid, "run": run_id, "source": source},
            )
            self.db.execute(RECOUNT_LEVELS.format(marks="?"), [pid])
            self.db.execute("delete from links where page_id = ?", [pid])
            self.db.execute(LINKS_COPY, {"old": old_id, "pid": pid, "run": run_id})
        return pid


def _names(columns: list[str]) -> str:
    return ", ".join(f"[{c}]" for c in columns)
