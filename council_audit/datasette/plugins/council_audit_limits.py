"""Limits for a public Datasette (issue #10), loaded with the site plugin.

- Every connection gets SQLite limits, so that one function call cannot take seconds
  and gigabytes before ``sql_time_limit_ms`` is even checked (``randomblob(900000000)``
  fails at once: "string or blob too big").
- ``printf`` and ``format`` are replaced on every connection by a bounded version
  (issue #17): SQLite checks the length limit only after building the result, so
  ``printf('%.*c', 2000000000, 'x')`` ran 8-30 s inside one call, where the progress
  handler behind ``sql_time_limit_ms`` never fires. A width or precision over
  ``MAX_WIDTH``, or all of them over ``MAX_LENGTH``, is refused at once; otherwise
  SQLite's own printf formats it (on a private in-memory connection).
- ``/-/databases`` lists each database without its path on the server, and an
  authorizer reads ``pragma_database_list.file`` as NULL, so SQL cannot show it either.
- The other one-call functions were timed with these limits and stay bounded:
  ``zeroblob``, ``hex(randomblob(...))``, ``replace`` chains and ``json_*`` fail at
  ``MAX_LENGTH`` at once; ``group_concat`` over a cross join is many steps, so the
  time limit stops it.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response

# Largest string or blob a query may make: far above any stored page or finding.
MAX_LENGTH = 10_000_000
LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: MAX_LENGTH,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 1000,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 200,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 100,
}
SHOWN = ("name", "route", "size", "is_mutable", "is_memory", "hash")
MAX_WIDTH = 10_000  # widest field printf may pad or repeat to
SPEC = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d*))?(?:ll|l)?(.)", re.S)
HIDDEN_COLUMNS = {("pragma_database_list", "file")}  # the database's path on the server
_formatter = threading.local()


class FormatTooWide(ValueError):
    pass


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    for limit, value in LIMITS.items():
        conn.setlimit(limit, value)
    for name in ("printf", "format"):
        conn.create_function(name, -1, bounded_printf)
    conn.set_authorizer(authorize)


def authorize(action: int, first: str | None, second: str | None, *_: Any) -> int:
    if action == sqlite3.SQLITE_READ and (first, second) in HIDDEN_COLUMNS:
        return sqlite3.SQLITE_IGNORE  # the column reads as NULL
    return sqlite3.SQLITE_OK


def bounded_printf(fmt: Any, *args: Any) -> Any:
    """SQLite's printf, refusing widths and precisions that would build a huge string."""
    if fmt is None:
        return None
    fmt = str(fmt)
    used, total = 0, 0
    for match in SPEC.finditer(fmt):
        width, precision, kind = match.groups()
        if kind == "%":
            continue
        for part in (width, precision):
            if part == "*":
                value = _number(args[used]) if used < len(args) else 0
                used += 1
            else:
                value = int(part) if part else 0
            if value > MAX_WIDTH:
                raise FormatTooWide(f"printf width {value} is over {MAX_WIDTH}")
            total += value
        used += 1
    if total > MAX_LENGTH:
        raise FormatTooWide(f"printf widths add up to over {MAX_LENGTH}")
    return _sqlite_printf(fmt, args)


def _number(value: Any) -> int:
    try:
        return abs(int(value))
    except (TypeError, ValueError, OverflowError):
        return 0


def _sqlite_printf(fmt: str, args: tuple[Any, ...]) -> Any:
    conn = getattr(_formatter, "conn", None)
    if conn is None:
        conn = _formatter.conn = sqlite3.connect(":memory:", check_same_thread=False)
        for limit, value in LIMITS.items():
            conn.setlimit(limit, value)
    marks = ", ".join("?" * (len(args) + 1))
    return conn.execute(f"select printf({marks})", [fmt, *args]).fetchone()[0]


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/databases(\.json)?$", databases)]


async def databases(datasette: Any) -> Response:
    listed = [
        {key: getattr(db, key) for key in SHOWN}
        for name, db in datasette.databases.items()
        if name != "_internal"
    ]
    return Response.json(listed)
