"""The council register: the UK's 382 principal councils (data from mySociety, CC BY 4.0,
shipped in ``council_audit/data/uk-councils.csv``), or any CSV of the same shape for
other public bodies. A CSV may add an ``extra_hosts`` column: other hosts of that body's
site the crawler may follow (space separated), like the ``allowed_hosts`` setting."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from council_audit import lookup

if TYPE_CHECKING:
    from council_audit.settings import Settings

COLUMNS = (
    "code", "name", "short_name", "gss_code", "nation", "region", "type", "homepage_url",
    "population", "latitude", "longitude",
)  # fmt: skip
REQUIRED = ("code", "name", "homepage_url")
NUMERIC = {"population": int, "latitude": float, "longitude": float}


CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")


class RegisterError(ValueError):
    pass


def homepage_problem(url: str) -> str | None:
    """What is wrong with a register homepage address, or None. (Whether it may be
    fetched is the scope decision's, at crawl time: a refused one is recorded.)"""
    from council_audit.scope import BadHost, target

    if not url.startswith(("http://", "https://")):
        return "must start with http:// or https://"
    if any(ch.isspace() for ch in url):
        return "must not contain spaces"
    try:
        t = target(url)
    except BadHost as exc:
        return f"is not a usable address ({exc})"
    return None if t.host else "has no host"


def load_register(path: str | Path | None = None) -> list[dict[str, Any]]:
    """Rows of the register (the bundled UK one when ``path`` is None)."""
    if path is None:
        text = (files("council_audit") / "data" / "uk-councils.csv").read_text(encoding="utf-8")
        source = "register"
    else:
        text = _read_text(Path(path))
        source = f"csv:{Path(path).name}"
    try:
        rows = list(csv.DictReader(text.splitlines()))
    except csv.Error as exc:
        raise RegisterError(f"not a readable CSV file: {exc}") from None
    cleaned = [_clean(row, n, source) for n, row in enumerate(rows, start=2)]
    _check_unique(cleaned)
    return cleaned


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegisterError(
            f"{path.name} is not UTF-8 text (byte {exc.start}): save it as UTF-8 CSV"
        ) from None
    except OSError as exc:
        raise RegisterError(f"cannot read {path}: {exc.strerror}") from None


def _check_unique(rows: list[dict[str, Any]]) -> None:
    """Codes name lock files and rows in the results: each must be unique (ignoring
    case, as codes are looked up)."""
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        code = row["code"].upper()
        if code in seen:
            raise RegisterError(
                f"line {line}: code {row['code']!r} is used already on line {seen[code]}"
            )
        seen[code] = line


def _clean(row: dict[str, str], line: int, source: str) -> dict[str, Any]:
    missing = [c for c in REQUIRED if not (row.get(c) or "").strip()]
    if missing:
        raise RegisterError(f"line {line}: missing {', '.join(missing)}")
    out: dict[str, Any] = {c: (row.get(c) or "").strip() or None for c in COLUMNS}
    for name, kind in NUMERIC.items():
        value = out[name]
        try:
            out[name] = kind(value) if value else None
        except ValueError:
            raise RegisterError(f"line {line}: {name} {value!r} is not a number") from None
    if not CODE.fullmatch(out["code"]):
        raise RegisterError(
            f"line {line}: code {out['code']!r} must be 1 to 32 letters, digits, '-' or '_'"
        )
    problem = homepage_problem(out["homepage_url"])
    if problem:
        raise RegisterError(f"line {line}: homepage_url {out['homepage_url']!r} {problem}")
    out["source"] = source
    extra = (row.get("extra_hosts") or "").replace(";", " ").replace(",", " ").split()
    if extra:
        out["extra_hosts"] = [h.lower() for h in extra]
    return out


def select(
    rows: Iterable[dict[str, Any]],
    codes: Iterable[str] = (),
    nation: str | None = None,
    kind: str | None = None,
    everything: bool = False,
) -> list[dict[str, Any]]:
    """The councils picked by code, nation or type (all of them with ``everything``)."""
    rows = list(rows)
    wanted = {c.upper() for c in codes}
    unknown = wanted - {r["code"].upper() for r in rows}
    if unknown:
        raise RegisterError(
            "; ".join(
                f"unknown council code {code!r}{lookup.hint(lookup.suggest_councils(code, rows))}"
                for code in sorted(unknown)
            )
            + " (look codes up with: council-audit councils SEARCH)"
        )
    for what, value, column in (("nation", nation, "nation"), ("type", kind, "type")):
        known = {r[column] for r in rows if r.get(column)}
        if value and value.casefold() not in {k.casefold() for k in known}:
            raise RegisterError(lookup.unknown_value(what, value, known))
    picked = [
        r
        for r in rows
        if everything
        or r["code"].upper() in wanted
        or (nation and (r["nation"] or "").lower() == nation.lower())
        or (kind and (r["type"] or "").lower() == kind.lower())
    ]
    return picked


def allowed_hosts(council: dict[str, Any], settings: Settings) -> set[str]:
    """Hosts the crawler may follow for ``council``: its homepage's, its
    ``extra_hosts``, and the ``allowed_hosts`` setting's ('host' or 'CODE=host')."""
    from council_audit.crawler.urls import site_host

    hosts = {site_host(council["homepage_url"])}
    hosts |= {h.lower() for h in council.get("extra_hosts") or ()}
    for entry in settings.allowed_hosts:
        code, sep, host = str(entry).partition("=")
        if not sep:
            hosts.add(code.strip().lower())
        elif code.strip().upper() == council["code"].upper():
            hosts.add(host.strip().lower())
    return hosts
