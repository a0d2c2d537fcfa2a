"""A partially or not compliant statement lists what is not accessible, with the WCAG
success criteria each problem fails."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.statements.view import GUIDANCE, MODEL_STATEMENT, StatementView

META = CheckMeta(
    id="statement-non-accessible-content",
    title="The statement lists the content that is not accessible",
    group="statement",
    impact="moderate",
    guidance=GUIDANCE,
    help_url=MODEL_STATEMENT,
    how_to_fix=(
        "Under 'Non-accessible content', list each problem in plain words, the WCAG "
        "success criterion it fails (for example 1.1.1), and when you plan to fix it."
    ),
    description=(
        "A statement that is not fully compliant must say which content is not accessible "
        "and why. Flags a missing 'Non-accessible content' section, or one that names no "
        "WCAG success criteria."
    ),
)


def evaluate(view: StatementView) -> Iterator[Outcome]:
    info = view.info
    if not view.found or info.compliance not in ("partial", "not"):
        return
    if not info.non_accessible_section:
        yield Outcome(
            "review",
            snippet=info.compliance_sentence,
            message="The statement says the site is not fully compliant but has no section "
            "listing the non-accessible content.",
        )
    elif not info.wcag_references:
        yield Outcome(
            "review",
            message="The statement lists non-accessible content but names no WCAG success "
            "criteria (such as 1.1.1) for the problems.",
        )
    else:
        yield Outcome("pass", extras={"wcag_references": info.wcag_references})
