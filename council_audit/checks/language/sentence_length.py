"""Sentences are short (GOV.UK style guide: 25 words at most, 15 to 20 on average)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.plain import page_sentences
from council_audit.checks.common.text import words
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="sentence-length",
    title="Sentences are short",
    group="language",
    impact="moderate",
    wcag=("3.1.5",),
    guidance="GOV.UK style guide: plain English, sentences of 25 words or fewer",
    help_url="https://www.gov.uk/guidance/content-design/writing-for-gov-uk",
    how_to_fix=(
        "Keep sentences to 25 words or fewer, 15 to 20 on average. Split long sentences, "
        "and turn lists of conditions into bullet points."
    ),
    description=(
        "Long sentences are hard to follow, above all for people with learning or "
        "cognitive disabilities and people reading in their second language. Looks at the "
        "sentences of the main content's paragraphs and list items and asks for review, "
        "once per page, when any has over 25 words or when they average over 20 words "
        "(on pages of at least 5 sentences), listing the longest sentences first. English "
        "pages only. A heuristic, so it asks for review."
    ),
)

MAX_WORDS = 25
MAX_AVERAGE = 20
MIN_SENTENCES = 5  # fewest sentences before the page average is judged
WORST = 3  # longest sentences quoted in the message
SAMPLE = 10  # longest sentences kept in the finding's extras
SNIPPET = 300
QUOTE = 90


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page_sentences(page)
    if not found:
        return
    counts = [len(words(s.text)) for s in found]
    ranked = sorted(zip(found, counts, strict=True), key=lambda sn: -sn[1])
    long_ones = [(s, n) for s, n in ranked if n > MAX_WORDS]
    average = sum(counts) / len(counts)
    extras: dict = {
        "words": sum(counts),
        "sentences": len(counts),
        "long_sentences": len(long_ones),
        "average": round(average, 1),
        "longest": [
            {"words": n, "selector": page.selector_for(s.unit.element), "text": s.text[:SNIPPET]}
            for s, n in long_ones[:SAMPLE]
        ],
    }
    high_average = len(counts) >= MIN_SENTENCES and average > MAX_AVERAGE
    if not (long_ones or high_average):
        yield Outcome("pass", page.selector_for(page.main), "", extras=extras)
        return
    parts = []
    if long_ones:
        parts.append(
            f"{len(long_ones)} of {len(counts)} sentences "
            f"{'has' if len(long_ones) == 1 else 'have'} more than {MAX_WORDS} words"
        )
    if high_average:
        parts.append(f"sentences average {average:.1f} words (aim for 15 to 20)")
    message = "; ".join(parts) + "."
    message = message[0].upper() + message[1:]
    if long_ones:
        worst = "; ".join(f"'{_cut(s.text)}' ({n} words)" for s, n in long_ones[:WORST])
        message += f" The longest: {worst}."
    where = (long_ones or ranked)[0][0]
    yield Outcome(
        "review",
        page.selector_for(where.unit.element),
        where.text[:SNIPPET],
        message,
        extras=extras,
    )


def _cut(text: str) -> str:
    return text if len(text) <= QUOTE else text[: QUOTE - 1].rstrip() + "…"
