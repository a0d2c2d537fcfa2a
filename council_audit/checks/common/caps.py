"""Words in capitals: acronyms ("SEND", "HMOs") and runs of block capitals."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from council_audit.checks.common.text import is_dictionary_word
from council_audit.checks.standards.plain_words import KNOWN_ACRONYMS, SHOUTED_WORDS

# Two or more capitals, an optional plural "s", not part of a longer token such as a
# postcode (SW1A), a domain (GOV.UK) or a hyphenated code (COVID-19).
ACRONYM = re.compile(r"(?<![\w.&'’/-])([A-Z]{2,})s?(?![\w&/-]|\.\w)")
WORD = re.compile(r"\b[A-Za-z][A-Za-z'’]*\b")
DOTTED = re.compile(r"\b[A-Za-z]+(?:\.[A-Za-z]+)+\b")  # GOV.UK, NHS.UK
ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
LONG_WORD = 5  # a dictionary word this long in capitals is shouting, not an acronym


def is_ordinary(word: str) -> bool:
    """An everyday word (not an acronym) when written in capitals: 'PAY', 'COUNCIL'."""
    upper = word.upper().strip("'’")
    if upper in KNOWN_ACRONYMS:
        return False
    return upper in SHOUTED_WORDS or (len(upper) >= 3 and is_dictionary_word(upper))


def is_shouted(word: str) -> bool:
    """A word in capitals that is emphasis, not an acronym: a common short word, or a
    dictionary word of five letters or more."""
    upper = word.upper()
    if upper in KNOWN_ACRONYMS:
        return False
    return upper in SHOUTED_WORDS or (len(upper) >= LONG_WORD and is_dictionary_word(upper))


@dataclass(frozen=True)
class CapitalRun:
    start: int
    end: int
    words: tuple[str, ...]  # words of two letters or more
    ordinary: int  # how many of them are everyday words


def capital_runs(text: str) -> Iterator[CapitalRun]:
    """Runs of two or more consecutive words in capitals."""
    run: list[re.Match[str]] = []
    for m in [*WORD.finditer(text), None]:
        if m is not None and m.group().isupper():
            run.append(m)
            continue
        words = tuple(r.group() for r in run if len(r.group()) >= 2)
        if len(words) >= 2:
            ordinary = sum(is_ordinary(w) for w in words)
            yield CapitalRun(run[0].start(), run[-1].end(), words, ordinary)
        run = []


def is_block_capitals(run: CapitalRun, min_words: int = 3) -> bool:
    """Three or more words in capitals, two of them everyday words: 'PAY YOUR BILL'
    is shouting, 'NHS BSL CTR' is not."""
    return len(run.words) >= min_words and run.ordinary >= 2


def is_shouting(run: CapitalRun) -> bool:
    """A run in capitals that is mostly everyday words ('CONTACT US', 'BIN DAY')."""
    return run.ordinary >= 1 and 2 * run.ordinary >= len(run.words)


def acronyms(text: str) -> Iterator[re.Match[str]]:
    """Matches of acronyms in ``text`` (group 1: the acronym without a plural "s"),
    leaving out well-known ones, shouted words and text, and Roman numerals."""
    shouting = [(r.start, r.end) for r in capital_runs(text) if is_shouting(r)]
    for m in ACRONYM.finditer(text):
        word = m.group(1)
        if word in KNOWN_ACRONYMS or is_shouted(word) or ROMAN.match(word):
            continue
        if any(start <= m.start() < end for start, end in shouting):
            continue
        yield m


def all_capitals(sentence: str) -> bool:
    """A sentence of two or more words, all in capitals, one of them an everyday word.
    Dotted names ('GOV.UK') are names, not words in capitals."""
    words = WORD.findall(DOTTED.sub(" ", sentence))
    return len(words) >= 2 and all(w.isupper() for w in words) and any(map(is_ordinary, words))
