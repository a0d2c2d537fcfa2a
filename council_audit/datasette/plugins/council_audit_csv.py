"""Every CSV the public site serves is defused (issue #17): a crawled ``<title>`` such as
``=HYPERLINK(...)`` must not come back from ``/db/pages.csv`` as a formula a spreadsheet
runs. Datasette writes its CSV (tables, queries, canned queries, streamed or not) with
no hook for cells, so this ASGI wrapper rewrites the body as it streams: it cuts the
stream at record boundaries (a newline outside quotes), parses each complete record
with :mod:`csv`, defuses its cells (:func:`council_audit.csvsafe.defuse_cell`) and writes
it again. Numbers stay numbers; the response is never held whole in memory."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from datasette import hookimpl

from council_audit.csvsafe import defuse_cell


def is_csv_request(scope: dict) -> bool:
    if scope.get("path", "").endswith(".csv"):
        return True
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return query.get("_format") == ["csv"]


class CsvDefuser:
    """Feed it the body's chunks; it returns the defused records complete so far. What
    it holds back always starts at a record boundary."""

    def __init__(self) -> None:
        self.pending = b""

    def feed(self, chunk: bytes) -> bytes:
        data = self.pending + chunk
        cut = pos = quotes = 0
        while (newline := data.find(b"\n", pos)) != -1:
            quotes += data.count(b'"', pos, newline)
            pos = newline + 1
            if quotes % 2 == 0:  # outside quotes: a record ends here
                cut = pos
        complete, self.pending = data[:cut], data[cut:]
        return rewrite(complete)

    def close(self) -> bytes:
        rest, self.pending = self.pending, b""
        return rewrite(rest)


def rewrite(data: bytes) -> bytes:
    if not data:
        return b""
    text = data.decode("utf-8", errors="surrogateescape")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for record in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([defuse_cell(cell) for cell in record])
    return out.getvalue().encode("utf-8", errors="surrogateescape")


@hookimpl
def asgi_wrapper() -> Callable[[Any], Any]:
    def wrap(app: Any) -> Any:
        async def defused(scope: dict, receive: Any, send: Any) -> None:
            if scope["type"] != "http" or not is_csv_request(scope):
                return await app(scope, receive, send)
            defuser = CsvDefuser()
            csv_body = False

            async def send_defused(message: dict) -> None:
                nonlocal csv_body
                if message["type"] == "http.response.start":
                    headers = [
                        (k, v) for k, v in message.get("headers", [])
                        if k.lower() != b"content-length"
                    ]  # fmt: skip
                    kinds = [v for k, v in headers if k.lower() == b"content-type"]
                    csv_body = message.get("status") == 200 and any(
                        k.startswith((b"text/csv", b"text/plain")) for k in kinds
                    )
                    message = {**message, "headers": headers if csv_body else message["headers"]}
                elif message["type"] == "http.response.body" and csv_body:
                    body = defuser.feed(message.get("body", b""))
                    if not message.get("more_body", False):
                        body += defuser.close()
                    message = {**message, "body": body}
                await send(message)

            await app(scope, receive, send_defused)

        return defused

    return wrap
