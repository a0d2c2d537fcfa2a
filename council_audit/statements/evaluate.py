"""Checking a council's statement when its crawl is over: read the stored text, run the
statement checks, and fill in the ``statements`` row."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from council_audit.checks.registry import Registry
from council_audit.checks.subjects import statement_registry
from council_audit.findings import Finding
from council_audit.settings import Settings
from council_audit.statements.parse import StatementInfo, parse_statement
from council_audit.statements.view import StatementView


def check_statement(
    row: dict[str, Any] | None,
    *,
    nation: str | None,
    run_date: dt.date,
    site_errors: int | None,
    settings: Settings,
    registry: Registry | None = None,
) -> tuple[dict[str, Any], list[Finding]]:
    """The statement row's checked fields and the findings, for a stored candidate
    statement row (None when no statement was found)."""
    view = view_of(
        row, nation=nation, run_date=run_date, site_errors=site_errors, settings=settings
    )
    findings = (registry or statement_registry()).run(view)  # type: ignore[arg-type]
    return row_fields(view, findings), findings


def view_of(
    row: dict[str, Any] | None,
    *,
    nation: str | None,
    run_date: dt.date,
    site_errors: int | None,
    settings: Settings,
) -> StatementView:
    if not row or not row.get("found"):
        url = (row or {}).get("url") or ""
        return StatementView(
            url=url, found=False, run_date=run_date, nation=nation, settings=settings
        )
    return StatementView(
        url=row["url"],
        found=True,
        run_date=run_date,
        info=parse_statement(row.get("text") or ""),
        format=row.get("format") or "html",
        recognised=bool(row.get("recognised")),
        nation=nation,
        site_errors=site_errors,
        contact_links=json.loads(row.get("contact_links") or "[]"),
        settings=settings,
    )


def row_fields(view: StatementView, findings: list[Finding]) -> dict[str, Any]:
    info: StatementInfo = view.info
    last = info.last_reviewed
    past = sorted({d.isoformat() for d, _ in info.fix_dates if d < view.run_date})
    return {
        "found": int(view.found),
        "compliance": info.compliance,
        "wcag_version": info.wcag_version,
        "non_accessible_section": int(info.non_accessible_section) if view.found else None,
        "wcag_references": json.dumps(info.wcag_references),
        "disproportionate_burden": int(info.disproportionate_burden) if view.found else None,
        "prepared_on": info.prepared_on.isoformat() if info.prepared_on else None,
        "reviewed_on": info.reviewed_on.isoformat() if info.reviewed_on else None,
        "review_age_days": (view.run_date - last).days if last else None,
        "fix_dates_past": json.dumps(past),
        "emails": json.dumps(info.emails),
        "phones": json.dumps(info.phones),
        "enforcement": json.dumps(info.enforcement),
        "placeholders": json.dumps(info.placeholders, ensure_ascii=False),
        "site_errors": view.site_errors,
        # the statement regulations (PSBAR 2018) name no WCAG criterion, so these
        # findings are advice: the statement's own counts are of failed and to review
        "errors": sum(f.outcome == "fail" for f in findings),
        "warnings": sum(f.outcome == "review" for f in findings),
        "words": info.words if view.found else None,
    }
