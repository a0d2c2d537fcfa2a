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
        "name, so it does not flag these. A form's one text field beside the button that "
        "submits it ('Search', 'Subscribe', not 'Go') is labelled by that button (WCAG technique "
        "G167) and passes."
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
        if name_without_placeholder(page, control) or _labelled_by_its_button(control):
            yield Outcome("pass", selector, snippet)
            continue
        message = (
            f"The field's only label is its placeholder '{placeholder}', which disappears "
            "when people type."
        )
        yield Outcome("fail", selector, snippet, message, extras={"placeholder": placeholder})


GENERIC_BUTTONS = frozenset({"", "go", "ok", "submit", "send", "enter", "continue"})


def _labelled_by_its_button(control: object) -> bool:
    """The only text field of its form, submitted by a button whose visible text says
    what the field is for ('Search', 'Subscribe', not 'Go'): the button labels it (WCAG
    technique G167, as a search box)."""
    form = next((a for a in control.iterancestors() if a.tag == "form"), None)  # type: ignore[attr-defined]
    if form is None:
        return False
    texts = [f for f in form.iter("input", "textarea") if input_type(f) in TAKES_PLACEHOLDER]
    if texts != [control]:
        return False
    for button in form.iter("button", "input"):
        kind = (button.get("type") or ("submit" if button.tag == "button" else "text")).lower()
        if kind not in ("submit", "image"):
            continue
        words = squash(button.text_content() if button.tag == "button" else "")
        words = words or squash(button.get("value") or button.get("alt") or "")
        if words and words.lower().strip(" >»›") not in GENERIC_BUTTONS:
            return True
    return False
