"""Radio buttons and same-named checkboxes are grouped with the question they answer
(WCAG 1.3.1, 3.3.2)."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.dom import outer_html
from council_audit.checks.common.forms import FACT, fields, form_of, group_name, input_type
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
        "question) are asked for review."
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
        status = "review" if in_table else "fail"
        yield Outcome(status, selector, snippet, message, key=name, extras=extras)


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
