"""Publishing with Datasette: a real results database written by ResultsDB, served by a
real Datasette process on 127.0.0.1, queried over HTTP."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlite_utils
import yaml

from council_audit import publish
from council_audit.findings import Finding
from council_audit.results.schema import TABLES
from council_audit.results.writer import ResultsDB

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"

COUNCILS = [
    {"code": "AVL", "name": "Aville Council", "nation": "England", "type": "NMD",
     "homepage_url": "https://avl.example/"},
    {"code": "BEE", "name": "Bee County Council", "nation": "Scotland", "type": "UA",
     "homepage_url": "https://bee.example/"},
    {"code": "CEE", "name": "Cee Borough Council", "nation": "Wales", "type": "UA",
     "homepage_url": "https://cee.example/"},
]  # fmt: skip
CHECKS = [
    {"id": "image-alt", "source": "axe", "title": "Images must have alternative text",
     "wcag": ["1.1.1"], "impact": "critical"},
    {"id": "link-name", "source": "axe", "title": "Links must have discernible text",
     "wcag": ["2.4.4", "4.1.2"], "impact": "serious"},
    {"id": "color-contrast", "source": "axe", "title": "Text must have enough contrast",
     "wcag": ["1.4.3"], "impact": "serious"},
    {"id": "reading-age", "source": "builtin", "title": "Text may be hard to read",
     "wcag": [], "impact": "moderate"},
]  # fmt: skip


def err(check_id: str, impact: str | None, selector: str, snippet: str = "<a></a>") -> Finding:
    return Finding(
        check_id=check_id,
        source="axe",
        level="error",
        impact=impact,
        wcag=("1.1.1",),
        selector=selector,
        snippet=snippet,
        message=f"{check_id} fails",
        help_url=f"https://example.org/{check_id}",
    )


def warn(selector: str) -> Finding:
    return Finding(
        check_id="reading-age",
        source="builtin",
        level="warning",
        impact="moderate",
        wcag=(),
        selector=selector,
        snippet="<p>Long text</p>",
        message="Reading age may be high",
        help_url="",
    )


def add_page(
    db: ResultsDB, run_id: str, council: str, path: str, findings: list[Finding], **extra: Any
) -> None:
    url = f"https://{council.lower()}.example{path}"
    page = {"run_id": run_id, "council_code": council, "url": url, "final_url": url,
            "status": 200, "content_type": "text/html", "title": f"{council} {path}",
            "lang": "en-GB", "depth": 1, "audited": 1, **extra}  # fmt: skip
    db.write_page(page, findings)


def start_run(db: ResultsDB, started_at: str, councils: list[str]) -> str:
    return db.start_run({"started_at": started_at, "councils": councils, "tool_version": "test"})


def build_database(path: Path) -> dict[str, str]:
    """Three councils over three runs; returns the run ids by name.

    old (complete, January): AVL with many image-alt errors (superseded), BEE (its latest).
    new (complete, February): AVL, CEE.
    cut (interrupted, March): AVL with a clean page (ignored: interrupted).
    """
    db = ResultsDB(path)
    db.upsert_councils(COUNCILS)
    db.upsert_checks(CHECKS)
    old = start_run(db, "2025-01-10T09:00:00+00:00", ["AVL", "BEE"])
    add_page(db, old, "AVL", "/old", [err("image-alt", "critical", f"#i{n}") for n in range(10)])
    snippet = f"<img src=x>{SCRIPT}"
    add_page(db, old, "BEE", "/a", [err("image-alt", "critical", "img", snippet),
                                     err("color-contrast", "serious", "p")])  # fmt: skip
    add_page(db, old, "BEE", "/b", [warn("main p")])
    db.end_run(old, "complete")
    new = start_run(db, "2025-02-10T09:00:00+00:00", ["AVL", "CEE"])
    add_page(db, new, "AVL", "/a", [err("link-name", "moderate", "#l1"),
                                     err("link-name", "moderate", "#l2"),
                                     err("image-alt", "critical", "#logo"), warn("p")])  # fmt: skip
    add_page(db, new, "AVL", "/b", [err("link-name", "serious", "nav a")])
    add_page(db, new, "AVL", "/c", [warn("p.one"), warn("p.two")])
    add_page(db, new, "AVL", "/d", [], audited=0, status=None, error="Timed out after 30 s")
    add_page(db, new, "CEE", "/", [])
    db.end_run(new, "complete")
    cut = start_run(db, "2025-03-10T09:00:00+00:00", ["AVL"])
    add_page(db, cut, "AVL", "/a", [])
    db.end_run(cut, "interrupted")
    db.close()
    return {"old": old, "new": new, "cut": cut}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("publish") / "audit-results.db"
    return path, build_database(path)


@pytest.fixture(scope="module")
def client(results: tuple[Path, dict[str, str]]) -> Iterator[httpx.Client]:
    with (
        publish.start_server(results[0]) as url,
        httpx.Client(base_url=url, trust_env=False, timeout=10) as client,
    ):
        yield client


def get_json(client: httpx.Client, path: str, **params: str) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def rows(client: httpx.Client, query: str, **params: str) -> list[dict[str, Any]]:
    return get_json(client, f"/audit-results/{query}.json", _shape="array", **params)


# --- canned queries --------------------------------------------------------------------
LEAGUE_COLUMNS = ["council_code", "pages_audited", "errors_per_page", "pages_with_errors",
                  "pct_pages_serious_errors", "warnings_per_page", "most_common_error"]  # fmt: skip
EXPECTED_LEAGUE = [
    ("CEE", 1, 0.0, 0, 0.0, 0.0, None),
    ("BEE", 2, 1.0, 1, 50.0, 0.5, "color-contrast"),  # tie with image-alt: by name
    ("AVL", 3, 1.33, 2, 66.7, 1.0, "link-name"),
]


def test_league_table_counts_each_councils_latest_run(
    client: httpx.Client, results: tuple[Path, dict[str, str]]
) -> None:
    league = rows(client, "league_table")
    assert [tuple(r[c] for c in LEAGUE_COLUMNS) for r in league] == EXPECTED_LEAGUE
    runs = results[1]
    assert {r["council_code"]: r["run_id"] for r in league} == {
        "CEE": runs["new"],
        "BEE": runs["old"],
        "AVL": runs["new"],
    }
    assert league[2]["council_name"] == "Aville Council"
    assert league[2]["nation"] == "England"


def test_league_table_with_a_single_run(tmp_path: Path) -> None:
    path = tmp_path / "one.db"
    db = ResultsDB(path)
    db.upsert_councils(COUNCILS[:1])
    run = start_run(db, "2025-01-01T00:00:00+00:00", ["AVL"])
    add_page(db, run, "AVL", "/", [err("image-alt", None, "img"), warn("p")])
    add_page(db, run, "AVL", "/x", [])
    db.end_run(run, "running")
    db.close()
    metadata, _ = publish.datasette_config(path)
    sql = metadata["databases"]["one"]["queries"]["league_table"]["sql"]
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        league = [dict(r) for r in conn.execute(sql)]
    assert [tuple(r[c] for c in LEAGUE_COLUMNS) for r in league] == [
        ("AVL", 2, 0.5, 1, 0.0, 0.5, "image-alt")
    ]


def test_council_pages_worst_first(client: httpx.Client) -> None:
    pages = rows(client, "council_pages", council="AVL")
    assert [(p["url"], p["errors"], p["warnings"]) for p in pages] == [
        ("https://avl.example/a", 3, 1),
        ("https://avl.example/b", 1, 0),
        ("https://avl.example/c", 0, 2),
        ("https://avl.example/d", 0, 0),
    ]
    assert pages[3]["problem"] == "Timed out after 30 s"
    assert pages[0]["title"] == "AVL /a"
    assert rows(client, "council_pages", council="NOPE") == []


def test_council_findings_errors_then_warnings_most_severe_first(client: httpx.Client) -> None:
    findings = rows(client, "council_findings", council="AVL")
    assert [(f["level"], f["impact"], f["check_id"], f["page_url"]) for f in findings] == [
        ("error", "critical", "image-alt", "https://avl.example/a"),
        ("error", "serious", "link-name", "https://avl.example/b"),
        ("error", "moderate", "link-name", "https://avl.example/a"),
        ("error", "moderate", "link-name", "https://avl.example/a"),
        ("warning", "moderate", "reading-age", "https://avl.example/a"),
        ("warning", "moderate", "reading-age", "https://avl.example/c"),
        ("warning", "moderate", "reading-age", "https://avl.example/c"),
    ]
    assert findings[0]["check_title"] == "Images must have alternative text"


def test_common_problems_across_latest_runs(client: httpx.Client) -> None:
    problems = rows(client, "common_problems")
    assert [
        (p["check_id"], p["error_findings"], p["councils_affected"], p["pages_affected"])
        for p in problems
    ] == [
        ("link-name", 3, 1, 2),
        ("image-alt", 2, 2, 2),  # not the ten in AVL's superseded run
        ("color-contrast", 1, 1, 1),
    ]
    assert problems[0]["check_title"] == "Links must have discernible text"


# --- metadata, settings, safety --------------------------------------------------------
def test_every_table_and_column_is_described(
    client: httpx.Client, results: tuple[Path, dict[str, str]]
) -> None:
    tables = get_json(client, "/-/metadata.json")["databases"]["audit-results"]["tables"]
    db = sqlite_utils.Database(results[0])
    assert set(TABLES) <= set(db.table_names())
    for name in db.table_names():
        assert tables[name]["description"].strip(), name
        described = tables[name]["columns"]
        assert set(described) == set(db[name].columns_dict), name
        assert all(str(text).strip() for text in described.values()), name
    for name, spec in TABLES.items():
        assert set(tables[name]["columns"]) == set(spec["columns"]), name


def test_canned_queries_have_titles_and_descriptions(client: httpx.Client) -> None:
    metadata = get_json(client, "/-/metadata.json")
    queries = metadata["databases"]["audit-results"]["queries"]
    assert set(queries) >= {"league_table", "council_pages", "council_findings", "common_problems"}
    for name, query in queries.items():
        assert query["title"].strip() and query["description"].strip(), name
    assert metadata["license"] == "CC BY 4.0"
    assert "mySociety" in metadata["description"]


def test_served_immutable_with_settings(client: httpx.Client) -> None:
    databases = get_json(client, "/-/databases.json")
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("audit-results", False)]
    settings = get_json(client, "/-/settings.json")
    assert settings["sql_time_limit_ms"] == 3000
    wanted = yaml.safe_load(publish.CONFIG_FILE.read_text(encoding="utf-8"))["settings"]
    assert {k: settings[k] for k in wanted} == wanted


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/audit-results/findings", {"council_code": "BEE"}),
        ("/audit-results/council_findings", {"council": "BEE"}),
    ],
)
def test_snippets_are_escaped_in_html(
    client: httpx.Client, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 200
    assert SCRIPT not in response.text
    assert ESCAPED_SCRIPT in response.text


# --- the Python API without a server ---------------------------------------------------
def test_missing_database_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    for call in (publish.datasette_config, publish.serve_command):
        with pytest.raises(FileNotFoundError, match="nowhere.db"):
            call(missing)
    with pytest.raises(FileNotFoundError), publish.start_server(missing):
        pass


def test_serve_command(results: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    out = tmp_path / "meta.json"
    argv = publish.serve_command(results[0], port=9999, metadata_out=out)
    assert argv[1:4] == ["-m", "datasette", "serve"]
    assert argv[argv.index("-i") + 1] == str(results[0].resolve())
    assert argv[argv.index("--metadata") + 1] == str(out)
    assert argv[-4:] == ["--host", "127.0.0.1", "--port", "9999"]
    assert "--setting" in argv and argv[argv.index("sql_time_limit_ms") + 1] == "3000"
    assert "league_table" in json.loads(out.read_text())["databases"]["audit-results"]["queries"]
    mutable = publish.serve_command(results[0], immutable=False, metadata_out=out)
    assert "-i" not in mutable and str(results[0].resolve()) in mutable


@pytest.mark.parametrize("name", ["meta.yml", "meta.json"])
def test_write_metadata(results: tuple[Path, dict[str, str]], tmp_path: Path, name: str) -> None:
    out = publish.write_metadata(results[0], tmp_path / name)
    metadata = yaml.safe_load(out.read_text(encoding="utf-8"))  # JSON is YAML too
    database = metadata["databases"]["audit-results"]
    assert "*" not in metadata["databases"]
    assert {"tables", "queries"} <= set(database)


def test_start_server_reports_datasette_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("this is not a SQLite database")
    with pytest.raises(publish.ServerError, match="stderr"), publish.start_server(bad):
        pass
