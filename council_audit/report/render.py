"""A fix list as JSON, CSV or a self-contained HTML page (inline styles, no external
assets, prints cleanly). Every string from a crawled page is escaped in the HTML, and
defused in the CSV so that a spreadsheet never runs it as a formula."""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from council_audit.checks.standards.wcag import SUCCESS_CRITERIA, understanding_url
from council_audit.csvsafe import defuse
from council_audit.report.model import Change, FixGroup, Report

TEMPLATES = Path(__file__).parent / "templates"
CSV_COLUMNS = (
    "rank", "level", "impact", "pages_affected", "new_on_pages", "template_level",
    "check_id", "check_title", "wcag", "message", "who_it_affects", "how_to_fix",
    "help_url", "selector", "snippet", "pages",
)  # fmt: skip


# --- JSON ------------------------------------------------------------------------------
def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain data: the ``--format json`` contract."""
    return {
        "report": "council-audit fix list",
        "generated_at": report.generated_at,
        "tool": {"name": "council-audit", "version": report.tool_version},
        "council": report.council,
        "run": report.run,
        "previous_run": report.previous_run,
        "pages": {
            "audited": report.pages_audited,
            "not_audited": report.pages_not_audited,
            "compared_with_previous_run": report.pages_compared,
            "not_checked_this_run": report.pages_not_checked,
        },
        "comparison": comparison_dict(report),
        "summary": {
            "fixes": len(report.groups),
            "errors": report.error_count,
            "warnings": report.warning_count,
            "advice": report.advice_count,
            "new": len(report.new),
            "fixed": len(report.fixed),
        },
        "fixes": [group_dict(g, rank) for rank, g in enumerate(report.groups, 1)],
        "new": [change_dict(c) for c in report.new],
        "fixed": [change_dict(c) for c in report.fixed],
    }


def comparison_dict(report: Report) -> dict[str, Any] | None:
    """How like-for-like the comparison with the previous run is, in plain words."""
    c = report.comparison
    if c is None:
        return None
    return {
        "like_for_like": not c.differs,
        "differences": c.sentences(),
        "checks_compared": None if c.comparable is None else len(c.comparable),
        "checks_only_in_previous_run": c.only_before,
        "checks_only_in_this_run": c.only_now,
    }


def group_dict(g: FixGroup, rank: int) -> dict[str, Any]:
    return {
        "rank": rank,
        "level": g.level,
        "impact": g.impact,
        "check_id": g.check_id,
        "check_title": g.check_title,
        "wcag": [criterion(sc) for sc in g.wcag],
        "message": g.message,
        "description": g.description,
        "who_it_affects": g.who_it_affects,
        "how_to_fix": g.how_to_fix,
        "help_url": g.help_url,
        "selector": g.selector,
        "selectors": g.selectors,
        "snippet": g.snippet,
        "template_level": g.template_level,
        "score": g.score,
        "pages_affected": len(g.pages),
        "new_on_pages": g.new_pages,
        "pages": [{"url": p.url, "title": p.title} for p in g.pages],
        "fingerprints": [o.fingerprint for o in g.occurrences],
    }


def change_dict(c: Change) -> dict[str, Any]:
    return {
        "change": c.change,
        "level": c.level,
        "impact": c.impact,
        "check_id": c.check_id,
        "check_title": c.check_title,
        "page_url": c.page_url,
        "selector": c.selector,
        "snippet": c.snippet,
        "message": c.message,
        "fingerprint": c.fingerprint,
    }


def criterion(sc: str) -> dict[str, str]:
    name, level = SUCCESS_CRITERIA.get(sc, (sc, ""))
    return {"sc": sc, "name": name, "level": level, "url": understanding_url(sc)}


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"


# --- CSV -------------------------------------------------------------------------------
def render_csv(report: Report) -> str:
    """One row per fix, most impactful first; pages affected one per line in a cell."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for rank, g in enumerate(report.groups, 1):
        row = group_dict(g, rank)
        row["wcag"] = " ".join(g.wcag)
        row["pages"] = "\n".join(p.url for p in g.pages)
        writer.writerow({k: defuse(row[k]) for k in CSV_COLUMNS})
    return out.getvalue()


# --- HTML ------------------------------------------------------------------------------
def render_html(report: Report) -> str:
    return _environment().get_template("fix_list.html").render(r=report)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["web_href"] = web_href
    env.filters["criterion"] = criterion
    return env


def web_href(url: Any) -> str | None:
    """``url`` if it is an http(s) address to link to, else None (shown as text)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None
