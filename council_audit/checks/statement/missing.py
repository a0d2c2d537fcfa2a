"""The council publishes an accessibility statement that the crawler can find."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.statements.view import GUIDANCE, PSBAR_HELP, StatementView

META = CheckMeta(
    id="statement-missing",
    title="The website has an accessibility statement",
    group="statement",
    impact="serious",
    guidance=GUIDANCE,
    help_url=PSBAR_HELP,
    how_to_fix=(
        "Publish an accessibility statement as a web page, based on GDS's model statement, "
        "and link to it from every page (the footer is the usual place), with link text "
        "such as 'Accessibility statement'."
    ),
    description=(
        "Public sector websites must publish an accessibility statement. Flags a site where "
        "no statement was found by link text, footer links or common addresses, in English "
        "or Welsh, on the sampled pages."
    ),
)


def evaluate(view: StatementView) -> Iterator[Outcome]:
    if view.found:
        yield Outcome("pass")
        return
    if view.url:
        message = f"The link to the accessibility statement ({view.url}) does not lead to a readable statement."
    else:
        message = (
            "No accessibility statement was found: no sampled page links to one "
            "('Accessibility statement', 'Datganiad hygyrchedd') and no common address has one."
        )
    yield Outcome("fail", message=message)
