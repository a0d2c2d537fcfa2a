"""Fix lists for council web teams: one council's latest run, grouped by template-level
fix, most impactful first, with what changed since its previous run.

    from council_audit.report import build_report, render

    report = build_report("results/councils.db", "BIR")
    html = render(report, "html")  # or "csv", "json", "earl" (W3C EARL 1.0, JSON-LD)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from council_audit.report.build import ReportError, build_report, group_findings
from council_audit.report.earl import earl_document, render_earl
from council_audit.report.model import Change, FixGroup, Occurrence, PageRef, Report
from council_audit.report.render import render_csv, render_html, render_json, report_dict

RENDERERS: dict[str, Callable[[Report], str]] = {
    "html": render_html,
    "csv": render_csv,
    "json": render_json,
    "earl": render_earl,
}
FORMATS = tuple(RENDERERS)


def render(report: Report, fmt: str = "html") -> str:
    if fmt not in RENDERERS:
        raise ValueError(f"unknown report format {fmt!r}: one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](report)


def write_report(db_path: str | Path, code: str, fmt: str, out: str | Path) -> Path:
    """Build council ``code``'s fix list and write it to ``out`` in format ``fmt``."""
    text = render(build_report(db_path, code), fmt)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


__all__ = [
    "FORMATS",
    "Change",
    "FixGroup",
    "Occurrence",
    "PageRef",
    "Report",
    "ReportError",
    "build_report",
    "earl_document",
    "group_findings",
    "render",
    "render_csv",
    "render_earl",
    "render_html",
    "render_json",
    "report_dict",
    "write_report",
]
