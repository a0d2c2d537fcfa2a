"""The visible label of a control is part of its accessible name (WCAG 2.5.3)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="label-in-name",
    title="Visible label is part of the accessible name",
    group="aria",
    impact="serious",
    wcag=("2.5.3",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/label-in-name.html",
    how_to_fix=(
        "Make the aria-label or aria-labelledby text start with the words shown on the "
        "control, e.g. a 'Read more' link can be named 'Read more about council tax'. Or drop "
        "the aria-label and let the visible text name the control."
    ),
    description=(
        "People using voice control say what they see: 'click Apply'. If the control's "
        "accessible name (from aria-label or aria-labelledby) does not contain its visible "
        "text, the command does nothing. Checks links, buttons and other controls named from "
        "their content, and form fields with a <label>. Text hidden from view, icon-font "
        "glyphs and single symbols (not single digits) are left out. A difference only in spacing, and a form "
        "field's <label> (which may also hold a hint), ask for review."
    ),
    facts=("widget_labels",),
    reads_styles=True,
)

MIN_CHARS = 2  # a single visible character is a symbol (×, +, X), not a label...
HINT = re.compile(r"\([^)]*\)|\[[^\]]*\]")  # "(DD/MM/YYYY)": a hint, not the label
HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")


def evaluate(page: PageView) -> Iterator[Outcome]:
    controls = page.facts.get("widget_labels")
    if not isinstance(controls, list):
        return
    for control in controls:
        outcome = judge(control["visible"], control["name"])
        if outcome is None:
            continue
        status, why = outcome
        if status == "fail" and control["kind"] == "label":
            status = "review"  # a <label> may hold a hint as well as the field's label
        message = (
            f"The {control['role']} shows '{_short(control['visible'])}' but its accessible "
            f"name ({control['source']}) is '{_short(control['name'])}'{why}"
        )
        yield Outcome(
            status,
            control["selector"],
            control["snippet"],
            message if status != "pass" else "",
            extras={"visible": control["visible"], "name": control["name"]},
        )


def judge(visible: str, name: str) -> tuple[str, str] | None:
    """('pass'|'review'|'fail', reason), or None when there is no visible label to compare."""
    shown, abbreviated = tokens(visible)
    if len("".join(shown)) < MIN_CHARS and not "".join(shown).isdigit():
        return None  # ...but a digit is a label people say: "click 3" for page 3
    named, _ = tokens(name)
    if contains(named, shown, abbreviated):
        return "pass", ""
    without_hints, abbr = tokens(HINT.sub(" ", visible))
    if without_hints and contains(named, without_hints, abbr):
        return "pass", ""
    if joined_within(named, shown):
        return "review", ": the words are spaced differently, which speech input may not match."
    return "fail", ", which does not contain the visible text."


def tokens(text: str) -> tuple[list[str], set[int]]:
    """Lower-case words with punctuation and symbols dropped; also the indexes of words
    written as abbreviations ('Ave.')."""
    text = HYPHEN.sub("", unicodedata.normalize("NFKC", text).lower())
    words: list[str] = []
    abbreviated: set[int] = set()
    for raw in text.split():
        word = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in raw).split()
        if not word:
            continue
        if raw.endswith(".") and len(word) == 1 and len(word[0]) <= 4 and word[0].isalpha():
            abbreviated.add(len(words))
        words.extend(word)
    return words, abbreviated


def contains(named: list[str], shown: list[str], abbreviated: set[int]) -> bool:
    """True when ``shown`` appears in ``named`` as a run of whole words; an abbreviated
    word ('Ave.') matches the word it shortens ('avenue')."""
    width = len(shown)
    for start in range(len(named) - width + 1):
        if all(
            named[start + i] == word or (i in abbreviated and expands(word, named[start + i]))
            for i, word in enumerate(shown)
        ):
            return True
    return False


def expands(short: str, long: str) -> bool:
    """'ave' -> 'avenue', 'rd' -> 'road': same first letter, letters in order."""
    if len(long) <= len(short) or short[0] != long[0]:
        return False
    rest = iter(long)
    return all(letter in rest for letter in short)


def joined_within(named: list[str], shown: list[str]) -> bool:
    """True when the shown words, run together, span whole name words run together:
    'W C A G' in 'WCAG', 'justice' in 'just ice', but not 'Discover It' in 'Discover Italy'."""
    ends, position = {0}, 0
    for word in named:
        position += len(word)
        ends.add(position)
    haystack, needle = "".join(named), "".join(shown)
    start = haystack.find(needle)
    while start != -1:
        if start in ends and start + len(needle) in ends:
            return True
        start = haystack.find(needle, start + 1)
    return False


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
