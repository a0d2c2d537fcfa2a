"""The statement says whether the site is fully, partially or not compliant."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.statements.view import GUIDANCE, MODEL_STATEMENT, StatementView

META = CheckMeta(
    id="statement-compliance-status",
    title="The statement gives the website's compliance status",
    group="statement",
    impact="moderate",
    guidance=GUIDANCE,
    help_url=MODEL_STATEMENT,
    how_to_fix=(
        "Say plainly whether the website is fully compliant, partially compliant or not "
        "compliant with WCAG 2.2 AA, using the model statement's wording."
    ),
    description=(
        "The regulations require the statement to say how far the website complies. Flags "
        "a statement where no 'fully / partially / not compliant' wording was found (this "
        "is read from the text, so a person should confirm)."
    ),
)


def evaluate(view: StatementView) -> Iterator[Outcome]:
    if not view.found:
        return
    info = view.info
    if info.compliance is None:
        yield Outcome(
            "review",
            message=(
                "The statement does not say whether the website is fully, partially or "
                "not compliant with the accessibility standard."
            ),
        )
    else:
        yield Outcome("pass", snippet=info.compliance_sentence)
