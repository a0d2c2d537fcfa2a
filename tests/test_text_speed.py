"""The faster paths in the text helpers give exactly what the slow ones gave: sentences
as pysbd splits them, on real council text, and the script of a passage."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import lxml.html
import pysbd
import pytest

from council_audit.checks.common import langid, text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "real-councils"
TRICKY = [
    "",
    "   ",
    "No words 123",
    "Choose a) this b) that",
    "1) one 2) two",
    "i) first ii) second (iii) Third",
    "Mr. Smith went. Mr. Smith went.  Again!",
    "Pay your council tax online\nor by phone",
    "Bins: collected weekly (except Bank Holidays)",
    "Is it open? Yes! It is... from 9 a.m. to 5 p.m.",
    "x\u00a0y. z\u2003w.",
    "Hi!!  Hi!!\n\nHi!!",
    "e.g. this and i.e. that",
    "The same sentence. The same sentence. The same sentence.",
]


def _real_texts(limit: int = 6) -> list[str]:
    pages = sorted((CORPUS / "pages").glob("*/index.html"))[:limit]
    assert pages, f"the real-councils corpus is missing: {CORPUS}"
    found: list[str] = []
    for page in pages:
        tree = lxml.html.fromstring(page.read_text(encoding="utf-8", errors="replace"))
        for el in tree.iter("p", "li", "td", "h2", "h3", "a", "label", "dd"):
            raw = el.text_content()
            if raw.strip():
                found += [raw, " ".join(raw.split())]
    return list(dict.fromkeys(found))


def test_sentences_are_pysbds_on_real_council_text() -> None:
    reference = pysbd.Segmenter(language="en", clean=False)
    texts = TRICKY + _real_texts()
    assert len(texts) > 500
    fast = [t for t in texts if text._ONE_SENTENCE.isdisjoint(t)]
    assert fast and len(fast) < len(texts)  # both paths are exercised
    for t in texts:
        expected = [s.strip() for s in reference.segment(t) if text.words(s)]
        assert text.sentences(t) == expected, t


def _script_by_name(passage: str) -> langid.Script | None:
    counts: Counter[str] = Counter(
        unicodedata.name(c, "UNKNOWN").split(" ")[0] for c in passage if c.isalpha()
    )
    if not counts:
        return None
    name, top = counts.most_common(1)[0]
    total = sum(counts.values())
    return langid.Script(name, total) if top / total >= langid.SCRIPT_SHARE else None


@pytest.mark.parametrize(
    "passage",
    ["Council tax", "   ", "123 456", "Treth y cyngor", "Café crème", "Привет мир", "a1 b2 c3"],
)
def test_script_of_ascii_shortcut_agrees(passage: str) -> None:
    assert langid.script_of(passage) == _script_by_name(passage)
