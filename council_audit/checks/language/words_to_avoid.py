"""Plain words, not jargon or wordy phrases (GOV.UK style guide: words to avoid)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from council_audit.checks.common.page import PageView
from council_audit.checks.common.plain import english_units, excerpt, is_proper_name
from council_audit.checks.common.text import TextUnit
from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.checks.standards.plain_words import PLAIN_WORDS, PlainWord

META = CheckMeta(
    id="words-to-avoid",
    title="Plain words, not jargon or wordy phrases",
    group="language",
    impact="minor",
    guidance="GOV.UK style guide: words to avoid, plain English",
    help_url="https://www.gov.uk/guidance/style-guide/a-to-z#words-to-avoid",
    how_to_fix=(
        "Use the plain word suggested, or say what you actually mean: 'we will fix potholes "
        "within 2 days', not 'we will tackle road defects going forward'."
    ),
    description=(
        "Vague or formal words slow everyone down and lose people reading in their second "
        "language. Suggests a plainer word for each word to avoid (GOV.UK's list, such as "
        "facilitate, tackle, robust) and each wordy phrase (in order to, prior to, "
        "commence) in the main content, once per word per page. Words with an everyday "
        "sense a pattern cannot tell apart are left out. English pages only; a suggestion, "
        "so it asks for review."
    ),
)


# One pass over a unit finds out whether any word is there at all (most units have none).
ANY_WORD = re.compile("|".join(w.regex.pattern for w in PLAIN_WORDS), re.IGNORECASE)


@dataclass
class Use:
    word: PlainWord
    unit: TextUnit
    text: str
    count: int = 1


def evaluate(page: PageView) -> Iterator[Outcome]:
    uses: dict[str, Use] = {}
    for unit in english_units(page):
        if not ANY_WORD.search(unit.text):
            continue
        for word in PLAIN_WORDS:
            for m in word.regex.finditer(unit.text):
                if is_proper_name(unit.text, m.start()):
                    continue
                if word.key in uses:
                    uses[word.key].count += 1
                else:
                    found = excerpt(unit.text, m.start(), m.end())
                    uses[word.key] = Use(word, unit, found)
    for key, use in uses.items():
        yield Outcome(
            "review",
            page.selector_for(use.unit.element),
            use.text,
            _message(use),
            key=key,
            extras={"word": key, "kind": use.word.kind, "count": use.count},
        )


def _message(use: Use) -> str:
    times = f" ({use.count} times on the page)" if use.count > 1 else ""
    advice = use.word.advice
    if advice.startswith("'"):
        advice = f"use {advice} instead"
    if use.word.kind == "avoid":
        return f"'{use.word.key}'{times} is on the GOV.UK list of words to avoid: {advice}."
    return f"'{use.word.key}'{times} can be said more plainly: {advice}."
