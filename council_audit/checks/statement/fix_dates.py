"""Dates by which the statement promised fixes have not passed."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.statements.view import GUIDANCE, MODEL_STATEMENT, StatementView

META = CheckMeta(
    id="statement-fix-dates-past",
    title="Promised fix dates have not passed",
    group="statement",
    impact="minor",
    guidance=GUIDANCE,
    help_url=MODEL_STATEMENT,
    how_to_fix=(
        "Fix the problems you promised to fix, then update the statement; if a date has "
        "slipped, say so and give a new date."
    ),
    description=(
        "Flags each date by which the statement says a problem will be fixed that had "
        "passed by the time of the run: the problem may be fixed and the statement out of "
        "date, or the promise broken. A person should check which."
    ),
)


def evaluate(view: StatementView) -> Iterator[Outcome]:
    if not view.found:
        return
    past = [(when, s) for when, s in view.info.fix_dates if when < view.run_date]
    for when, sentence in past:
        yield Outcome(
            "review",
            snippet=sentence,
            message=f"The statement promised a fix by {when.day} {when:%B %Y}, which has passed.",
            key=when.isoformat(),
            extras={"fix_by": when.isoformat()},
        )
    if not past:
        yield Outcome("pass")
