"""The page's language is set, valid, and matches its text (WCAG 3.1.1)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.text import text_units, words
from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.checks.standards.languages import ISO_639_1, MARKERS

META = CheckMeta(
    id="document-language",
    title="Page language is set and matches the text",
    group="language",
    impact="serious",
    wcag=("3.1.1",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/language-of-page.html",
    how_to_fix=(
        'Set the lang attribute on <html> to the language of the page: lang="en-GB" for '
        'English, lang="cy" for Welsh. Mark passages in another language with their own lang.'
    ),
    description=(
        "Screen readers choose their voice and pronunciation from the page language; a Welsh "
        "page read with English rules is hard to follow. Flags a missing or invalid lang, and "
        "an English/Welsh lang on text that is clearly in the other language."
    ),
)

BCP47 = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$", re.IGNORECASE)
MIN_WORDS = 40  # enough running text to tell English from Welsh
MARGIN = 2.0  # one language's marker words must outnumber the other's this many times


def evaluate(page: PageView) -> Iterator[Outcome]:
    if not page.is_html:
        return  # SVG or other XML: no <title> or <html lang> to ask for
    lang = page.lang
    snippet = f'<html lang="{lang}">' if lang is not None else "<html>"
    if lang is None or not lang.strip():
        yield Outcome("fail", "html", snippet, "The <html> element has no lang attribute.")
        return
    primary = lang.strip().split("-")[0].lower()
    if not BCP47.match(lang.strip()) or (len(primary) == 2 and primary not in ISO_639_1):
        yield Outcome("fail", "html", snippet, f'lang="{lang}" is not a valid language code.')
        return
    detected = detect_language(page)
    if detected and primary in MARKERS and detected != primary:
        names = {"en": "English", "cy": "Welsh"}
        yield Outcome(
            "fail",
            "html",
            snippet,
            f'lang="{lang}" says {names[primary]}, but the main text reads as {names[detected]}.',
            extras={"detected": detected},
        )
        return
    yield Outcome("pass", "html", snippet)


def detect_language(page: PageView) -> str | None:
    """'en' or 'cy' when the main text clearly reads as one of them, else None."""
    tokens = [w.lower() for unit in text_units(page) for w in words(unit.text)]
    if len(tokens) < MIN_WORDS:
        return None
    scores = {lang: sum(t in marks for t in tokens) for lang, marks in MARKERS.items()}
    best, other = sorted(scores, key=scores.get, reverse=True)  # type: ignore[arg-type]
    if scores[best] >= MARGIN * max(scores[other], 1) and scores[best] >= 5:
        return best
    return None
