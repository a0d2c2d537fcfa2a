"""A statement claiming full compliance is not contradicted by errors on the site."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.statements.view import GUIDANCE, PSBAR_HELP, StatementView

META = CheckMeta(
    id="statement-claims-full-compliance",
    title="A claim of full compliance matches the audit",
    group="statement",
    impact="serious",
    guidance=GUIDANCE,
    help_url=PSBAR_HELP,
    how_to_fix=(
        "Test the website, fix the failures, and until then say it is partially compliant "
        "and list the non-accessible content."
    ),
    description=(
        "Flags a statement that says the website is fully compliant when this run found "
        "errors tied to WCAG success criteria on the council's sampled pages or documents."
    ),
)


def evaluate(view: StatementView) -> Iterator[Outcome]:
    if not view.found or view.info.compliance != "full" or view.site_errors is None:
        return
    if view.site_errors:
        yield Outcome(
            "fail",
            snippet=view.info.compliance_sentence,
            message=f"The statement says the website is fully compliant, but this run found "
            f"{view.site_errors} WCAG errors on its pages and documents.",
            extras={"site_errors": view.site_errors},
        )
    else:
        yield Outcome("pass", snippet=view.info.compliance_sentence)
