"""Finding councils in the register by what people type: codes in any case, near misses
("did you mean"), and a search over names, places and types (``council-audit councils``)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

SEARCHED = ("code", "name", "short_name", "nation", "region", "type", "homepage_url")


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The choices closest to ``word``, compared without case, best first."""
    by_key = {c.casefold(): c for c in choices if c}
    close = difflib.get_close_matches(word.casefold(), list(by_key), n=n, cutoff=0.6)
    return [by_key[k] for k in close]


def suggest_councils(word: str, rows: Sequence[dict[str, Any]], n: int = 3) -> list[str]:
    """'LDS (Leeds City Council)' for codes near ``word`` or councils whose name holds it."""
    names = {r["code"]: r["name"] for r in rows}
    codes = [r["code"] for r in search(rows, word)] if len(word) > 2 else []
    codes += [c for c in did_you_mean(word, names, n) if c not in codes]
    return [f"{code} ({names[code]})" for code in codes[:n]]


def hint(choices: list[str]) -> str:
    """'; did you mean A or B?' (empty when there is nothing close)."""
    if not choices:
        return ""
    if len(choices) == 1:
        return f"; did you mean {choices[0]}?"
    return f"; did you mean {', '.join(choices[:-1])} or {choices[-1]}?"


def search(rows: Iterable[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Councils whose code is ``text`` (any case), then those whose name, place, type or
    web address holds every word of it."""
    rows = list(rows)
    words = text.casefold().split()
    exact = [r for r in rows if r["code"].casefold() == text.strip().casefold()]
    found = [
        r
        for r in rows
        if r not in exact
        and all(any(w in str(r.get(col) or "").casefold() for col in SEARCHED) for w in words)
    ]
    return exact + sorted(found, key=lambda r: r["name"])


def unknown_value(what: str, value: str, known: Iterable[str]) -> str:
    """'unknown nation 'Narnia': choose England, Northern Ireland, Scotland or Wales'."""
    known = sorted({k for k in known if k})
    close = did_you_mean(value, known)
    if close:
        return f"unknown {what} {value!r}{hint(close)}"
    listed = ", ".join(known[:-1]) + f" or {known[-1]}" if len(known) > 1 else "".join(known)
    return f"unknown {what} {value!r}: choose {listed}"
