"""Acronyms are explained (WCAG 3.1.4, GOV.UK style guide: abbreviations and acronyms)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from council_audit.checks.common.caps import ACRONYM, acronyms
from council_audit.checks.common.page import PageView
from council_audit.checks.common.plain import english_units, excerpt, lines
from council_audit.checks.common.text import TextUnit
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="unexplained-acronym",
    title="Acronyms are explained",
    group="language",
    impact="moderate",
    wcag=("3.1.4",),
    guidance="GOV.UK style guide: abbreviations and acronyms",
    help_url="https://www.gov.uk/guidance/style-guide/a-to-z#abbreviations-and-acronyms",
    how_to_fix=(
        "Write the words out the first time, with the acronym after them in brackets, e.g. "
        "'special educational needs and disabilities (SEND)', or avoid the acronym."
    ),
    description=(
        "People new to a service do not know what 'HMO' or 'CTR' means. Flags acronyms in "
        "the main content that the page never explains: not in an <abbr title>, not a "
        "glossary term (<dt>), and not written out next to it as 'Full Name (ABC)', "
        "'ABC (Full Name)', 'ABC: Full Name' or 'ABC stands for'. Acronyms everyone knows "
        "(UK, NHS, PDF, VAT...) are left out. English pages only; asks for review."
    ),
)

WORDS = re.compile(r"[A-Za-z]+")
BRACKETED = re.compile(r"\(([^()]{2,160})\)")
BOILERPLATE = re.compile(r"\b(?:pdf|kb|mb|opens|new\s+(?:tab|window))\b", re.IGNORECASE)
EXPLAINED_AFTER = re.compile(
    r"^\s*(?:[:–—-]\s*|,?\s*(?:stands\s+for|means|is\s+short\s+for)\b)", re.IGNORECASE
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    found: dict[str, tuple[TextUnit, str, int]] = {}
    for unit in english_units(page):
        for m in acronyms(unit.text):
            name = m.group(1)
            if name in found:
                unit_, text, count = found[name]
                found[name] = (unit_, text, count + 1)
            else:
                found[name] = (unit, excerpt(unit.text, m.start(), m.end()), 1)
    if not found:
        return
    explained = explained_acronyms(page)
    for name, (unit, text, count) in found.items():
        if name in explained:
            continue
        message = f"'{name}' is not explained on the page; write it out the first time."
        extras = {"acronym": name, "count": count}
        yield Outcome("review", page.selector_for(unit.element), text, message, name, extras)


def explained_acronyms(page: PageView) -> set[str]:
    """Acronyms the page explains anywhere: <abbr title>, glossary terms, or written out
    next to the acronym."""
    out = set()
    for el in page.tree.iter("abbr", "acronym", "dt"):
        if el.tag == "dt" or (el.get("title") or "").strip():
            out |= {m.group(1) for m in ACRONYM.finditer(el.text_content())}
    body = page.tree.find("body")
    text = "\n".join(lines(body if body is not None else page.tree))
    for m in ACRONYM.finditer(text):
        if _explained_at(text, m):
            out.add(m.group(1))
    return out


def _explained_at(text: str, m: re.Match[str]) -> bool:
    name = m.group(1)
    before, after = text[: m.start()], text[m.end() :]
    if before.endswith("(") and after.startswith(")"):  # Full Name (ABC)
        return initials_match(name, WORDS.findall(before)[-(len(name) + 4) :])
    bracket = BRACKETED.match(after.lstrip())
    if bracket and not BOILERPLATE.search(bracket.group(1)):  # ABC (Full Name)
        inside = WORDS.findall(bracket.group(1))
        return len(inside) >= 3 or initials_match(name, inside)
    said = EXPLAINED_AFTER.match(after)
    if said and re.search(r"[a-z]", said.group()):  # ABC stands for Full Name
        return True
    if said:  # ABC: Full Name
        following = WORDS.findall(after[said.end() : said.end() + 200])
        return initials_match(name, following[: len(name) + 4])
    return False


def initials_match(name: str, words: list[str]) -> bool:
    """True when the letters of ``name`` are, in order, initials of ``words`` (words in
    capitals give every letter: 'HM Revenue and Customs' for HMRC), starting with the
    first letter."""
    initials = []
    for word in words:
        initials.extend(word if word.isupper() else word[0])
    letters = [c.upper() for c in initials]
    for start, first in enumerate(letters):
        if first == name[0] and _subsequence(name[1:], letters[start + 1 :]):
            return True
    return False


def _subsequence(needle: str, hay: list[str]) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)
