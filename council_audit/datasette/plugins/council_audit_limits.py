"""Limits for a public Datasette (issue #10), loaded with the site plugin.

- Every connection gets SQLite limits, so that one function call cannot take seconds
  and gigabytes before ``sql_time_limit_ms`` is even checked (``randomblob(900000000)``
  fails at once: "string or blob too big").
- ``/-/databases`` lists each database without its path on the server.
"""

from __future__ import annotations

import sqlite3
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


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    for limit, value in LIMITS.items():
        conn.setlimit(limit, value)


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
