"""Telling which language a passage is written in, without a download: the script of
its letters, then, for the Latin alphabet, which language's function words it uses.
Made for short passages, so it answers only when the evidence is clear."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from council_audit.checks.standards.language_profiles import (
    FAMILIES,
    FUNCTION_WORDS,
    SCRIPT_SUBTAGS,
    SCRIPTS,
    THREE_LETTER,
)

WORD = re.compile(r"[^\W\d_]+")
MIN_HITS = 3  # function words needed before naming a language
LEAD = 2.0  # ... and how many times more than any other language's
SCRIPT_SHARE = 0.8  # share of letters in one script to call the passage's script


@dataclass(frozen=True)
class Script:
    name: str  # "LATIN", "ARABIC", ...
    letters: int


@lru_cache(maxsize=1024)
def primary(lang: str) -> str:
    """'en-GB' -> 'en', 'ENG' -> 'en', 'fr_FR' -> 'fr'."""
    first = lang.strip().replace("_", "-").split("-")[0].lower()
    return THREE_LETTER.get(first, first)


def script_of(text: str) -> Script | None:
    """The script most of the passage's letters are in, if one clearly dominates."""
    if text.isascii():  # the common case: every ASCII letter is Latin
        letters = sum(map(str.isalpha, text))
        return Script("LATIN", letters) if letters else None
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            counts[_script_of_letter(char)] += 1
    if not counts:
        return None
    if "HIRAGANA" in counts or "KATAKANA" in counts:  # Japanese mixes kana and kanji
        counts["CJK"] += counts.pop("HIRAGANA", 0) + counts.pop("KATAKANA", 0)
    name, top = counts.most_common(1)[0]
    total = sum(counts.values())
    return Script(name, total) if top / total >= SCRIPT_SHARE else None


@lru_cache(maxsize=4096)
def _script_of_letter(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def scripts_for(lang: str) -> frozenset[str] | None:
    """Scripts the language is written in, or None when we do not know it."""
    for subtag in lang.replace("_", "-").lower().split("-")[1:]:
        if subtag in SCRIPT_SUBTAGS:
            return frozenset({SCRIPT_SUBTAGS[subtag]})
    code = primary(lang)
    found = frozenset(script for script, langs in SCRIPTS.items() if code in langs)
    return found or None


@lru_cache(maxsize=4096)  # menus and footers repeat on every page of a site
def identify(text: str) -> str | None:
    """The language of a Latin-alphabet passage from its function words, or None when
    the words do not clearly point to one of the languages we know."""
    words = [w.lower() for w in WORD.findall(text)]
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in FUNCTION_WORDS.items()}
    best = max(scores, key=scores.__getitem__)
    rivals = [s for lang, s in scores.items() if not related(lang, best)]
    if scores[best] >= MIN_HITS and scores[best] >= LEAD * max(rivals, default=0):
        return best
    return None


def known(lang: str) -> bool:
    """True when :func:`identify` can recognise text in this language."""
    return primary(lang) in FUNCTION_WORDS


def related(a: str, b: str) -> bool:
    """The same language, or two so close that text in one passes for the other."""
    a, b = primary(a), primary(b)
    return a == b or any(a in family and b in family for family in FAMILIES)
