"""Text that looks like a heading is marked up as one (WCAG 1.3.1)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from council_audit.checks.common.page import PageView
from council_audit.checks.common.text import words
from council_audit.checks.registry import CheckMeta, Outcome

FACT = "structure_blocks"
META = CheckMeta(
    id="fake-heading",
    title="Text styled as a heading is marked up as a heading",
    group="structure",
    impact="moderate",
    wcag=("1.3.1",),
    help_url="https://www.w3.org/WAI/tutorials/page-structure/headings/",
    how_to_fix=(
        "Mark the text up as a heading at the right level (<h2>, <h3>...) and style that "
        "heading with CSS, instead of making a paragraph big or bold. Screen reader users "
        "jump between headings to find their way around a page."
    ),
    description=(
        "A short line of main-content text (up to 12 words, not a sentence ending in a "
        "full stop or a colon) that stands alone in a bigger font than the body text (1.2 times or "
        "more) or in bold, and is followed by more content, but is not a heading. Reads "
        "the computed styles from the browser. A heuristic, so it asks for review."
    ),
    facts=(FACT,),
    reads_styles=True,
)
MAX_WORDS = 12
SIZE_RATIO = 1.2
MIN_FOLLOWING_CHARS = 15
SENTENCE_ENDS = (".", "!", ",", ";", "…", ":")  # ":" ends a lead-in to a list, not a title
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
DATE = re.compile(
    rf"\b\d{{1,2}}(st|nd|rd|th)?\s+({MONTHS})\b(\s+\d{{4}})?|\b({MONTHS})\s+\d{{1,2}}\b,?(\s*\d{{4}})?"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
METADATA = re.compile(
    r"^(published|updated|last updated|posted|date|reviewed|last reviewed|modified|"
    r"last modified|created|issued|written by|by)\b",
    re.IGNORECASE,
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    fact = page.fact(FACT)
    if fact is None or not fact.get("body_size"):
        return
    for block in fact.get("blocks", []):
        style = _styled(block, bool(fact.get("body_bold")))
        if not style or not _heading_like(block):
            continue
        text = block["text"]
        message = (
            f"'{text}' looks like a heading ({style}, on a line of its own, followed by "
            "content) but is not marked up as one."
        )
        extras = {"size_ratio": block.get("size_ratio"), "bold": block.get("bold")}
        yield Outcome("review", block["selector"], block.get("snippet", ""), message, extras=extras)


def _styled(block: dict[str, Any], body_bold: bool) -> str:
    """How the block stands out from the body text, or '' when it does not."""
    ratio = block.get("size_ratio") or 0
    if ratio >= SIZE_RATIO:
        return f"{ratio:g} times the body text size"
    if block.get("bold") and not body_bold:
        return "bold"
    return ""


def _heading_like(block: dict[str, Any]) -> bool:
    """Short, not a sentence, and followed by content that is not a heading or a field."""
    text = (block.get("text") or "").strip()
    found = words(text)
    if not 1 <= len(found) <= MAX_WORDS or not any(len(w) >= 3 for w in found):
        return False
    if text.endswith(SENTENCE_ENDS) or _metadata(text):
        return False
    if block.get("next_heading") or block.get("next_field"):
        return False
    return (block.get("next_chars") or 0) >= MIN_FOLLOWING_CHARS


def _metadata(text: str) -> bool:
    """A date line ('Published 2 June 2025'), a bare date, or mostly numbers (a phone
    number, a price): page furniture rather than a heading."""
    if METADATA.match(text) or (DATE.search(text) and len(words(DATE.sub(" ", text))) <= 1):
        return True
    letters = sum(ch.isalpha() for ch in text)
    return letters < sum(not ch.isspace() for ch in text) / 2
