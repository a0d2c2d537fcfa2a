"""Reading a statement's text: what it says about compliance, non-accessible content,
disproportionate burden, its dates, how to report a problem, enforcement, and any
template placeholders left in [square brackets]. English and Welsh wording.

Plain text in, facts out: the checks in :mod:`council_audit.checks.statement` judge them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from council_audit.checks.standards.wcag import SUCCESS_CRITERIA

MONTHS = {
    **{m.lower(): i for i, m in enumerate(calendar.month_name) if m},
    **{m.lower(): i for i, m in enumerate(calendar.month_abbr) if m},
    "sept": 9,
    **{m: i for i, m in enumerate(
        "_ ionawr chwefror mawrth ebrill mai mehefin gorffennaf awst medi hydref tachwedd rhagfyr"
        .split()) if i},
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})\b", re.I
)
MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
BY_YEAR = re.compile(r"\b(?:by|before|erbyn)\s+(?:the\s+end\s+of\s+)?(\d{4})\b", re.I)

PREPARED = re.compile(r"\b(?:prepared|paratowyd|created)\b", re.I)
REVIEWED = re.compile(
    r"\b(?:reviewed|updated|revised|adolygwyd|diweddarwyd|adolygu|diweddaru)\b", re.I
)
PROMISE = re.compile(
    r"\b(?:fix|fixed|plan|plans|planning|aim|intend|expect|will|resolve|replace|working)\b|"
    r"\b(?:bwriadu|byddwn|trwsio)\b",
    re.I,
)
DEADLINE = re.compile(r"\b(?:by|before|end of|erbyn|cyn)\b", re.I)
COMPLIANCE = (
    ("partial", re.compile(r"\bnot fully compliant\b|\bpartially compliant\b|\bpartly compliant\b|"
                           r"\bpartially meets\b|\bpart(?:ial)?ly conform|\bpartial conformance\b|"
                           r"cydymffurfio[’']?n rhannol", re.I)),
    ("not", re.compile(r"\b(?:not|non)[- ]compliant\b|\bnot yet compliant\b|\bnot compliant\b|"
                       r"\bddim yn cydymffurfio\b|\bnad yw[’']?n cydymffurfio\b|\bdoes not conform\b",
                       re.I)),
    ("full", re.compile(r"\bfully compliant\b|\bfully meets\b|\bfully conform|\bfull conformance\b|"
                        r"cydymffurfio[’']?n llawn", re.I)),
)  # fmt: skip
WCAG_VERSION = re.compile(
    r"(?:WCAG|Web Content Accessibility Guidelines)\s*(?:version\s*)?(2\.[0-2])", re.I
)
NON_ACCESSIBLE = re.compile(
    r"non[- ]accessible content|content that is not accessible|non[- ]compliance with the "
    r"accessibility regulations|cynnwys nad yw[’']?n hygyrch|how accessible this website is",
    re.I,
)
SUCCESS_CRITERION = re.compile(r"\b([1-4]\.[1-5]\.\d{1,2})\b")
BURDEN = re.compile(r"disproportionate burden|baich anghymesur", re.I)
NO_BURDEN = re.compile(
    r"\bnot\b[^.]{0,40}\bclaim|\bno\b[^.]{0,40}disproportionate|\bnot (?:currently )?"
    r"(?:consider|claiming)",
    re.I,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\d)(?:\+44\s?\(?0?\)?\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")
ENFORCEMENT = {
    "EHRC": re.compile(r"Equality and Human Rights Commission|\bEHRC\b|Comisiwn Cydraddoldeb a Hawliau Dynol", re.I),
    "EASS": re.compile(r"Equality Advisory (?:and|&) Support Service|\bEASS\b|Gwasanaeth Cynghori a Chymorth Cydraddoldeb", re.I),
    "ECNI": re.compile(r"Equality Commission for Northern Ireland|\bECNI\b", re.I),
}  # fmt: skip
BRACKETED = re.compile(r"\[([^\[\]\n]{1,120})\]")
PLACEHOLDER_WORDS = re.compile(
    r"\b(?:name|insert|date|organisation|organization|website|site|phone|telephone|email|"
    r"e-mail|address|url|link|add|enter|details|month|year|number|hours|team|contact|"
    r"council|app|describe|explain|x+|dd|mm|yyyy|version|fully|partially|not|"
    r"enw|dyddiad|rhif)\b",
    re.I,
)
NOT_PLACEHOLDER = re.compile(r"\b(?:pdf|kb|mb|docx?|xlsx?|opens? in|new (?:tab|window))\b", re.I)


@dataclass
class StatementInfo:
    compliance: str | None = None
    compliance_sentence: str = ""
    wcag_version: str | None = None
    non_accessible_section: bool = False
    wcag_references: list[str] = field(default_factory=list)
    disproportionate_burden: bool = False
    burden_assessed: bool = False
    prepared_on: dt.date | None = None
    reviewed_on: dt.date | None = None
    fix_dates: list[tuple[dt.date, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    enforcement: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    words: int = 0

    @property
    def last_reviewed(self) -> dt.date | None:
        dates = [d for d in (self.prepared_on, self.reviewed_on) if d]
        return max(dates) if dates else None


def sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if s.strip())
    return out


def dates_in(text: str, end_of_period: bool = False) -> list[dt.date]:
    """Dates written out in ``text`` (UK day-first), in order. Month-only dates are the
    first of the month, or the last with ``end_of_period``."""
    found: list[tuple[int, dt.date]] = []
    taken: list[tuple[int, int]] = []
    for pattern, build in (
        (ISO, lambda m: (int(m[1]), int(m[2]), int(m[3]))),
        (DAY_MONTH_YEAR, lambda m: (int(m[3]), MONTHS[m[2].lower()], int(m[1]))),
        (MONTH_DAY_YEAR, lambda m: (int(m[3]), MONTHS[m[1].lower()], int(m[2]))),
        (NUMERIC, lambda m: (int(m[3]), int(m[2]), int(m[1]))),
        (MONTH_YEAR, lambda m: (int(m[2]), MONTHS[m[1].lower()], 0)),
    ):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))  # an impossible date is no date at all
            year, month, day = build(m)
            try:
                if day == 0:
                    day = calendar.monthrange(year, month)[1] if end_of_period else 1
                found.append((m.start(), dt.date(year, month, day)))
            except (ValueError, calendar.IllegalMonthError):
                continue
    return [d for _, d in sorted(found)]


def parse_statement(text: str) -> StatementInfo:
    info = StatementInfo(words=len(text.split()))
    lines = sentences(text)
    _compliance(info, lines)
    version = WCAG_VERSION.search(text)
    info.wcag_version = version[1] if version else None
    info.non_accessible_section = bool(NON_ACCESSIBLE.search(text))
    refs = {m for m in SUCCESS_CRITERION.findall(text) if m in SUCCESS_CRITERIA}
    info.wcag_references = sorted(refs, key=lambda sc: [int(p) for p in sc.split(".")])
    _burden(info, lines, text)
    _dates(info, lines)
    info.emails = sorted(set(EMAIL.findall(text)))
    info.phones = sorted({" ".join(p.split()) for p in PHONE.findall(text)})
    info.enforcement = [name for name, pattern in ENFORCEMENT.items() if pattern.search(text)]
    info.placeholders = placeholders(text)
    return info


def _compliance(info: StatementInfo, lines: list[str]) -> None:
    for sentence in lines:
        for status, pattern in COMPLIANCE:
            if pattern.search(sentence):
                info.compliance, info.compliance_sentence = status, sentence
                return


def _burden(info: StatementInfo, lines: list[str], text: str) -> None:
    said = [s for s in lines if BURDEN.search(s) and not s.startswith("## ")]
    info.disproportionate_burden = bool(said) and not all(NO_BURDEN.search(s) for s in said)
    info.burden_assessed = bool(re.search(r"\bassess", text, re.I))


def _dates(info: StatementInfo, lines: list[str]) -> None:
    reviewed: list[dt.date] = []
    for sentence in lines:
        if PREPARED.search(sentence) and info.prepared_on is None:
            found = dates_in(sentence)
            info.prepared_on = found[0] if found else None
        if REVIEWED.search(sentence):
            reviewed.extend(dates_in(sentence, end_of_period=True))
        elif (
            PROMISE.search(sentence) and DEADLINE.search(sentence) and not PREPARED.search(sentence)
        ):
            for when in dates_in(sentence, end_of_period=True) + _years(sentence):
                info.fix_dates.append((when, sentence))
    info.reviewed_on = max(reviewed) if reviewed else None


def _years(sentence: str) -> list[dt.date]:
    return [dt.date(int(y), 12, 31) for y in BY_YEAR.findall(sentence)]


def placeholders(text: str) -> list[str]:
    """Text in [square brackets] that reads like an unedited template placeholder."""
    out = []
    for inner in BRACKETED.findall(text):
        if inner.strip().isdigit() or NOT_PLACEHOLDER.search(inner):
            continue
        if PLACEHOLDER_WORDS.search(inner) and f"[{inner}]" not in out:
            out.append(f"[{inner}]")
    return out
