"""The statement says how to report an accessibility problem or ask for another format."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.statements.view import GUIDANCE, MODEL_STATEMENT, StatementView

META = CheckMeta(
    id="statement-feedback-contact",
    title="The statement gives contact details for feedback",
    group="statement",
    impact="serious",
    guidance=GUIDANCE,
    help_url=MODEL_STATEMENT,
    how_to_fix=(
        "Under 'Feedback and contact information', give an email address, a phone number "
        "or a contact form for reporting problems and asking for accessible formats, and "
        "say how long you take to reply."
    ),
    description=(
        "The regulations require a way to report accessibility problems. Flags a statement "
        "with no email address, phone number or link to a contact or feedback form."
    ),
)


def evaluate(view: StatementView) -> Iterator[Outcome]:
    if not view.found:
        return
    info = view.info
    if info.emails or info.phones or view.contact_links:
        yield Outcome("pass", extras={"emails": info.emails, "phones": info.phones})
    else:
        yield Outcome(
            "fail",
            message="The statement gives no email address, phone number or contact form "
            "for reporting accessibility problems.",
        )
