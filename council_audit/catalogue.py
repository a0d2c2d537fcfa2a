"""The check catalogue: rows for the ``checks`` table and the generated reference
``docs/checks.md``, both from the registry so they cannot drift."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from council_audit.checks import Registry, default_registry
from council_audit.checks.standards.wcag import describe, finding_level


def builtin_rows(registry: Registry | None = None) -> Iterator[dict[str, Any]]:
    for check in registry or default_registry():
        m = check.meta
        yield {
            "id": m.id,
            "source": "builtin",
            "title": m.title,
            "category": m.group,
            "description": m.description,
            "wcag": list(m.wcag),
            "guidance": m.guidance,
            "impact": m.impact,
            "help_url": m.help_url,
            "how_to_fix": m.how_to_fix,
            "tags": [],
        }


def checks_markdown(registry: Registry | None = None) -> str:
    """docs/checks.md: every built-in check with what it finds and how to fix it (with
    the checks of accessibility statements and documents, unless a registry is given)."""
    if registry is None:
        from council_audit.checks.subjects import document_registry, statement_registry

        found = [*default_registry(), *statement_registry(), *document_registry()]
    else:
        found = list(registry)
    checks = sorted(found, key=lambda c: (c.meta.group, c.meta.id))
    lines = [
        "# Check reference",
        "",
        "Generated from the check registry by `council-audit docs`; do not edit by hand.",
        "Besides these built-in checks, every page is audited with axe-core's WCAG 2.2 A/AA",
        "and best-practice rules (violations are errors, *incomplete* results need review),",
        "plus `target-size`, which axe-core ships switched off (and `color-contrast-enhanced`",
        "when the `enhanced_contrast` setting asks for it).",
        "",
        "Levels follow the law (WCAG 2.2 A and AA, PSBAR 2018), by one rule for every check:",
        "a certain failure of an A or AA success criterion is an `error`, a possible one to",
        "review a `warning`; a check that names no A or AA criterion (best practice, GOV.UK",
        "guidance, AAA criteria only) gives `advice`, beyond the legal standard, never",
        "counted in error rates. Each check below says which levels it can give.",
        "",
        "Probes (`council_audit/probes/`) then measure what axe-core could not judge. An",
        "*incomplete* result a probe measured and found to pass is left out: `contrast`",
        "measures text contrast from screenshot pixels (gradients, images, shadows, SVG text);",
        "`frames` compares what same-named frames show (`frame-title-unique`).",
        "Probe data also feeds built-in checks: `keyboard` (for `keyboard-trap`),",
        "`link_targets` (for `link-text-ambiguous`) and `frames` (for `frame-name-unique`).",
        "",
    ]
    group = None
    for check in checks:
        m = check.meta
        if m.group != group:
            group = m.group
            lines += [f"## {group.capitalize()}", ""]
        criteria = ", ".join(describe(sc) for sc in m.wcag) or "—"
        lines += [
            f"### `{m.id}`: {m.title}",
            "",
            m.description,
            "",
            f"- WCAG: {criteria}",
            f"- Levels: {levels_of(m.wcag)}",
            *([f"- Guidance: {m.guidance}"] if m.guidance else []),
            f"- Impact: {m.impact}",
            *(
                [f"- Off by default (opt-in): `--set enabled_checks={m.id}` runs it"]
                if m.opt_in
                else []
            ),
            f"- How to fix: {m.how_to_fix}",
            f"- More: <{m.help_url}>",
            "",
        ]
    return "\n".join(lines)


def levels_of(wcag: tuple[str, ...]) -> str:
    """What a check's findings can be, by the level rule."""
    if finding_level(True, wcag) == "advice":
        return "advice only (beyond the legal standard: no WCAG A or AA criterion)"
    return "error when certain, warning when it needs review (WCAG A or AA)"
