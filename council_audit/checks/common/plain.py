"""Helpers of the plain-language checks: English main-content units, their lines and
sentences, and where a term first appears."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import lxml.html

from council_audit.checks.common.page import PageView
from council_audit.checks.common.text import PROSE_TAGS, TextUnit, sentences, text_units

# Units that hold running sentences (headings, table cells and labels are not scored).
SENTENCE_TAGS = PROSE_TAGS | {"li"}
# Elements that start a new line inside a unit, so that lines never run together.
BREAKS = {"br", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "section"}
BREAKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "address", "hr"}
SKIP = {"script", "style", "noscript", "template"}


def primary_lang(lang: str | None) -> str:
    """'en' for 'en-GB', '' for a missing or empty lang."""
    return (lang or "").strip().split("-")[0].lower()


def is_english(page: PageView) -> bool:
    """Pages say they are English, or do not say (a missing lang is another check's job).
    Welsh (lang="cy") and other pages are not scored with English rules."""
    return primary_lang(page.lang) in ("en", "")


def element_lang(el: lxml.html.HtmlElement) -> str:
    """The primary language of ``el`` from the nearest lang attribute, '' if none."""
    node: lxml.html.HtmlElement | None = el
    while node is not None:
        lang = node.get("lang")
        if lang is not None:
            return primary_lang(lang)
        node = node.getparent()
    return ""


def english_units(page: PageView, tags: Iterable[str] | None = None) -> Iterator[TextUnit]:
    """Main-content units of an English page, without passages marked in another
    language; only units of the given tags when ``tags`` is set."""
    if not is_english(page):
        return
    wanted = set(tags) if tags is not None else None
    for unit in text_units(page):
        if wanted is not None and unit.element.tag not in wanted:
            continue
        if element_lang(unit.element) in ("en", ""):
            yield unit


def lines(el: lxml.html.HtmlElement) -> list[str]:
    """The element's text as lines: <br> and block elements end a line."""
    parts: list[str] = []
    _collect(el, parts)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


def _collect(el: lxml.html.HtmlElement, parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        if isinstance(child.tag, str) and child.tag not in SKIP:
            if child.tag in BREAKS:
                parts.append("\n")
            _collect(child, parts)
            if child.tag in BREAKS:
                parts.append("\n")
        if child.tail:
            parts.append(child.tail)


@lru_cache(maxsize=8192)
def line_sentences(line: str) -> tuple[str, ...]:
    """Sentences of one line (cached: several checks read the same text)."""
    return tuple(sentences(line))


def unit_sentences(unit: TextUnit) -> list[str]:
    return [s for line in lines(unit.element) for s in line_sentences(line)]


@dataclass(frozen=True)
class Sentence:
    text: str
    unit: TextUnit


def page_sentences(page: PageView) -> list[Sentence]:
    """Every sentence of the English main content's paragraphs and list items."""
    return [
        Sentence(text, unit)
        for unit in english_units(page, SENTENCE_TAGS)
        for text in unit_sentences(unit)
    ]


def excerpt(text: str, start: int, end: int, around: int = 60) -> str:
    """The text around ``text[start:end]``, with ellipses where it was cut."""
    left, right = max(0, start - around), min(len(text), end + around)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def is_proper_name(text: str, start: int) -> bool:
    """True when the word at ``start`` is capitalised but does not start a sentence: then
    it is most likely part of a name ('Robust Homes Ltd'), not the everyday word."""
    if not text[start : start + 1].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and not re.search(r"[.!?:;\"'“‘(\-–—•]$", before)
