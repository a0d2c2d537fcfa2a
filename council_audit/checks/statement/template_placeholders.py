"""No unedited placeholders from the model statement are left in [square brackets]."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.statements.view import GUIDANCE, MODEL_STATEMENT, StatementView

META = CheckMeta(
    id="statement-template-placeholders",
    title="The statement has no unedited template text",
    group="statement",
    impact="moderate",
    guidance=GUIDANCE,
    help_url=MODEL_STATEMENT,
    how_to_fix="Replace every [placeholder] of the model statement with the council's own details.",
    description=(
        "Flags text left in square brackets from GDS's model statement, such as "
        "'[name of organisation]' or '[date]': the statement was published without "
        "being filled in."
    ),
)


def evaluate(view: StatementView) -> Iterator[Outcome]:
    if not view.found:
        return
    for placeholder in view.info.placeholders:
        yield Outcome(
            "fail",
            snippet=placeholder,
            message=f"The statement still has the template placeholder {placeholder}.",
            key=placeholder.lower(),
        )
    if not view.info.placeholders:
        yield Outcome("pass")
