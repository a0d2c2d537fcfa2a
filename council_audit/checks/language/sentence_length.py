"""Sentences are short (GOV.UK style guide: 25 words at most, 15 to 20 on average)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.plain import page_sentences, text_key
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
        "cognitive disabilities and people reading in their second language. Flags each "
        "sentence of the main content's paragraphs and list items over 25 words (the "
        "first ten on a page), and pages whose sentences average over 20 words. English "
        "pages only. A heuristic, so it asks for review."
    ),
)

MAX_WORDS = 25
MAX_AVERAGE = 20
MIN_SENTENCES = 5  # fewest sentences before the page average is judged
MAX_REPORTED = 10  # long sentences reported per page; the rest are counted
SNIPPET = 300


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page_sentences(page)
    if not found:
        return
    counts = [len(words(s.text)) for s in found]
    long_ones = [(s, n) for s, n in zip(found, counts, strict=True) if n > MAX_WORDS]
    totals = {"words": sum(counts), "sentences": len(counts), "long_sentences": len(long_ones)}
    average = totals["words"] / totals["sentences"]
    totals["average"] = round(average, 1)
    for sentence, n in long_ones[:MAX_REPORTED]:
        yield Outcome(
            "review",
            page.selector_for(sentence.unit.element),
            sentence.text[:SNIPPET],
            f"This sentence has {n} words; aim for {MAX_WORDS} or fewer.",
            key=text_key(sentence.text),
            extras={"words": n, **{f"page_{k}": v for k, v in totals.items()}},
        )
    where = page.selector_for(page.main)
    if totals["sentences"] >= MIN_SENTENCES and average > MAX_AVERAGE:
        message = (
            f"Sentences average {average:.1f} words ({totals['words']} words in "
            f"{totals['sentences']} sentences); aim for 15 to 20."
        )
        yield Outcome("review", where, "", message, key="average", extras=totals)
    else:
        yield Outcome("pass", where, "", key="average", extras=totals)
