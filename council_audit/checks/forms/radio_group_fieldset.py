"""Radio buttons and same-named checkboxes are grouped with the question they answer
(WCAG 1.3.1, 3.3.2)."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.dom import holds, outer_html, squash, text_of
from council_audit.checks.common.forms import (
    FACT,
    fields,
    form_of,
    group_name,
    input_type,
    label_text,
)
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="radio-group-fieldset",
    title="Radio buttons and checkbox groups are grouped with their question",
    group="forms",
    impact="serious",
    wcag=("1.3.1", "3.3.2"),
    help_url="https://www.w3.org/WAI/tutorials/forms/grouping/",
    how_to_fix=(
        "Put the options in a <fieldset> whose first child is a <legend> holding the "
        "question, e.g. <legend>Which bin did we miss?</legend>. Where a fieldset cannot "
        'be used, wrap them in role="radiogroup" (or "group") with aria-labelledby '
        "pointing at the question."
    ),
    description=(
        "Two or more radio buttons sharing a name, or checkboxes sharing a name, that are "
        "not inside a fieldset with a legend nor a named group: screen reader users then "
        "hear 'Yes' or 'No' without the question. Groups laid out in a table (one row per "
        "question), checkboxes (often options that each make sense alone, such as "
        "the columns a table shows), and radio buttons with no question shown before "
        "them whose labels are not bare answers ('Yes', 'No', 'Other') are asked for "
        "review."
    ),
    facts=(FACT,),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    for (kind, name, _owner), controls in _groups(page).items():
        if len(controls) < 2:
            continue
        first = controls[0]
        selector, snippet = page.selector_for(first), outer_html(first)
        extras = {"name": name, "type": kind, "controls": len(controls)}
        if _grouped(page, controls):
            yield Outcome("pass", selector, snippet, key=name, extras=extras)
            continue
        in_table = any(True for _ in first.iterancestors("table"))
        noun = "radio buttons" if kind == "radio" else "checkboxes"
        message = (
            f"{len(controls)} {noun} named '{name}' are not in a fieldset with a "
            "legend (or a named group), so the question they answer is not announced."
        )
        if in_table:
            message += " They are laid out in a table: check its headers give the question."
        elif kind == "checkbox":
            message += (
                " Checkboxes are often options that each make sense alone: check whether"
                " they answer one question that should be their legend."
            )
        elif not (_needs_question(page, controls) or _question_shown(controls)):
            message += (
                " No question is shown before them and their labels say enough alone:"
                " check whether they answer a question that should be their legend."
            )
            kind = "unasked"
        status = "review" if in_table or kind in ("checkbox", "unasked") else "fail"
        yield Outcome(status, selector, snippet, message, key=name, extras=extras)


# Answers that mean nothing without their question.
ANSWERS = frozenset(
    {
        "yes", "no", "don't know", "do not know", "not sure", "maybe", "other", "none",
        "prefer not to say", "agree", "disagree", "neither", "ydw", "nac ydw", "oes", "nac oes",
    }
)  # fmt: skip
QUESTION_WORDS = 20  # longest text read as the group's question


def _needs_question(page: PageView, controls: list[lxml.html.HtmlElement]) -> bool:
    """Some option's label is an answer that needs its question ('Yes', 'No')."""
    return any(squash(label_text(page, c)).lower().rstrip(".") in ANSWERS for c in controls)


def _question_shown(controls: list[lxml.html.HtmlElement]) -> bool:
    """Short text shown just before the options, ending in '?' or ':' (a question or a
    group label that is not associated with them): in the element that holds them all,
    before the first; in the element just before the first option's block; or in the
    element just before the one that holds them all."""
    holder = next(
        (a for a in controls[0].iterancestors() if all(_inside(c, a) for c in controls[1:])),
        None,
    )
    if holder is None:
        return False
    block = next(a for a in [controls[0], *controls[0].iterancestors()] if a.getparent() is holder)
    before = squash(holder.text or "")
    for child in holder:
        if child is block:
            break
        before = squash(f"{before} {text_of(child)} {child.tail or ''}")
    texts = [before, _text_of_previous(block), _text_of_previous(holder)]
    return any(
        t and len(t.split()) <= QUESTION_WORDS and t.rstrip()[-1:] in ("?", ":") for t in texts
    )


def _text_of_previous(el: lxml.html.HtmlElement) -> str:
    previous = el.getprevious()
    if previous is None or holds(previous, "input"):
        return ""
    return text_of(previous)


def _groups(page: PageView) -> dict[tuple[str, str, str], list[lxml.html.HtmlElement]]:
    """Radios and checkboxes by type and name, apart for each form."""
    forms = page.tree.xpath("//form")
    groups: dict[tuple[str, str, str], list[lxml.html.HtmlElement]] = {}
    for control in fields(page):
        kind, name = input_type(control), (control.get("name") or "").strip()
        if kind not in ("radio", "checkbox") or not name:
            continue
        form = form_of(control)
        owner = control.get("form") or ("" if form is None else str(forms.index(form)))
        groups.setdefault((kind, name, owner), []).append(control)
    return groups


def _grouped(page: PageView, controls: list[lxml.html.HtmlElement]) -> bool:
    """True when a named fieldset or group holds every one of the controls."""
    for ancestor in controls[0].iterancestors():
        if group_name(page, ancestor) and all(_inside(c, ancestor) for c in controls[1:]):
            return True
    return False


def _inside(el: lxml.html.HtmlElement, ancestor: lxml.html.HtmlElement) -> bool:
    return any(a is ancestor for a in el.iterancestors())
