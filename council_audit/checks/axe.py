"""The axe-core runner: where axe-core comes from, how it is run in a page, and how its
results become findings. axe-core is read from the ``axe-playwright-python`` package,
never copied into this repository."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.resources import files
from typing import Any

from council_audit.checks.standards.act import (
    REVIEW_ONLY,
    Secondary,
    catalogue_note,
    node_review,
)
from council_audit.checks.standards.wcag import finding_level, level_extras
from council_audit.findings import Finding, cut_snippet
from council_audit.settings import ENHANCED_CONTRAST
from council_audit.templates import RUN_JS as TEMPLATE_RUN

AXE_PACKAGE = "axe_playwright_python"
_VERSION = re.compile(r"axe v(\d+\.\d+\.\d+)")
_SC_TAG = re.compile(r"^wcag(\d)(\d)(\d{1,2})$")
# Rules axe-core ships switched off that a council audit wants on: the WCAG 2.2 AA
# target-size rule, and enhanced contrast (1.4.6, AAA, advice) when the
# ``enhanced_contrast`` setting asks for it (see Settings.checks_off).
ENABLE_RULES = ("target-size", ENHANCED_CONTRAST)
# Rules that only report on axe-core's own set-up: frames are audited as pages of their
# own, so "frame-tested" (axe could not run inside the iframe) is noise here.
DISABLE_RULES = ("frame-tested",)


@lru_cache(maxsize=1)
def axe_source() -> str:
    """The axe.min.js shipped inside the axe-playwright-python package."""
    return (files(AXE_PACKAGE) / "axe.min.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def axe_version() -> str:
    match = _VERSION.search(axe_source()[:200])
    if not match:
        raise RuntimeError("cannot read the axe-core version from axe.min.js")
    return match.group(1)


def run_script(tags: Iterable[str], disabled: Iterable[str] = (), template: bool = False) -> str:
    """JavaScript (an async arrow function) that runs axe-core on the document. Rule ids
    in ``disabled`` (the ``disabled_checks`` setting) are not run at all; ids axe-core
    does not know (built-in checks) are left out of its options, where it would throw.

    The function returns the results as a JSON string: Playwright's own transfer of a
    large object (checked value by value in Python) costs more than axe-core's run of
    some rules. With ``template``, the function takes a
    :class:`council_audit.templates.PagePlan`'s ``script_arg()`` (JSON too): the regions it names are left out of axe-core's context, the rules
    that look beyond an element's region run on the whole page, and the remembered
    results are put back (see :mod:`council_audit.templates`)."""
    off = set(DISABLE_RULES) | set(disabled)
    rules = {rule: {"enabled": False} for rule in sorted(off)}
    rules.update({rule: {"enabled": True} for rule in ENABLE_RULES if rule not in off})
    options = {
        "runOnly": {"type": "tag", "values": list(tags)},
        "resultTypes": ["violations", "incomplete"],
        "elementRef": False,
        "ancestry": False,
        "xpath": False,
        "iframes": False,
    }
    prelude = (
        "const known = new Set(axe.getRules().map(r => r.ruleId));"
        f" const rules = Object.fromEntries(Object.entries({json.dumps(rules)})"
        ".filter(([id]) => known.has(id)));"
    )
    if template:
        return (
            f"async (plan) => {{ const t = JSON.parse(plan); {prelude}"
            f" const opts = {{...{json.dumps(options)}, elementRef: true}};"
            f" {TEMPLATE_RUN} }}"
        )
    return (
        f"async () => {{ {prelude}"
        f" const r = await axe.run(document, {{...{json.dumps(options)}, rules}});"
        " return JSON.stringify({violations: r.violations, incomplete: r.incomplete,"
        " testEngine: r.testEngine}); }"
    )


def rules_run(
    rules: Iterable[dict[str, Any]], tags: Iterable[str], off: Iterable[str]
) -> list[str]:
    """Ids of the catalogued rules (``checks`` rows of axe-core) :func:`run_script` runs
    with these tags and these checks off: the same choice axe-core makes."""
    wanted, skip = set(tags), set(off) | set(DISABLE_RULES)
    return sorted(
        r["id"]
        for r in rules
        if r["id"] not in skip and (wanted & set(r.get("tags") or ()) or r["id"] in ENABLE_RULES)
    )


RULES_SCRIPT = "() => axe.getRules().map(r => ({...r, tags: r.tags}))"


def wcag_from_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """['wcag2aa', 'wcag1410'] -> ('1.4.10',): success criteria from axe's tags."""
    out = []
    for tag in tags:
        m = _SC_TAG.match(tag)
        if m:
            out.append(".".join(m.groups()))
    return tuple(out)


