"""The statement names the enforcement procedure for the council's nation."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.statements.view import GUIDANCE, MODEL_STATEMENT, StatementView

META = CheckMeta(
    id="statement-enforcement",
    title="The statement explains the enforcement procedure",
    group="statement",
    impact="moderate",
    guidance=GUIDANCE,
    help_url=MODEL_STATEMENT,
    how_to_fix=(
        "Add the model statement's 'Enforcement procedure' section: in England, Scotland and "
        "Wales, the Equality and Human Rights Commission (EHRC) enforces the regulations and "
        "people can contact the Equality Advisory and Support Service (EASS); in Northern "
        "Ireland, the Equality Commission for Northern Ireland (ECNI)."
    ),
    description=(
        "The regulations require the statement to link to the enforcement procedure. Flags "
        "a statement naming no enforcement body, or the body of the wrong nation (EHRC and "
        "EASS in Great Britain, ECNI in Northern Ireland); one naming EHRC without EASS "
        "needs review."
    ),
)


def evaluate(view: StatementView) -> Iterator[Outcome]:
    if not view.found:
        return
    named = set(view.info.enforcement)
    if not named:
        yield Outcome("fail", message="The statement does not explain the enforcement procedure.")
    elif view.in_northern_ireland and "ECNI" not in named:
        yield Outcome(
            "fail",
            message="A Northern Ireland council's statement should name the Equality "
            "Commission for Northern Ireland (ECNI) as the enforcement body.",
        )
    elif not view.in_northern_ireland and "EHRC" not in named:
        yield Outcome(
            "fail",
            message="The statement should name the Equality and Human Rights Commission "
            "(EHRC), which enforces the regulations in Great Britain.",
        )
    elif not view.in_northern_ireland and "EASS" not in named:
        yield Outcome(
            "review",
            message="The statement names the EHRC but not the Equality Advisory and Support "
            "Service (EASS), whom people contact if they are not happy with the reply.",
        )
    else:
        yield Outcome("pass", extras={"enforcement": sorted(named)})
