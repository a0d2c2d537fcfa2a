"""Telling an accessibility statement from a page that only links to one."""

from __future__ import annotations

import re

TITLE_WORDS = re.compile(r"accessibility statement|datganiad hygyrchedd", re.I)
BODY_WORDS = re.compile(
    r"compliant with the web content accessibility guidelines|accessibility regulations|"
    r"public sector bodies \(websites and mobile applications\)|"
    r"(?:fully|partially|not) compliant|cydymffurfio|non[- ]accessible content",
    re.I,
)


def looks_like_statement(title: str, h1: str, html: str) -> bool:
    """True when the page says it is a statement (title or main heading), or talks about
    compliance with the regulations at least twice."""
    if TITLE_WORDS.search(title or "") or TITLE_WORDS.search(h1 or ""):
        return True
    return len(BODY_WORDS.findall(html or "")) >= 2
