"""Form fields as checks see them: which fields are shown, their labels, and the name a
field has without its placeholder. Visibility comes from the ``forms`` browser fact
when there is one (fields and the hidden elements around them); without it only the
markup (hidden, aria-hidden, type=hidden) says what is hidden."""

from __future__ import annotations

from collections.abc import Callable

import lxml.html

from council_audit.checks.common.dom import (
    elements_at,
    hidden_by_markup,
    idref_text,
    index,
    squash,
    text_of,
    within,
)
from council_audit.checks.common.page import PageView

FACT = "forms"
NOT_FIELDS = frozenset({"hidden", "submit", "button", "reset", "image"})
TEXT_TYPES = frozenset(
    """text email search tel url number password date datetime-local month week time""".split()
)
CHOICE_TYPES = frozenset({"radio", "checkbox"})
GROUP_ROLES = frozenset({"group", "radiogroup"})


def input_type(el: lxml.html.HtmlElement) -> str:
    """The control's kind: an input's type (text when missing or unknown), else its tag."""
    if el.tag != "input":
        return el.tag
    kind = (el.get("type") or "text").strip().lower()
    return (
        kind
        if kind in TEXT_TYPES | NOT_FIELDS | CHOICE_TYPES | {"file", "range", "color"}
        else "text"
    )


def is_field(el: lxml.html.HtmlElement) -> bool:
    """A control people fill in or choose: inputs (not buttons or hidden), select, textarea."""
    if el.tag in ("select", "textarea"):
        return True
    return el.tag == "input" and input_type(el) not in NOT_FIELDS


def form_facts(page: PageView) -> dict:
    return page.fact(FACT) or {}


def shown_test(page: PageView) -> Callable[[lxml.html.HtmlElement], bool]:
    """A test for 'is this element shown?', from the facts and the markup."""
    fact = form_facts(page)
    hidden = {f["selector"] for f in fact.get("fields", []) if f.get("hidden")}
    hidden.update(fact.get("hidden", []))
    roots = set(elements_at(page, hidden))
    return lambda el: not hidden_by_markup(el) and not within(el, roots)


def fields(page: PageView) -> list[lxml.html.HtmlElement]:
    """Every shown field on the page, in document order."""
    shown = shown_test(page)
    found = page.tree.xpath("//input | //select | //textarea")
    return [el for el in found if is_field(el) and shown(el)]


def labels_of(page: PageView, control: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """<label for=id> elements and the label wrapping the control."""
    control_id = control.get("id")
    found = list(index(page).label_for.get(control_id, [])) if control_id else []
    wrapping = next((a for a in control.iterancestors("label")), None)
    if wrapping is not None and wrapping not in found and not wrapping.get("for"):
        found.append(wrapping)
    return found


def label_text(page: PageView, control: lxml.html.HtmlElement) -> str:
    return squash(" ".join(text_of(label) for label in labels_of(page, control)))


def name_without_placeholder(page: PageView, control: lxml.html.HtmlElement) -> str:
    """The accessible name from aria-labelledby, aria-label, labels and title, in that
    order; empty when only a placeholder (or nothing) names the field."""
    return (
        idref_text(page, control.get("aria-labelledby"))
        or squash(control.get("aria-label") or "")
        or label_text(page, control)
        or squash(control.get("title") or "")
    )


def group_name(page: PageView, el: lxml.html.HtmlElement) -> str:
    """The name of a fieldset (its legend or ARIA) or of a role=group/radiogroup element;
    empty for other elements."""
    if el.tag != "fieldset" and el.get("role") not in GROUP_ROLES:
        return ""
    aria = idref_text(page, el.get("aria-labelledby")) or squash(el.get("aria-label") or "")
    if aria:
        return aria
    if el.tag == "fieldset":
        legend = next((c for c in el if c.tag == "legend"), None)
        if legend is not None and text_of(legend):
            return text_of(legend)
    return squash(el.get("title") or "")


def form_of(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    return next(iter(el.iterancestors("form")), None)


def is_required(control: lxml.html.HtmlElement) -> bool:
    """Required in the markup: the required attribute or aria-required, on the field or
    on a group around it."""
    if control.get("required") is not None or control.get("aria-required") == "true":
        return True
    return any(a.get("aria-required") == "true" for a in control.iterancestors())
