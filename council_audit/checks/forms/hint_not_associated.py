"""Hint text next to a field is tied to it with aria-describedby (WCAG 1.3.1)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import lxml.html

from council_audit.checks.common.dom import outer_html, text_of
from council_audit.checks.common.forms import (
    CHOICE_TYPES,
    FACT,
    GROUP_ROLES,
    fields,
    input_type,
    is_field,
    labels_of,
    shown_test,
)
from council_audit.checks.common.page import PageView
from council_audit.checks.common.text import words
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="hint-not-associated",
    title="Hint text is tied to its field",
    group="forms",
    impact="moderate",
    wcag=("1.3.1",),
    help_url="https://design-system.service.gov.uk/components/text-input/#hint-text",
    how_to_fix=(
        "Give the hint an id and add it to the field's aria-describedby, e.g. "
        '<input id="postcode" aria-describedby="postcode-hint">. For radio buttons and '
        "checkboxes put aria-describedby on the <fieldset>."
    ),
    description=(
        "Hints ('For example, 12 High Street', 'Must be 9 numbers') that sit next to a "
        "field but are not referenced by its aria-describedby (or aria-labelledby): screen "
        "reader users tabbing into the field never hear them. Finds elements whose class "
        "says hint, help or description, and short text between a label and its field or "
        "just after the field. A heuristic, so it asks for review."
    ),
    facts=(FACT,),
)
LIVE = ("polite", "assertive")
LIVE_ROLES = ("status", "alert", "log")
HINT_CLASS = re.compile(r"hint|help|descri|instruction|form-text|field-note|guidance")
HINT_TAGS = frozenset({"p", "span", "div", "small", "em", "i", "strong", "b", "ul", "ol", "dd"})
PLAIN_TAGS = frozenset({"p", "span", "div", "small"})
NAME_TAGS = ("label", "legend", "option", "button", "a", "summary", "caption")
CONTROL_TAGS = ("input", "select", "textarea", "button")
STOP_TAGS = frozenset({"body", "main", "html", "article", "section"})
MAX_WORDS, MAX_WORDS_AFTER = 60, 25
UP_LEVELS = 3

Controls = list[lxml.html.HtmlElement]


def evaluate(page: PageView) -> Iterator[Outcome]:
    for hint, controls in _hints(page):
        outcome = (page.selector_for(hint), outer_html(hint))
        if _associated(hint, controls):
            yield Outcome("pass", *outcome)
            continue
        text = text_of(hint)
        message = (
            f"The hint '{text[:80]}' is next to a field but not in its aria-describedby, "
            "so screen reader users do not hear it."
        )
        extras = {"field": page.selector_for(controls[0]), "hint": text[:200]}
        yield Outcome("review", *outcome, message, extras=extras)


def _hints(page: PageView) -> Iterator[tuple[lxml.html.HtmlElement, Controls]]:
    shown = shown_test(page)
    taken: list[lxml.html.HtmlElement] = []
    for el in page.tree.iter(*HINT_TAGS):
        if not _has_hint_class(el) or not _candidate(el, MAX_WORDS, shown, taken):
            continue
        controls = _target(el, shown)
        if controls:
            taken.append(el)
            yield el, controls
    for control in fields(page):
        if input_type(control) in CHOICE_TYPES:
            continue
        for el in _neighbours(page, control):
            if _candidate(el, MAX_WORDS_AFTER, shown, taken):
                taken.append(el)
                yield el, [control]


def _has_hint_class(el: lxml.html.HtmlElement) -> bool:
    tokens = (el.get("class") or "").lower().split()
    return any(HINT_CLASS.search(t) and "hidden" not in t for t in tokens)


def _candidate(
    el: lxml.html.HtmlElement,
    most_words: int,
    shown: Callable[[lxml.html.HtmlElement], bool],
    taken: Controls,
) -> bool:
    """Short visible text, not part of a label or legend and holding no controls."""
    if not 1 <= len(words(text_of(el))) <= most_words or not shown(el):
        return False
    if any(True for _ in el.iterancestors(*NAME_TAGS)) or el.tag in NAME_TAGS:
        return False
    if any(True for _ in el.iter(*CONTROL_TAGS, "label")) or _all_links(el):
        return False
    return not any(t is el or any(a is t for a in el.iterancestors()) for t in taken)


def _all_links(el: lxml.html.HtmlElement) -> bool:
    linked = " ".join(text_of(a) for a in el.iter("a"))
    return bool(linked) and len(words(linked)) >= len(words(text_of(el)))


def _target(
    hint: lxml.html.HtmlElement, shown: Callable[[lxml.html.HtmlElement], bool]
) -> Controls:
    """The field (or the radio or checkbox group) the hint sits with: the one field in
    its closest ancestor that holds any, within a few levels."""
    node = hint
    for _ in range(UP_LEVELS):
        node = node.getparent()
        if node is None or node.tag in STOP_TAGS:
            return []
        found = [c for c in node.iter("input", "select", "textarea") if is_field(c) and shown(c)]
        if len(found) == 1 or (found and _one_group(found)):
            return found
        if found or node.tag == "form":
            return []
    return []


def _one_group(controls: Controls) -> bool:
    kinds = {(input_type(c), c.get("name")) for c in controls}
    return len(kinds) == 1 and input_type(controls[0]) in CHOICE_TYPES


def _neighbours(page: PageView, control: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """Plain text elements between the field's label and the field, and the one just
    after the field when no other field follows it in the same parent."""
    before = _before(control)
    for label in labels_of(page, control):
        if any(label is el for el in before):
            between = before[before.index(label) + 1 :]
            yield from (el for el in between if el.tag in PLAIN_TAGS)
    after = control.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()
    if after is None or after.tag not in PLAIN_TAGS or len(words(text_of(after))) < 2:
        return
    later = [c for s in after.itersiblings() for c in s.iter("input", "select", "textarea")]
    if not any(is_field(c) for c in later):
        yield after


def _before(el: lxml.html.HtmlElement) -> Controls:
    return [s for s in reversed(list(el.itersiblings(preceding=True))) if isinstance(s.tag, str)]


def _associated(hint: lxml.html.HtmlElement, controls: Controls) -> bool:
    """True when an id on, around or inside the hint is in the fields' (or their
    group's) aria-describedby or aria-labelledby."""
    refs: set[str] = set()
    for control in controls:
        refs.update((control.get("aria-describedby") or "").split())
        refs.update((control.get("aria-labelledby") or "").split())
        for group in control.iterancestors():
            if group.tag == "fieldset" or group.get("role") in GROUP_ROLES:
                refs.update((group.get("aria-describedby") or "").split())
    near = [hint, *hint.iterancestors(), *hint.iterdescendants()]
    if any(el.get("aria-live") in LIVE or el.get("role") in LIVE_ROLES for el in near):
        return True  # a live region (a character counter, say) is announced as it changes
    return any(el.get("id") in refs for el in near if el.get("id"))
