"""Text is in the language its lang attribute says (WCAG 3.1.1 and 3.1.2)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.html

from council_audit.checks.common.langid import (
    identify,
    known,
    primary,
    related,
    script_of,
    scripts_for,
)
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="language-mismatch",
    title="Text is in the language its lang attribute says",
    group="semantics",
    impact="serious",
    wcag=("3.1.1", "3.1.2"),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/language-of-parts.html",
    how_to_fix=(
        'Put lang on each passage in another language (<p lang="pl">...) and make sure '
        "the page's and each passage's lang names the language the text is really in."
    ),
    description=(
        "Screen readers pronounce text by the language its lang attribute names, so Polish "
        "text marked as English is read out as gibberish. Finds passages whose letters are "
        "in another script than their language's (Arabic script marked as English), and, "
        "from their common words, Latin-alphabet passages in another language than marked. "
        "Word-based findings ask for review. English against Welsh for the whole page is "
        "the document-language check's."
    ),
)

INLINE = frozenset(
    """a abbr b bdi bdo big cite data del dfn em font i ins mark q s small span strong sub
    sup time tt u""".split()
)
SKIP = frozenset(
    """script style noscript template code pre kbd samp var svg math textarea select
    input iframe object""".split()
)
FAIL_LETTERS = 40  # this many letters in the wrong script is certain
MIN_LETTERS = 8


@dataclass(frozen=True)
class Mismatch:
    unit: Unit
    status: str  # "fail" or "review"
    what: str  # what the text reads as: "Dutch", "Arabic script"
    code: str  # "nl", or the script's name


@dataclass
class Unit:
    root: lxml.html.HtmlElement
    lang: str
    from_page: bool  # the lang comes from <html>
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def evaluate(page: PageView) -> Iterator[Outcome]:
    passages = units(page)
    mismatches = [m for m in map(judge, passages) if m is not None]
    on_page = [m for m in mismatches if m.unit.from_page]
    if on_page and _page_wide(passages, on_page):
        mismatches = [m for m in mismatches if not m.unit.from_page]
        if not _english_welsh(on_page):  # the document-language check's job
            yield _page_outcome(on_page)
    for m in mismatches:
        where = "the page's lang" if m.unit.from_page else "its lang attribute"
        yield Outcome(
            m.status,
            page.selector_for(m.unit.root),
            lxml.html.tostring(m.unit.root, encoding="unicode", with_tail=False)[:500],
            f"This text reads as {m.what}, but {where} says '{m.unit.lang}'.",
            extras={"lang": m.unit.lang, "detected": m.code},
        )


def judge(unit: Unit) -> Mismatch | None:
    """How the passage is not in its language, if it clearly is not."""
    script = script_of(unit.text)
    expected = scripts_for(unit.lang)
    if script is None or script.letters < MIN_LETTERS:
        return None
    if expected is not None and script.name not in expected:
        certain = script.letters >= FAIL_LETTERS and script.name != "LATIN"
        status = "fail" if certain else "review"
        return Mismatch(unit, status, f"{script.name.title()} script", script.name)
    if script.name == "LATIN" and known(unit.lang):
        detected = identify(unit.text)
        if detected and not related(detected, unit.lang):
            return Mismatch(unit, "review", _NAMES.get(detected, detected), detected)
    return None


def units(page: PageView) -> list[Unit]:
    """Passages of text: the text of each block element, or element with its own lang,
    without that of nested blocks and nested elements with their own lang."""
    found: list[Unit] = []
    page_lang = _lang_of(page.tree)
    _walk(page.tree, None, page_lang or "", page_lang is not None, found)
    return [u for u in found if u.lang]


def _walk(
    el: lxml.html.HtmlElement, unit: Unit | None, lang: str, from_page: bool, found: list[Unit]
) -> None:
    own = _lang_of(el) if el.tag != "html" else None
    if own is not None:
        lang, from_page = own, False
    if unit is None or own is not None or el.tag not in INLINE:
        unit = Unit(el, lang.strip(), from_page)
        found.append(unit)
    unit.parts.append(el.text or "")
    for child in el:
        if isinstance(child.tag, str) and not _skipped(child):
            _walk(child, unit, lang, from_page, found)
        unit.parts.append(child.tail or "")


def _skipped(el: lxml.html.HtmlElement) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (
        el.tag in SKIP
        or el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or el.get("translate") == "no"
        or "display:none" in style
    )


def _lang_of(el: lxml.html.HtmlElement) -> str | None:
    value = el.get("lang")
    if value is None:
        value = el.get("{http://www.w3.org/XML/1998/namespace}lang")
    return value if value is None or value.strip() else None


def _page_wide(passages: list[Unit], on_page: list[Mismatch]) -> bool:
    """True when most of the text under the page's lang reads as another language."""
    total = sum(len(u.text) for u in passages if u.from_page)
    wrong = sum(len(m.unit.text) for m in on_page)
    return wrong * 2 >= total


def _english_welsh(on_page: list[Mismatch]) -> bool:
    return all({primary(m.unit.lang), m.code} <= {"en", "cy"} for m in on_page)


def _page_outcome(on_page: list[Mismatch]) -> Outcome:
    biggest = max(on_page, key=lambda m: len(m.unit.text))
    lang = biggest.unit.lang
    return Outcome(
        "fail" if all(m.status == "fail" for m in on_page) else "review",
        "html",
        f'<html lang="{lang}">',
        f"The page's text reads as {biggest.what}, but its lang attribute says '{lang}'.",
        key="page",
        extras={"lang": lang, "detected": biggest.code},
    )


_NAMES = {
    "en": "English", "cy": "Welsh", "gd": "Gaelic", "fr": "French", "de": "German",
    "nl": "Dutch", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "da": "Danish",
    "sv": "Swedish", "no": "Norwegian", "pl": "Polish", "ro": "Romanian", "lt": "Lithuanian",
}  # fmt: skip
