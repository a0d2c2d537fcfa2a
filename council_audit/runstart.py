"""Starting a run: recording what it runs (the check catalogue, the checks run with their
versions, the settings that change findings). Used by single-machine crawls
(:mod:`council_audit.api`) and by queue workers (:mod:`council_audit.scale.worker`)."""

from __future__ import annotations

import json
from typing import Any

from council_audit import __version__
from council_audit.catalogue import builtin_rows
from council_audit.checks.axe import axe_version, catalogue_rows
from council_audit.checks.subjects import document_registry, statement_registry
from council_audit.results import ResultsDB
from council_audit.results.runrecord import checks_run, digest
from council_audit.settings import Settings, settings_reference


def start_run(
    db: ResultsDB,
    settings: Settings,
    rules: list[dict[str, Any]],
    browser_version: str,
    **run: Any,
) -> str:
    """Record a run with what it runs: the check catalogue, the checks run with their
    versions and the settings that change findings. ``run`` gives its label and councils
    (and, for a run queued for workers, its id and start time)."""
    checks = catalogue(rules)
    db.upsert_checks(checks)
    ran = checks_run(checks, settings, __version__, axe_version())
    run_id = db.start_run(
        {
            "tool_version": __version__,
            "axe_core_version": axe_version(),
            "browser_version": browser_version,
            "settings": settings.as_dict(),
            "finding_settings": settings.finding_settings(),
            "checks_digest": digest(ran, settings.finding_settings()),
            **run,
        }
    )
    db.record_checks(run_id, ran)
    return run_id


def run_settings(stored: str) -> dict[str, Any]:
    """A run's stored settings, without any this version no longer knows."""
    known = {name for name, _, _ in settings_reference()}
    return {k: v for k, v in json.loads(stored or "{}").items() if k in known}


def catalogue(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every check's catalogue row: page, statement and document checks, and axe-core's."""
    return [
        *builtin_rows(),
        *builtin_rows(statement_registry()),
        *builtin_rows(document_registry()),
        *catalogue_rows(rules),
    ]
