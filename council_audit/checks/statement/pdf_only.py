"""The accessibility statement is a web page, not only a PDF."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.statements.view import GUIDANCE, PSBAR_HELP, StatementView

META = CheckMeta(
    id="statement-pdf-only",
    title="The accessibility statement is published as a web page",
    group="statement",
    impact="moderate",
    guidance=GUIDANCE,
    help_url=PSBAR_HELP,
    how_to_fix="Publish the statement as an HTML page on the website; a PDF copy may be offered too.",
    description=(
        "GDS asks for the statement to be an HTML page: a PDF is harder to find, read and "
        "keep up to date. Flags a statement that is only published as a PDF."
    ),
)


def evaluate(view: StatementView) -> Iterator[Outcome]:
    if not view.found:
        return
    if view.format == "pdf":
        yield Outcome(
            "fail", "document", view.url, "The accessibility statement is only published as a PDF."
        )
    else:
        yield Outcome("pass")
