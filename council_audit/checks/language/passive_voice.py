"""Active voice, mostly (GOV.UK style guide: use the active voice)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.plain import page_sentences
from council_audit.checks.common.text import words
from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.checks.standards.plain_words import IRREGULAR_PARTICIPLES, NOT_PARTICIPLES

META = CheckMeta(
    id="passive-voice",
    title="Sentences are mostly in the active voice",
    group="language",
    impact="minor",
    guidance="GOV.UK style guide: active voice",
    help_url="https://www.gov.uk/guidance/style-guide/a-to-z#active-voice",
    how_to_fix=(
        "Say who does what: 'we will send you a letter', not 'a letter will be sent'. "
        "The passive is fine now and then, when who does it does not matter."
    ),
    description=(
        "Passive sentences hide who does what and are harder to follow. Counts sentences "
        "of the main content's paragraphs and list items with a form of 'be' followed by "
        "a past participle ('is collected', 'will be charged', 'were sent'), and flags "
        "pages with at least 10 sentences where more than 1 in 3 are passive. English pages "
        "only; a heuristic, so it asks for review."
    ),
)

MIN_SENTENCES = 10
MAX_SHARE = 1 / 3
MIN_WORDS = 4  # shorter list items are fragments, not sentences
EXAMPLES = 3
ADVERBS = r"(?:(?:not|also|only|then|now|still|already|just|all|\w+ly)\s+){0,2}"
BE_THEN_WORD = re.compile(
    rf"\b(?:am|is|are|was|were|be|been|being)\s+{ADVERBS}([a-z]+)\b", re.IGNORECASE
)


def is_passive(sentence: str) -> bool:
    """True when the sentence has a form of 'be' followed by a past participle."""
    for m in BE_THEN_WORD.finditer(sentence):
        word = m.group(1).lower()
        if word in IRREGULAR_PARTICIPLES:
            return True
        if word.endswith("ed") and len(word) >= 4 and word not in NOT_PARTICIPLES:
            return True
    return False


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = [s for s in page_sentences(page) if len(words(s.text)) >= MIN_WORDS]
    if len(found) < MIN_SENTENCES:
        return
    passive = [s for s in found if is_passive(s.text)]
    share = len(passive) / len(found)
    extras = {"sentences": len(found), "passive": len(passive), "share": round(share, 2)}
    where = page.selector_for(page.main)
    if share <= MAX_SHARE:
        yield Outcome("pass", where, "", extras=extras)
        return
    examples = "; ".join(f"'{_cut(s.text)}'" for s in passive[:EXAMPLES])
    message = (
        f"{len(passive)} of {len(found)} sentences ({share:.0%}) are in the passive voice, "
        f"for example {examples}."
    )
    yield Outcome("review", where, "", message, extras=extras)


def _cut(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
