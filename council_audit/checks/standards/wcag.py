"""WCAG 2.2 success criteria: number -> (name, level), and the one rule that turns a
check's outcome into a finding level. 4.1.1 Parsing is obsolete in 2.2 but kept so that
older findings still resolve."""

from __future__ import annotations

from collections.abc import Iterable

_TABLE = """
1.1.1 Non-text Content A|1.2.1 Audio-only and Video-only (Prerecorded) A|1.2.2 Captions (Prerecorded) A
1.2.3 Audio Description or Media Alternative (Prerecorded) A|1.2.4 Captions (Live) AA
1.2.5 Audio Description (Prerecorded) AA|1.3.1 Info and Relationships A|1.3.2 Meaningful Sequence A
1.3.3 Sensory Characteristics A|1.3.4 Orientation AA|1.3.5 Identify Input Purpose AA
1.3.6 Identify Purpose AAA|1.4.1 Use of Color A|1.4.2 Audio Control A|1.4.3 Contrast (Minimum) AA
1.4.4 Resize Text AA|1.4.5 Images of Text AA|1.4.6 Contrast (Enhanced) AAA|1.4.8 Visual Presentation AAA
1.4.10 Reflow AA|1.4.11 Non-text Contrast AA|1.4.12 Text Spacing AA|1.4.13 Content on Hover or Focus AA
2.1.1 Keyboard A|2.1.2 No Keyboard Trap A|2.1.4 Character Key Shortcuts A|2.2.1 Timing Adjustable A
2.2.2 Pause, Stop, Hide A|2.3.1 Three Flashes or Below Threshold A|2.3.3 Animation from Interactions AAA
2.4.1 Bypass Blocks A|2.4.2 Page Titled A|2.4.3 Focus Order A|2.4.4 Link Purpose (In Context) A
2.4.5 Multiple Ways AA|2.4.6 Headings and Labels AA|2.4.7 Focus Visible AA
2.4.9 Link Purpose (Link Only) AAA|2.4.10 Section Headings AAA|2.4.11 Focus Not Obscured (Minimum) AA
2.5.1 Pointer Gestures A|2.5.2 Pointer Cancellation A|2.5.3 Label in Name A|2.5.4 Motion Actuation A
2.5.7 Dragging Movements AA|2.5.8 Target Size (Minimum) AA|3.1.1 Language of Page A
3.1.2 Language of Parts AA|3.1.3 Unusual Words AAA|3.1.4 Abbreviations AAA|3.1.5 Reading Level AAA
3.2.1 On Focus A|3.2.2 On Input A|3.2.3 Consistent Navigation AA|3.2.4 Consistent Identification AA
3.2.5 Change on Request AAA|3.2.6 Consistent Help A|3.3.1 Error Identification A
3.3.2 Labels or Instructions A|3.3.3 Error Suggestion AA|3.3.4 Error Prevention (Legal, Financial, Data) AA
3.3.7 Redundant Entry A|3.3.8 Accessible Authentication (Minimum) AA|4.1.1 Parsing A
4.1.2 Name, Role, Value A|4.1.3 Status Messages AA
1.2.6 Sign Language (Prerecorded) AAA|1.2.7 Extended Audio Description (Prerecorded) AAA
1.2.8 Media Alternative (Prerecorded) AAA|1.2.9 Audio-only (Live) AAA
1.4.7 Low or No Background Audio AAA|1.4.9 Images of Text (No Exception) AAA
2.1.3 Keyboard (No Exception) AAA|2.2.3 No Timing AAA|2.2.4 Interruptions AAA
2.2.5 Re-authenticating AAA|2.2.6 Timeouts AAA|2.3.2 Three Flashes AAA|2.4.8 Location AAA
2.4.12 Focus Not Obscured (Enhanced) AAA|2.4.13 Focus Appearance AAA
2.5.5 Target Size (Enhanced) AAA|2.5.6 Concurrent Input Mechanisms AAA
3.1.6 Pronunciation AAA|3.3.5 Help AAA|3.3.6 Error Prevention (All) AAA
3.3.9 Accessible Authentication (Enhanced) AAA
"""
# The levels public sector websites must meet (WCAG 2.2 A and AA, PSBAR 2018), and the
# criteria WCAG 2.2 no longer has.
LEGAL_LEVELS = frozenset({"A", "AA"})
OBSOLETE = frozenset({"4.1.1"})


def _parse() -> dict[str, tuple[str, str]]:
    out = {}
    for entry in _TABLE.replace("\n", "|").split("|"):
        entry = entry.strip()
        if entry:
            number, rest = entry.split(" ", 1)
            name, level = rest.rsplit(" ", 1)
            out[number] = (name, level)
    return out


SUCCESS_CRITERIA: dict[str, tuple[str, str]] = _parse()


def describe(number: str) -> str:
    """'1.1.1 Non-text Content (A)', or the bare number when it is unknown."""
    if number not in SUCCESS_CRITERIA:
        return number
    name, level = SUCCESS_CRITERIA[number]
    return f"{number} {name} ({level})"


def understanding_url(number: str) -> str:
    name = SUCCESS_CRITERIA.get(number, (number, ""))[0]
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"https://www.w3.org/WAI/WCAG22/Understanding/{slug}.html"


def legal_criteria(wcag: Iterable[str]) -> tuple[str, ...]:
    """The WCAG 2.2 A and AA success criteria among ``wcag``: what the law requires."""
    return tuple(
        sc
        for sc in wcag
        if sc not in OBSOLETE and SUCCESS_CRITERIA.get(sc, ("", ""))[1] in LEGAL_LEVELS
    )


def finding_level(failed: bool, wcag: Iterable[str]) -> str:
    """The one rule for a finding's level, whatever produced it: ``error`` for a certain
    failure of a WCAG 2.2 A or AA criterion, ``warning`` when one needs review, and
    ``advice`` for everything beyond the legal standard (a best-practice rule naming no
    criterion, or AAA criteria only), failed or to review."""
    if not legal_criteria(wcag):
        return "advice"
    return "error" if failed else "warning"


def level_extras(level: str, failed: bool) -> dict[str, str]:
    """What an advice finding keeps of its outcome (``fail`` or ``review``), which its
    level no longer says."""
    return {"outcome": "fail" if failed else "review"} if level == "advice" else {}