def incomplete_nodes(
    results: dict[str, Any], rules: Iterable[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(rule id, node) of axe-core's "incomplete" results of ``rules``, in its order."""
    wanted = set(rules)
    for rule in results.get("incomplete") or ():
        if rule.get("id") in wanted:
            for node in rule.get("nodes") or ():
                yield rule["id"], node


def selector_of(target: list[Any]) -> str:
    """axe's target is a list of selectors; nested lists cross iframes or shadow roots."""
    parts = []
    for part in target:
        parts.append(" >>> ".join(part) if isinstance(part, list) else str(part))
    return " | ".join(parts)


def findings_from_results(
    results: dict[str, Any],
    snippet_chars: int = 500,
    resolved: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset(),
) -> Iterator[Finding]:
    """Violations are failures, incomplete results need review; the level follows the one
    rule of :func:`finding_level`: rules that name no WCAG A or AA criterion (axe-core's
    best-practice rules, AAA rules) give ``advice``. A violation of a rule whose ACT rule
    maps its criteria as secondary only, or that judged samples showed loses nothing by
    itself (:mod:`~council_audit.checks.standards.act`), is a warning to review, with
    what to review first in its message. ``resolved`` holds (rule id, selector) of
    incomplete results that a probe measured and found to pass (see
    :mod:`council_audit.probes`): those are left out."""
    for kind in ("violations", "incomplete"):
        for rule in results.get(kind, []):
            rule_failed = kind == "violations" and rule.get("id") not in REVIEW_ONLY
            wcag = wcag_from_tags(rule.get("tags", []))
            for node in rule.get("nodes", []):
                selector = selector_of(node.get("target", []))
                if kind == "incomplete" and (rule["id"], selector) in resolved:
                    continue
                judged = node_review(rule.get("id", ""), node.get("html") or "")
                failed = rule_failed and judged is None
                rule_level = finding_level(failed, wcag)
                yield Finding(
                    check_id=rule["id"],
                    source="axe",
                    level=rule_level,  # type: ignore[arg-type]
                    impact=node.get("impact") or rule.get("impact"),
                    wcag=wcag,
                    selector=selector,
                    snippet=cut_snippet(node.get("html", ""), snippet_chars),
                    message=_message(rule, node, kind == "violations", judged),
                    help_url=rule.get("helpUrl", ""),
                    extras={
                        "tags": rule.get("tags", []),
                        **level_extras(rule_level, failed),
                        **({"template": node["region"]} if node.get("region") else {}),
                    },
                )


def _message(
    rule: dict[str, Any],
    node: dict[str, Any],
    violation: bool = True,
    judged: Secondary | None = None,
) -> str:
    summary = (node.get("failureSummary") or "").strip()
    help_text = rule.get("help", "")
    text = f"{help_text}. {summary}" if summary else help_text
    secondary = (judged or REVIEW_ONLY.get(rule.get("id", ""))) if violation else None
    return f"{secondary.review} {text}" if secondary else text


def catalogue_rows(rules: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows for the ``checks`` table from ``axe.getRules()``."""
    for rule in rules:
        tags = rule.get("tags", [])
        yield {
            "id": rule["ruleId"],
            "source": "axe",
            "title": rule.get("help", ""),
            "category": "axe-core",
            "description": rule.get("description", ""),
            "wcag": list(wcag_from_tags(tags)),
            "guidance": "best-practice" if "best-practice" in tags else "",
            "impact": None,
            "help_url": rule.get("helpUrl", ""),
            "how_to_fix": f"See {rule.get('helpUrl', 'the axe-core rule help')}",
            "tags": tags,
            "act_rules": list(rule.get("actIds") or ()),
            "levels": catalogue_note(rule["ruleId"], list(rule.get("actIds") or ())),
        }
