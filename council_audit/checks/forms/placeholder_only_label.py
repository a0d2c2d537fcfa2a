"""A field named only by its placeholder (WCAG 3.3.2, 1.3.1)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.dom import holds, outer_html, squash
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
        "G167) and passes. A field with short visible text just before it ('Email:', or in "
        "the table cell before its own) that is not associated with it asks for review "
        "against 1.3.1: it has a visible label, but not one screen readers are told of."
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
        shown = _text_before(control)
        if shown:
            message = (
                f"The text '{shown}' before the field looks like its label, but it is not "
                f"associated with the field, whose name comes from its placeholder "
                f"'{placeholder}': screen readers may not read it with the field. Make it "
                "a <label for=...>."
            )
            yield Outcome(
                "review", selector, snippet, message,
                extras={"placeholder": placeholder, "text_before": shown}, wcag=("1.3.1",),
            )  # fmt: skip
            continue
        message = (
            f"The field's only label is its placeholder '{placeholder}', which disappears "
            "when people type."
        )
        yield Outcome("fail", selector, snippet, message, extras={"placeholder": placeholder})


LABEL_WORDS = 6  # longest text read as a field's visible label
BLOCKS = frozenset({"p", "div", "li", "td", "th", "tr", "table", "form", "fieldset", "br"})
FIELD_TAGS = ("input", "select", "textarea")


def _text_before(control: object) -> str:
    """The short text shown just before the field, with no other field between, that
    reads as its label: 'Email:' in the same line, or in the table cell before its own."""
    text = _before_in_parent(control)
    parent = control.getparent()  # type: ignore[attr-defined]
    if not text and parent is not None and parent.tag == "td":
        cell = parent.getprevious()
        if cell is not None and cell.tag in ("td", "th") and not holds(cell, *FIELD_TAGS):
            text = squash(cell.text_content())
    words = text.rstrip(":*").split()
    return text if 0 < len(words) <= LABEL_WORDS and any(w.isalpha() for w in words) else ""


def _before_in_parent(control: object) -> str:
    parts: list[str] = []
    node = control.getprevious()  # type: ignore[attr-defined]
    while node is not None:
        if isinstance(node.tag, str):
            if node.tag in BLOCKS or holds(node, *FIELD_TAGS):
                break
            parts.append((node.text_content() or "") + (node.tail or ""))
        node = node.getprevious()
    else:
        parent = control.getparent()  # type: ignore[attr-defined]
        parts.append((parent.text or "") if parent is not None else "")
    return squash(" ".join(reversed(parts)))


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
