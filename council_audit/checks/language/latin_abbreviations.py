"""No Latin abbreviations (GOV.UK style guide: eg, etc and ie)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.common.plain import english_units, excerpt
from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.checks.standards.plain_words import LATIN_ABBREVIATIONS

META = CheckMeta(
    id="latin-abbreviations",
    title="No Latin abbreviations",
    group="language",
    impact="minor",
    guidance="GOV.UK style guide: eg, etc and ie",
    help_url="https://www.gov.uk/guidance/style-guide/a-to-z#eg-etc-and-ie",
    how_to_fix=(
        "Write 'for example' instead of 'eg', 'that is' instead of 'ie', and 'and so on' "
        "instead of 'etc', or list everything."
    ),
    description=(
        "Many people do not know what 'eg', 'ie' and 'etc' mean, and screen readers may "
        "read them out as words. Flags them in the main content, once per abbreviation "
        "per page. English pages only; asks for review."
    ),
)

PATTERNS = {key: re.compile(pattern) for key, (_, pattern) in LATIN_ABBREVIATIONS.items()}


def evaluate(page: PageView) -> Iterator[Outcome]:
    first: dict[str, tuple[str, str]] = {}
    counts: dict[str, int] = {}
    for unit in english_units(page):
        for key, pattern in PATTERNS.items():
            for m in pattern.finditer(unit.text):
                counts[key] = counts.get(key, 0) + 1
                if key not in first:
                    found = excerpt(unit.text, m.start(), m.end())
                    first[key] = (page.selector_for(unit.element), found)
    for key, (selector, text) in first.items():
        plain = LATIN_ABBREVIATIONS[key][0]
        message = f"Write '{plain}' instead of '{key}'."
        extras = {"abbreviation": key, "count": counts[key]}
        yield Outcome("review", selector, text, message, key=key, extras=extras)
