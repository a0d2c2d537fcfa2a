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
left join council_crawls as c on c.run_id = p.run_id and c.council_code = p.council_code
where coalesce(c.status, r.status) = 'complete'
""".strip(),
}
FTS: dict[str, list[str]] = {
    "pages": ["title", "url"],
    "findings": ["check_id", "message", "snippet"],
}


# Added by migrations 0003_crawl_sample and 0004_statements_documents: why each page was
# sampled and where it redirected; each council's part of a run (for resuming, progress
# and scheduling); the crawl frontier (kept only while a council is being crawled); the
# accessibility statement found for each council; and the documents checked.
TABLES["pages"]["columns"].update({"selected_because": str, "redirect": str})
TABLES.update(
    {
        "council_crawls": {
            "columns": {
                "run_id": str,
                "council_code": str,
                "status": str,
                "started_at": str,
                "ended_at": str,
                "budget": int,
                "document_limit": int,
                "hosts": str,
                "wave": int,
                "pages": int,
                "documents": int,
                "errors": int,
                "warnings": int,
                "https_upgrade": int,
                "traps_skipped": int,
                "resume_state": str,
            },
            "pk": ("run_id", "council_code"),
            "not_null": {"status", "started_at"},
            "foreign_keys": [("run_id", "runs", "id"), ("council_code", "councils", "code")],
            "indexes": [["council_code", "status"]],
        },
        "frontier": {
            "columns": {
                "id": str,
                "run_id": str,
                "council_code": str,
                "url": str,
                "kind": str,
                "state": str,
                "via": str,
                "depth": int,
                "sort_key": str,
                "rank": int,
                "wave": int,
                "reasons": str,
                "referer": str,
                "texts": str,
                "has_form": int,
            },
            "pk": "id",
            "not_null": {"run_id", "council_code", "url", "state"},
            "foreign_keys": [("run_id", "runs", "id")],
            "indexes": [["run_id", "council_code"]],
        },
        "statements": {
            "columns": {
                "run_id": str,
                "council_code": str,
                "page_id": str,
                "url": str,
                "found": int,
                "recognised": int,
                "found_by": str,
                "format": str,
                "title": str,
                "compliance": str,
                "wcag_version": str,
                "non_accessible_section": int,
                "wcag_references": str,
                "disproportionate_burden": int,
                "prepared_on": str,
                "reviewed_on": str,
                "review_age_days": int,
                "fix_dates_past": str,
                "emails": str,
                "phones": str,
                "contact_links": str,
                "enforcement": str,
                "placeholders": str,
                "site_errors": int,
                "errors": int,
                "warnings": int,
                "words": int,
                "text": str,
            },
            "pk": ("run_id", "council_code"),
            "not_null": {"found"},
            "foreign_keys": [
                ("run_id", "runs", "id"),
                ("council_code", "councils", "code"),
                ("page_id", "pages", "id"),
            ],
            "indexes": [["council_code"], ["compliance"]],
        },
        "documents": {
            "columns": {
                "id": str,
                "run_id": str,
                "council_code": str,
                "page_id": str,
                "url": str,
                "linked_from": str,
                "link_text": str,
                "selected_because": str,
                "kind": str,
                "content_type": str,
                "bytes": int,
                "checked": int,
                "error": str,
                "page_count": int,
                "tagged": int,
                "lang": str,
                "title": str,
                "display_doc_title": int,
                "text_pages": int,
                "image_only_pages": int,
                "encrypted": int,
                "accessibility_allowed": int,
                "form_fields": int,
                "unnamed_form_fields": int,
                "created_at": str,
                "modified_at": str,
                "producer": str,
                "may_be_exempt": int,
                "errors": int,
                "warnings": int,
            },
            "pk": "id",
            "not_null": {"run_id", "council_code", "url"},
            "foreign_keys": [
                ("run_id", "runs", "id"),
                ("council_code", "councils", "code"),
                ("page_id", "pages", "id"),
            ],
            "indexes": [["run_id", "council_code"], ["url"]],
        },
    }
)


# Added by migration 0006_advice: findings beyond the legal standard (best practice, AAA)
# are counted apart from errors and warnings.
TABLES["pages"]["columns"]["advice"] = int
TABLES["council_crawls"]["columns"]["advice"] = int

# Added by migration 0007_run_record: what each run ran, so that runs are compared like
# for like (council_audit/results/runrecord.py): the checks with their engine's version,
# the settings that change findings and a digest of both; and each finding's template
# key, the same for the same check on the same code on any page.
TABLES["runs"]["columns"].update({"checks_digest": str, "finding_settings": str})
TABLES["findings"]["columns"]["template_key"] = str
TABLES["run_checks"] = {
    "columns": {"run_id": str, "check_id": str, "source": str, "version": str},
    "pk": ("run_id", "check_id"),
    "not_null": {"version"},
    "foreign_keys": [("run_id", "runs", "id")],
    "indexes": [["check_id"]],
}

# Added by migration 0008_carried_forward: on a re-crawl, a page unchanged since the
# council's last complete run keeps that run's findings (``carried_from`` names the run
# that audited it); ``page_changes`` records what a later re-crawl compares (validators,
# the HTML digest, the stylesheets and scripts, the audit key).
TABLES["pages"]["columns"]["carried_from"] = str
TABLES["findings"]["columns"]["carried_from"] = str
TABLES["page_changes"] = {
    "columns": {
        "page_id": str,
        "run_id": str,
        "council_code": str,
        "url": str,
        "etag": str,
        "last_modified": str,
        "html_digest": str,
        "resources": str,
        "audit_key": str,
    },
    "pk": "page_id",
    "not_null": {"run_id", "council_code", "url"},
    "foreign_keys": [("page_id", "pages", "id"), ("run_id", "runs", "id")],
    "indexes": [["run_id", "council_code"]],
}

# Added by migration 0010_act_levels: for each of axe-core's rules, the W3C ACT rules it
# implements, and how its findings are levelled by their accessibility requirements
# mapping (council_audit/checks/standards/act.py).
TABLES["checks"]["columns"].update({"act_rules": str, "levels": str})
