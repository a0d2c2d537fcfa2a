"""Reading age of the main content (GOV.UK style guide: write for a reading age of 9)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.text import prose_readability
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="reading-age",
    title="Main content is easy to read",
    group="language",
    impact="moderate",
    wcag=("3.1.5",),
    guidance="GOV.UK style guide: plain English, reading age 9",
    help_url="https://www.gov.uk/guidance/content-design/writing-for-gov-uk",
    how_to_fix=(
        "Use shorter sentences (15 to 20 words) and everyday words. Split long paragraphs, "
        "put the most important thing first, and explain any term people may not know."
    ),
    description=(
        "Reading age from the Flesch-Kincaid grade (reading age = grade + 5) of the main "
        "content's paragraphs (not navigation, headings or list items), scored only on pages "
        "with enough prose. English pages only. A heuristic, so it asks for review."
    ),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    counts = prose_readability(page)  # English prose only; None when too little to score
    if counts is None:
        return
    limit = page.settings.reading_age_max
    age = round(counts.reading_age, 1)
    extras = {
        "reading_age": age,
        "fk_grade": round(counts.fk_grade, 1),
        "words": counts.words,
        "sentences": counts.sentences,
        "syllables": counts.syllables,
    }
    if age > limit:
        message = (
            f"Reading age {age:g} (Flesch-Kincaid grade {counts.fk_grade:.1f}) over "
            f"{counts.words} words in {counts.sentences} sentences; aim for {limit} or below."
        )
        yield Outcome("review", page.selector_for(page.main), "", message, extras=extras)
    else:
        yield Outcome("pass", page.selector_for(page.main), "", extras=extras)
