"""No text in block capitals (GOV.UK style guide: capital letters)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.caps import all_capitals, capital_runs, is_block_capitals
from council_audit.checks.common.page import PageView
from council_audit.checks.common.plain import english_units, is_english, line_sentences, lines
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="block-capitals",
    title="No text in block capitals",
    group="language",
    impact="minor",
    guidance="GOV.UK style guide: capitalisation (do not use block capitals)",
    help_url="https://www.gov.uk/guidance/style-guide/a-to-z#capitalisation",
    how_to_fix=(
        "Write in sentence case and use bold or a heading for emphasis. Remove "
        "text-transform: uppercase from anything longer than a short label."
    ),
    description=(
        "Text in capitals is harder to read: words lose their shape, and some screen "
        "readers spell them out letter by letter. Flags main-content runs of three or more "
        "words in capitals (not acronyms) or whole sentences in capitals, and text of four "
        "or more words shown in capitals by CSS text-transform. English pages only; asks "
        "for review."
    ),
    facts=("language_caps",),
)

MIN_CSS_WORDS = 4  # shorter text in capitals (a tag, a label) is left alone


def evaluate(page: PageView) -> Iterator[Outcome]:
    for unit in english_units(page):
        shouted = _shouted(unit.element)
        if shouted:
            message = f"'{shouted[:80]}' is written in capitals; use sentence case."
            selector = page.selector_for(unit.element)
            yield Outcome("review", selector, shouted, message, key="text")
    if is_english(page):
        yield from _css_capitals(page)


def _shouted(el) -> str | None:  # type: ignore[no-untyped-def]
    for line in lines(el):
        runs = list(capital_runs(line))
        for run in runs:
            if is_block_capitals(run):
                return line[run.start : run.end]
        if not runs:
            continue
        for sentence in line_sentences(line):
            if all_capitals(sentence):
                return sentence
    return None


def _css_capitals(page: PageView) -> Iterator[Outcome]:
    fact = page.facts.get("language_caps")
    if not isinstance(fact, dict) or not isinstance(fact.get("elements"), list):
        return
    for item in fact["elements"]:
        words = int(item.get("words") or 0)
        if words < MIN_CSS_WORDS:
            continue
        message = (
            f"{words} words are shown in capitals by CSS text-transform: "
            f"'{str(item.get('text', ''))[:80]}'."
        )
        extras = {"words": words, "css": "text-transform: uppercase"}
        selector = str(item.get("selector") or "html")
        yield Outcome("review", selector, str(item.get("snippet", "")), message, "css", extras)
