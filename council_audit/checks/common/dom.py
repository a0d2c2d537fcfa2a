"""Small DOM helpers for checks that read the rendered HTML: text as a screen reader
would get it, id references, and elements named by the selectors fact gatherers give
(``cssPath`` in facts/_common.js, the same scheme as ``PageView.selector_for``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import lxml.html

from council_audit.checks.common.page import PageView

NO_TEXT_TAGS = frozenset({"script", "style", "template", "noscript", "select", "textarea"})
_STEP = re.compile(r"^([a-z][a-z0-9-]*):nth-child\((\d+)\)$")


def squash(text: str) -> str:
    """Whitespace runs made single spaces, trimmed."""
    return " ".join(text.split())


def text_of(el: lxml.html.HtmlElement) -> str:
    """The element's text with image alt text, leaving out scripts and the text of
    nested drop-downs and text areas (not part of a label's name)."""
    parts: list[str] = []
    _collect(el, parts, tail=False)
    return squash(" ".join(parts))


def _collect(el: lxml.html.HtmlElement, parts: list[str], tail: bool = True) -> None:
    if isinstance(el.tag, str) and el.tag not in NO_TEXT_TAGS:
        if el.tag in ("img", "area") or (el.tag == "input" and el.get("type") == "image"):
            parts.append(el.get("alt") or "")
        parts.append(el.text or "")
        for child in el:
            _collect(child, parts)
    if tail:
        parts.append(el.tail or "")


@dataclass(frozen=True)
class Index:
    """Elements by id and labels by their for attribute, built once per page."""

    ids: dict[str, list[lxml.html.HtmlElement]]
    label_for: dict[str, list[lxml.html.HtmlElement]]


def index(page: PageView) -> Index:
    return _index(page.tree)


@lru_cache(maxsize=2)  # the page being checked (keyed by its parsed tree)
def _index(root: lxml.html.HtmlElement) -> Index:
    ids: dict[str, list[lxml.html.HtmlElement]] = {}
    label_for: dict[str, list[lxml.html.HtmlElement]] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("id"):
            ids.setdefault(el.get("id"), []).append(el)
        if el.tag == "label" and el.get("for"):
            label_for.setdefault(el.get("for"), []).append(el)
    return Index(ids, label_for)


def by_id(page: PageView, el_id: str) -> lxml.html.HtmlElement | None:
    found = index(page).ids.get(el_id)
    return found[0] if found else None


def idrefs(page: PageView, value: str | None) -> list[lxml.html.HtmlElement]:
    """The elements named by a space-separated id list (aria-labelledby, headers...)."""
    found = (by_id(page, token) for token in (value or "").split())
    return [el for el in found if el is not None]


def idref_text(page: PageView, value: str | None) -> str:
    return squash(" ".join(text_of(el) for el in idrefs(page, value)))


def element_at(page: PageView, selector: str) -> lxml.html.HtmlElement | None:
    """The element a fact gatherer's selector names, or None if the HTML differs."""
    if selector.startswith("#"):
        found = index(page).ids.get(selector[1:], [])
        return found[0] if len(found) == 1 else None
    steps = selector.split(" > ")
    node = page.tree
    if steps[0] != "html" or node.tag != "html":
        return None
    for step in steps[1:]:
        match = _STEP.match(step)
        children = [c for c in node if isinstance(c.tag, str)]
        if not match or int(match.group(2)) > len(children):
            return None
        node = children[int(match.group(2)) - 1]
        if node.tag != match.group(1):
            return None
    return node


def elements_at(page: PageView, selectors: Iterable[str]) -> list[lxml.html.HtmlElement]:
    found = (element_at(page, s) for s in selectors)
    return [el for el in found if el is not None]


def within(el: lxml.html.HtmlElement, ancestors: set[lxml.html.HtmlElement]) -> bool:
    """True when ``el`` or one of its ancestors is in ``ancestors``."""
    node: lxml.html.HtmlElement | None = el
    while node is not None:
        if node in ancestors:
            return True
        node = node.getparent()
    return False


def holds(el: lxml.html.HtmlElement, *tags: str) -> bool:
    """``el`` is, or has inside it, an element of one of ``tags``."""
    return next(el.iter(*tags), None) is not None


def hidden_by_markup(el: lxml.html.HtmlElement) -> bool:
    """Hidden by the hidden attribute or aria-hidden, or inside a template or noscript."""
    node: lxml.html.HtmlElement | None = el
    while node is not None:
        if node.get("hidden") is not None or node.get("aria-hidden") == "true":
            return True
        if node.tag in ("template", "noscript"):
            return True
        node = node.getparent()
    return False


def outer_html(el: lxml.html.HtmlElement, limit: int = 2000) -> str:
    """The element's HTML (without its tail), cut to ``limit`` characters."""
    return lxml.html.tostring(el, encoding="unicode", with_tail=False)[:limit]


def start_tag(el: lxml.html.HtmlElement) -> str:
    """The element's start tag alone, e.g. ``<main id="content">``."""
    html = outer_html(el, 1000)
    return html[: html.find(">") + 1] if ">" in html else html
