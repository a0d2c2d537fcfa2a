"""Required fields are not marked only by an unexplained asterisk or by colour
(WCAG 3.3.2, 1.4.1)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.dom import element_at, idref_text, outer_html, squash, text_of
from council_audit.checks.common.forms import (
    CHOICE_TYPES,
    FACT,
    fields,
    form_facts,
    form_of,
    group_name,
    input_type,
    is_required,
    label_text,
)
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="required-by-colour-or-asterisk",
    title="Required fields are marked in words, not only by an asterisk or colour",
    group="forms",
    impact="moderate",
    wcag=("3.3.2", "1.4.1"),
    help_url="https://www.w3.org/WAI/tutorials/forms/instructions/#indicating-required-fields",
    how_to_fix=(
        "Say which fields must be filled in, in words: mark the optional ones '(optional)' "
        "as GOV.UK does, or explain the asterisk above the form ('Fields marked * are "
        'required\'). Add the required attribute (or aria-required="true") so screen '
        "readers announce it, and never use colour alone."
    ),
    description=(
        "Forms whose labels carry an asterisk that nothing on the form explains, where the "
        "fields are not required in the code either; and forms where some labels are shown "
        "in red with no other marker. A heuristic, so it asks for review."
    ),
    facts=(FACT,),
)
EXPLAINED = re.compile(
    r"\b(required|mandatory|compulsory|obligatory|asterisk|gorfodol|gofynnol)\b"
    r"|\bmust\s+(be\s+)?(complet|fill|answer|enter|provid|give|given|supplied)"
    r"|\*\s*(means|indicates|denotes|shows|marks|=)|marked\s+(with\s+)?(an?\s+)?\*",
    re.IGNORECASE,
)
ASTERISKS = frozenset({"*", "(*)", "✱"})
RGB = re.compile(r"rgba?\((\d+),\s*(\d+),\s*(\d+)")
CONTEXT_BLOCKS = 3

Controls = list[lxml.html.HtmlElement]


def evaluate(page: PageView) -> Iterator[Outcome]:
    colours = _label_colours(page)
    for scope, controls in _scopes(page).items():
        starred = [c for c in controls if _starred(page, c)]
        coloured = [c for c in _coloured(controls, colours) if c not in starred]
        if not starred and not coloured:
            continue
        selector, snippet = page.selector_for(scope), outer_html(scope, 300)
        extras = {"asterisk": len(starred), "colour_only": len(coloured)}
        problems = _problems(scope, controls, starred, coloured)
        if problems:
            message = "; ".join(problems) + "."
            yield Outcome("review", selector, snippet, message, extras=extras)
        else:
            yield Outcome("pass", selector, snippet, extras=extras)


def _problems(
    scope: lxml.html.HtmlElement, controls: Controls, starred: Controls, coloured: Controls
) -> list[str]:
    problems = []
    if coloured:
        problems.append(f"{_count(coloured, 'label')} marked as required only by colour")
    unrequired = [c for c in starred if not _required(c, controls)]
    if unrequired and not EXPLAINED.search(_context(scope)):
        problems.append(
            f"{_count(unrequired, 'field')} marked with an asterisk that the form does not "
            "explain, and not required in the code"
        )
    return problems


def _scopes(page: PageView) -> dict[lxml.html.HtmlElement, Controls]:
    """Fields by their form; fields outside any form belong to the main content."""
    scopes: dict[lxml.html.HtmlElement, Controls] = {}
    for control in fields(page):
        form = form_of(control)
        scopes.setdefault(page.main if form is None else form, []).append(control)
    return scopes


def _starred(page: PageView, control: lxml.html.HtmlElement) -> bool:
    """An asterisk in the field's label, or in an element of its own beside the field."""
    text = label_text(page, control) + " " + idref_text(page, control.get("aria-labelledby"))
    if input_type(control) in CHOICE_TYPES:
        text += " " + " ".join(group_name(page, a) for a in control.iterancestors())
    if "*" in text or "✱" in text:
        return True
    siblings = [*control.itersiblings(preceding=True), *control.itersiblings()]
    return any(isinstance(s.tag, str) and squash(text_of(s)) in ASTERISKS for s in siblings)


def _required(control: lxml.html.HtmlElement, controls: Controls) -> bool:
    if input_type(control) not in CHOICE_TYPES:
        return is_required(control)
    name = control.get("name")
    return any(is_required(c) for c in controls if c.get("name") == name)


def _context(scope: lxml.html.HtmlElement) -> str:
    """The form's text and attributes that can explain a marker, with the few blocks
    just before it."""
    texts = [text_of(scope)]
    texts += [el.get(a) or "" for el in scope.iter() for a in ("title", "aria-label")]
    node: lxml.html.HtmlElement | None = scope
    found = 0
    while node is not None and node.tag not in ("body", "html") and found < CONTEXT_BLOCKS:
        for sibling in node.itersiblings(preceding=True):
            if isinstance(sibling.tag, str) and found < CONTEXT_BLOCKS:
                texts.append(text_of(sibling))
                found += 1
        node = node.getparent()
    return " ".join(texts)


def _label_colours(page: PageView) -> dict[lxml.html.HtmlElement, str]:
    """Each field's label colour, from the browser facts."""
    out = {}
    for fact in form_facts(page).get("fields", []):
        el = element_at(page, fact.get("selector", ""))
        if el is not None and fact.get("label_color") and not fact.get("hidden"):
            out[el] = fact["label_color"]
    return out


def _coloured(controls: Controls, colours: dict[lxml.html.HtmlElement, str]) -> Controls:
    """Unstarred fields whose label is red while most labels on the form are not."""
    known = [colours[c] for c in controls if c in colours]
    if len(set(known)) < 2:
        return []
    usual = max(set(known), key=known.count)
    if _reddish(usual):
        return []
    return [c for c in controls if colours.get(c, usual) != usual and _reddish(colours[c])]


def _reddish(colour: str | None) -> bool:
    match = RGB.match(colour or "")
    if not match:
        return False
    r, g, b = (int(x) for x in match.groups())
    return r >= 150 and r - max(g, b) >= 80


def _count(items: Controls, noun: str) -> str:
    return f"1 {noun} is" if len(items) == 1 else f"{len(items)} {noun}s are"
