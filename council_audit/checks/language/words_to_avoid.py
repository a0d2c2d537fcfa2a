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
        "language. Looks for words to avoid (GOV.UK's list, such as facilitate, tackle, "
        "robust) and wordy phrases (in order to, prior to, commence) in the main content "
        "and asks for review once per page, listing each word with how often it is used "
        "and a plainer word, the most used first. Words with an everyday sense a pattern "
        "cannot tell apart are left out. English pages only; a suggestion, so it asks for "
        "review."
    ),
)


LISTED = 8  # words named in the message; the extras keep them all
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
    if not uses:
        return
    ranked = sorted(uses.values(), key=lambda u: -u.count)
    first = ranked[0]
    listed = "; ".join(_advice(use) for use in ranked[:LISTED])
    more = f" and {len(ranked) - LISTED} more" if len(ranked) > LISTED else ""
    what = "word or phrase" if len(ranked) == 1 else "words or phrases"
    message = f"{len(ranked)} {what} could be plainer: {listed}{more}."
    yield Outcome(
        "review",
        page.selector_for(first.unit.element),
        first.text,
        message,
        extras={
            "words": [
                {"word": u.word.key, "kind": u.word.kind, "count": u.count, "excerpt": u.text}
                for u in ranked
            ]
        },
    )


def _advice(use: Use) -> str:
    times = f" ({use.count} times)" if use.count > 1 else ""
    advice = use.word.advice
    if advice.startswith("'"):
        advice = f"use {advice} instead"
    return f"'{use.word.key}'{times}: {advice}"
