"""A field named only by its placeholder (WCAG 3.3.2, 1.3.1)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.dom import outer_html, squash
from council_audit.checks.common.forms import FACT, fields, input_type, name_without_placeholder
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="placeholder-only-label",
    title="Fields have a label, not just placeholder text",
    group="forms",
    impact="serious",
    wcag=("3.3.2", "1.3.1"),
    help_url="https://www.w3.org/WAI/tutorials/forms/labels/",
    how_to_fix=(
        "Give the field a visible <label for=...> (or aria-labelledby pointing at visible "
        "text). Placeholder text disappears as soon as people type, is often too faint to "
        "read, and some assistive technology does not announce it."
    ),
    description=(
        "Text boxes and text areas whose only name is their placeholder: no <label>, no "
        "aria-label or aria-labelledby and no title. axe-core accepts a placeholder as a "
        "name, so it does not flag these."
    ),
    facts=(FACT,),
)
TAKES_PLACEHOLDER = frozenset({"textarea"}) | {
    "text", "email", "search", "tel", "url", "number", "password",
    "date", "datetime-local", "month", "week", "time",
}  # fmt: skip


def evaluate(page: PageView) -> Iterator[Outcome]:
    for control in fields(page):
        placeholder = squash(control.get("placeholder") or "")
        if not placeholder or input_type(control) not in TAKES_PLACEHOLDER:
            continue
        selector = page.selector_for(control)
        snippet = outer_html(control)
        if name_without_placeholder(page, control):
            yield Outcome("pass", selector, snippet)
            continue
        message = (
            f"The field's only label is its placeholder '{placeholder}', which disappears "
            "when people type."
        )
        yield Outcome("fail", selector, snippet, message, extras={"placeholder": placeholder})
