"""A claim of disproportionate burden is backed by an assessment."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.statements.view import GUIDANCE, PSBAR_HELP, StatementView

META = CheckMeta(
    id="statement-disproportionate-burden",
    title="A disproportionate burden claim is explained",
    group="statement",
    impact="minor",
    guidance=GUIDANCE,
    help_url=PSBAR_HELP,
    how_to_fix=(
        "If you claim that fixing something would be a disproportionate burden, say what "
        "you assessed (costs and benefits), what is affected, and when you will assess it again."
    ),
    description=(
        "The regulations let a body claim that fixing some content would be a "
        "disproportionate burden only after assessing it. Flags a claim with no mention "
        "of an assessment, for a person to review."
    ),
)


def evaluate(view: StatementView) -> Iterator[Outcome]:
    info = view.info
    if not view.found or not info.disproportionate_burden:
        return
    if info.burden_assessed:
        yield Outcome("pass")
    else:
        yield Outcome(
            "review",
            message="The statement claims a disproportionate burden but mentions no assessment.",
        )
