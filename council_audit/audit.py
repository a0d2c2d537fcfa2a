"""Turning what the browser gathered into findings: axe-core's results plus every
registered check, on the same :class:`PageView`. No browser is used here."""

from __future__ import annotations

import time

from council_audit.checks import Registry, default_registry
from council_audit.checks.axe import findings_from_results
from council_audit.checks.common.page import PageView
from council_audit.checks.common.text import page_measures
from council_audit.collect import PageSnapshot
from council_audit.findings import Finding
from council_audit.probes import axe_resolved
from council_audit.settings import Settings


def audit_snapshot(
    snapshot: PageSnapshot, settings: Settings, registry: Registry | None = None
) -> list[Finding]:
    """All findings for one page: axe-core's, then the built-in checks'. Findings that
    share a fingerprint (the same problem reported twice) are kept once."""
    if not snapshot.audited:
        return []
    started = time.perf_counter()
    disabled = set(settings.disabled_checks)
    found = [
        f
        for f in findings_from_results(
            snapshot.axe or {}, settings.snippet_chars, axe_resolved(snapshot.facts)
        )
        if f.check_id not in disabled
    ]
    view = PageView(
        url=snapshot.url,
        final_url=snapshot.final_url,
        status=snapshot.status,
        html=snapshot.html,
        facts=snapshot.facts,
        settings=settings,
    )
    found.extend((registry or default_registry()).run(view, disabled))
    snapshot.measures = page_measures(view)
    snapshot.timings["checks_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return dedupe(found, snapshot.url)


def dedupe(findings: list[Finding], page_url: str) -> list[Finding]:
    """Keep the first finding per fingerprint; an error outranks a warning."""
    kept: dict[str, Finding] = {}
    for f in findings:
        fp = f.fingerprint(page_url)
        if fp not in kept or (kept[fp].level == "warning" and f.level == "error"):
            kept[fp] = f
    return list(kept.values())
