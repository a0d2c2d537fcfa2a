"""Long passages set in italics."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import items
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="italic-long-passage",
    title="Long passages are not in italics",
    group="visual",
    impact="minor",
    guidance=(
        "British Dyslexia Association style guide: avoid italics; GOV.UK style guide: "
        "do not use italics"
    ),
    help_url=(
        "https://www.bdadyslexia.org.uk/advice/employers/creating-a-dyslexia-friendly-workplace/"
        "dyslexia-friendly-style-guide"
    ),
    how_to_fix=(
        "Set the passage in the normal style. To stress a few words use bold, and for "
        "quotations use a <blockquote> styled with a border or indent rather than italics."
    ),
    description=(
        "Italic letters lean and run together, which makes them harder to read for many "
        "people with dyslexia or low vision. Flags main-content passages of more than 25 "
        "words whose computed font-style is italic or oblique (<em>, <i>, <address> and "
        "styled text alike). A style question, so it asks for review."
    ),
    facts=("visual_text",),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("visual_text")
    if found is None:
        return
    passages = items(found, "italic")
    if not passages:
        yield Outcome("pass")
    for item in passages:
        message = f"{item.get('words', 0)} words in italics; long italic text is hard to read."
        yield Outcome(
            "review",
            item.get("selector", "html"),
            item.get("snippet", ""),
            message,
            extras={"words": item.get("words")},
        )
