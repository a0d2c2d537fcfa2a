"""The statement was prepared or reviewed within the last 12 months (by default)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.statements.view import GUIDANCE, PSBAR_HELP, StatementView

DAYS_PER_MONTH = 30.44

META = CheckMeta(
    id="statement-up-to-date",
    title="The statement has been reviewed in the last year",
    group="statement",
    impact="moderate",
    guidance=GUIDANCE,
    help_url=PSBAR_HELP,
    how_to_fix=(
        "Review the statement at least once a year and whenever the website changes a lot; "
        "end it with 'This statement was prepared on [date]. It was last reviewed on [date].'"
    ),
    description=(
        "The statement must say when it was prepared and be kept up to date. Flags a "
        "statement whose latest preparation or review date is older than "
        "statement_review_months (12) before the run, and one with no date at all."
    ),
)


def evaluate(view: StatementView) -> Iterator[Outcome]:
    if not view.found:
        return
    last = view.info.last_reviewed
    if last is None:
        yield Outcome(
            "review", message="The statement does not say when it was prepared or last reviewed."
        )
        return
    months = view.settings.statement_review_months
    age = (view.run_date - last).days
    extras = {"last_reviewed": last.isoformat(), "age_days": age}
    if age > months * DAYS_PER_MONTH:
        yield Outcome(
            "fail",
            snippet=last.isoformat(),
            message=f"The statement was last reviewed on {last.day} {last:%B %Y}, more than {months} "
            f"months before this run ({age} days).",
            extras=extras,
        )
    else:
        yield Outcome("pass", snippet=last.isoformat(), extras=extras)
