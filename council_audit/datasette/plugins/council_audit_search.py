"""Full-text search that never fails and speaks British and American English.

Datasette passes ``?_search=`` to SQLite's FTS5, where an empty search or a lone ``"``
is a syntax error (HTTP 400), and "colour" does not find "color". This plugin rewrites
the search before Datasette sees it: each word of the visitor's text becomes a quoted
FTS5 term (nothing they type can be FTS syntax), with its other spelling as an
alternative (``("colour" OR "color")``), and ``_searchmode=raw`` so Datasette uses the
expression as it is. A search with no words is dropped: the whole table is shown. The
visitor's own words are kept in the request scope for the search box
(``request.scope["council_audit_search"]``).

Self-contained (Datasette and the standard library only), like the site plugin.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

SCOPE_KEY = "council_audit_search"
WORD = re.compile(r"\w+", re.UNICODE)
# (British ending, American ending): colour/color, organise/organize, centre/center...
ENDINGS = (
    ("our", "or"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("ence", "ense"),
    ("elled", "eled"),
    ("elling", "eling"),
)
SHORTEST = 5  # shorter words are left alone: four/for, hour, your, tour
NOT_VARIANTS = {  # real words that the endings would turn into other real words
    "floor", "flour", "door", "poor", "moor", "armour", "hence", "fence", "pence",
    "whence", "since", "once", "sense", "dense", "tense", "tenses", "water", "later",
    "after", "enter", "otter", "butter", "letter", "better", "matter", "wise", "rise",
    "raise", "noise", "poise", "praise", "vise", "size", "prize", "seize", "baize",
    "maize", "ooze",
}  # fmt: skip
SPECIAL = {  # pairs no ending rule makes
    "grey": "gray", "gray": "grey", "programme": "program", "programmes": "programs",
    "licence": "license", "defence": "defense", "offence": "offense", "tyre": "tire",
    "kerb": "curb", "cheque": "check", "enrol": "enroll", "enrolment": "enrollment",
    "aluminium": "aluminum", "aeroplane": "airplane", "ageing": "aging", "judgement":
    "judgment", "practise": "practice", "fulfil": "fulfill", "manoeuvre": "maneuver",
}  # fmt: skip


def spellings(word: str) -> list[str]:
    """The word and its other English spelling, if it has one: 'colour' -> ['colour',
    'color'], 'organization' -> ['organization', 'organisation']."""
    low = word.lower()
    found = [low]
    if low in SPECIAL:
        found.append(SPECIAL[low])
    if len(low) < SHORTEST or low in NOT_VARIANTS:
        return found
    for british, american in ENDINGS:
        for have, other in ((british, american), (american, british)):
            if low.endswith(have) and len(low) - len(have) >= 2:
                variant = low[: -len(have)] + other
                if variant not in found and variant not in NOT_VARIANTS:
                    found.append(variant)
    return found


def fts_query(text: str) -> str | None:
    """A safe FTS5 expression for the visitor's text: every word must match, in either
    spelling; None when the text has no words."""
    terms = []
    for word in WORD.findall(text):
        quoted = [f'"{w}"' for w in spellings(word)]
        terms.append(quoted[0] if len(quoted) == 1 else f"({' OR '.join(quoted)})")
    return " ".join(terms) or None


_TERM = r'(?:"\w+"|\("\w+"(?: OR "\w+")+\))'
OURS = re.compile(rf"{_TERM}(?: {_TERM})*", re.UNICODE)  # what fts_query writes


def made_safe(value: str) -> tuple[str | None, str]:
    """(the FTS5 expression, the words to show) for one search value. An expression
    this plugin wrote (a link from a page of results) is kept as it is."""
    if OURS.fullmatch(value):
        terms = re.findall(rf"{_TERM}", value)
        return value, " ".join(WORD.search(t).group(0) for t in terms)  # type: ignore[union-attr]
    return fts_query(value), value


def rewrite(query_string: bytes) -> tuple[bytes, str | None]:
    """The query string with each ``_search``/``_search_COLUMN`` made safe, and the
    visitor's own text of ``_search``."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    if not any(k == "_search" or k.startswith("_search_") for k, _ in pairs):
        return query_string, None
    out, original, searching = [], None, False
    for key, value in pairs:
        if key == "_searchmode":
            continue
        if key == "_search" or key.startswith("_search_"):
            safe, words = made_safe(value)
            if key == "_search":
                original = words
            if safe is None:
                continue
            out.append((key, safe))
            searching = True
            continue
        out.append((key, value))
    if searching:
        out.append(("_searchmode", "raw"))
    return urlencode(out).encode("latin-1"), original


@hookimpl
def asgi_wrapper() -> Callable[[Any], Any]:
    def wrap(app: Any) -> Any:
        async def safe_search(scope: dict, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and b"_search" in scope.get("query_string", b""):
                query, original = rewrite(scope["query_string"])
                scope = {**scope, "query_string": query, SCOPE_KEY: original}
            await app(scope, receive, send)

        return safe_search

    return wrap
