"""The tables of the results database. Column descriptions live in
``council_audit/datasette/metadata.yml``; a drift test keeps both in step."""

from __future__ import annotations

from typing import Any

# table -> (columns, primary key, foreign keys, indexes)
TABLES: dict[str, dict[str, Any]] = {
    "councils": {
        "columns": {
            "code": str,
            "name": str,
            "short_name": str,
            "gss_code": str,
            "nation": str,
            "region": str,
            "type": str,
            "homepage_url": str,
            "population": int,
            "latitude": float,
            "longitude": float,
            "source": str,
        },
        "pk": "code",
        "not_null": {"name", "homepage_url"},
        "foreign_keys": [],
        "indexes": [["nation"], ["type"]],
    },
    "checks": {
        "columns": {
            "id": str,
            "source": str,
            "title": str,
            "category": str,
            "description": str,
            "wcag": str,
            "guidance": str,
            "impact": str,
            "help_url": str,
            "how_to_fix": str,
            "tags": str,
        },
        "pk": "id",
        "not_null": {"source", "title"},
        "foreign_keys": [],
        "indexes": [["source"]],
    },
    "runs": {
        "columns": {
            "id": str,
            "label": str,
            "started_at": str,
            "ended_at": str,
            "status": str,
            "tool_version": str,
            "axe_core_version": str,
            "browser_version": str,
            "settings": str,
            "councils": str,
            "pages_count": int,
            "findings_count": int,
        },
        "pk": "id",
        "not_null": {"started_at", "status"},
        "foreign_keys": [],
        "indexes": [["started_at"]],
    },
    "pages": {
        "columns": {
            "id": str,
            "run_id": str,
            "council_code": str,
            "url": str,
            "final_url": str,
            "status": int,
            "content_type": str,
            "bytes": int,
            "title": str,
            "lang": str,
            "depth": int,
            "referer": str,
            "audited": int,
            "error": str,
            "errors": int,
            "warnings": int,
            "fetch_ms": float,
            "axe_ms": float,
            "checks_ms": float,
            "fetched_at": str,
            "reading_age": float,
            "words": int,
        },
        "pk": "id",
        "not_null": {"run_id", "council_code", "url"},
        "foreign_keys": [("run_id", "runs", "id"), ("council_code", "councils", "code")],
        "indexes": [["run_id", "council_code"], ["url"]],
    },
    "findings": {
        "columns": {
            "id": str,
            "run_id": str,
            "page_id": str,
            "council_code": str,
            "page_url": str,
            "check_id": str,
            "source": str,
            "level": str,
            "impact": str,
            "wcag": str,
            "selector": str,
            "snippet": str,
            "message": str,
            "help_url": str,
            "fingerprint": str,
            "extras": str,
        },
        "pk": "id",
        "not_null": {"run_id", "page_id", "check_id", "level", "fingerprint"},
        "foreign_keys": [
            ("run_id", "runs", "id"),
            ("page_id", "pages", "id"),
            ("council_code", "councils", "code"),
            ("check_id", "checks", "id"),
        ],
        "indexes": [
            ["run_id", "council_code", "level"],
            ["check_id"],
            ["fingerprint"],
            ["page_id"],
        ],
    },
    # Added by migration 0002_links: the in-site links of each page, so that links to
    # pages that failed can be found once the run has crawled them (results/linkcheck.py).
    "links": {
        "columns": {
            "id": str,
            "run_id": str,
            "page_id": str,
            "council_code": str,
            "url": str,
            "target_url_canonical": str,
            "selector": str,
            "snippet": str,
        },
        "pk": "id",
        "not_null": {"run_id", "page_id", "url", "target_url_canonical"},
        "foreign_keys": [("run_id", "runs", "id"), ("page_id", "pages", "id")],
        "indexes": [["run_id", "target_url_canonical"], ["page_id"]],
    },
}


# Added by migration 0005_publishing: a view naming each council's runs newest first
# (recency 1 is its latest run, 2 the one before), and full-text search indexes.
VIEWS: dict[str, str] = {
    "council_runs": """
select p.council_code, p.run_id, r.started_at, r.status,
  row_number() over (
    partition by p.council_code order by r.started_at desc, r.id desc
  ) as recency
from (select distinct council_code, run_id from pages) as p
join runs as r on r.id = p.run_id
where r.status in ('complete', 'running')
""".strip(),
}
FTS: dict[str, list[str]] = {
    "pages": ["title", "url"],
    "findings": ["check_id", "message", "snippet"],
}
