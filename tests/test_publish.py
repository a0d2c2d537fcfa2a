"""Publishing with Datasette: a real results database written by ResultsDB, served by a
real Datasette process on 127.0.0.1 (with our templates and plugin), queried over HTTP.
Browser tests of the same site are in test_site_browser.py and test_hostile.py."""

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
from council_audit.results.schema import FTS, TABLES, VIEWS
from council_audit.results.writer import ResultsDB

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"

COUNCILS = [
    {"code": "AVL", "name": "Aville Council", "nation": "England", "region": "North West",
     "type": "NMD", "homepage_url": "https://avl.example/"},
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


def err(check_id: str, impact: str | None, selector: str, snippet: str = "") -> Finding:
    return Finding(
        check_id=check_id,
        source="axe",
        level="error",
        impact=impact,
        wcag=("1.1.1",),
        selector=selector,
        snippet=snippet or f'<a class="{selector}"></a>',
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

    old (complete, January): AVL with many image-alt errors (superseded) and page /a
    (checked again in February), BEE (its latest).
    new (complete, February): AVL, CEE.
    cut (interrupted, March): AVL with a clean page (ignored: interrupted).
    """
    db = ResultsDB(path)
    db.upsert_councils(COUNCILS)
    db.upsert_checks(CHECKS)
    old = start_run(db, "2025-01-10T09:00:00+00:00", ["AVL", "BEE"])
    add_page(db, old, "AVL", "/old", [err("image-alt", "critical", f"#i{n}") for n in range(10)])
    add_page(db, old, "AVL", "/a", [err("image-alt", "critical", "#logo"),
                                     err("link-name", "serious", "#l9")])  # fmt: skip
    snippet = f"<img src=x>{SCRIPT}"
    add_page(db, old, "BEE", "/a", [err("image-alt", "critical", "img", snippet),
                                     err("color-contrast", "serious", "p")], reading_age=10.0)  # fmt: skip
    add_page(db, old, "BEE", "/b", [warn("main p")], reading_age=11.0)
    db.end_run(old, "complete")
    new = start_run(db, "2025-02-10T09:00:00+00:00", ["AVL", "CEE"])
    add_page(db, new, "AVL", "/a", [err("link-name", "moderate", "#l1"),
                                     err("link-name", "moderate", "#l2"),
                                     err("image-alt", "critical", "#logo"), warn("p")],
             reading_age=9.0, words=150)  # fmt: skip
    add_page(db, new, "AVL", "/b", [err("link-name", "serious", "nav a")], reading_age=15.5)
    add_page(db, new, "AVL", "/c", [warn("p.one"), warn("p.two")], reading_age=12.0)
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


def canned_rows(path: Path, query: str, **params: str) -> list[dict[str, Any]]:
    """A canned query run with sqlite3 on ``path`` (no server)."""
    metadata, _ = publish.datasette_config(path)
    sql = metadata["databases"][path.stem]["queries"][query]["sql"]
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


# --- canned queries --------------------------------------------------------------------
LEAGUE_COLUMNS = ["council_code", "pages_audited", "errors_per_page", "pages_with_errors",
                  "pct_pages_serious_errors", "warnings_per_page", "most_common_error",
                  "pages_with_serious_errors", "pages_reading_age", "median_reading_age"]  # fmt: skip
EXPECTED_LEAGUE = [
    ("CEE", 1, 0.0, 0, 0.0, 0.0, None, 0, 0, None),
    ("BEE", 2, 1.0, 1, 50.0, 0.5, "color-contrast", 1, 2, 10.5),  # tie with image-alt: by name
    ("AVL", 3, 1.33, 2, 66.7, 0.33, "link-name", 2, 3, 12.0),  # reading-age on 2 pages: once
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
    assert league[2]["nation"] == "England" and league[2]["region"] == "North West"


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"nation": "Scotland"}, ["BEE"]),
        ({"region": "North West"}, ["AVL"]),
        ({"type": "UA"}, ["CEE", "BEE"]),
        ({"type": "UA", "nation": "Wales"}, ["CEE"]),
        ({"nation": "Nowhere"}, []),
    ],
)
def test_league_table_filters(client: httpx.Client, params: dict, codes: list[str]) -> None:
    assert [r["council_code"] for r in rows(client, "league_table", **params)] == codes


def test_league_table_with_a_single_run(tmp_path: Path) -> None:
    path = tmp_path / "one.db"
    db = ResultsDB(path)
    db.upsert_councils(COUNCILS[:1])
    run = start_run(db, "2025-01-01T00:00:00+00:00", ["AVL"])
    add_page(db, run, "AVL", "/", [err("image-alt", None, "img"), warn("p")], reading_age=8.0)
    add_page(db, run, "AVL", "/x", [], reading_age=10.0)
    add_page(db, run, "AVL", "/y", [], reading_age=13.0)
    add_page(db, run, "AVL", "/z", [], reading_age=20.0)
    db.end_run(run, "running")
    assert canned_rows(path, "league_table", nation="", region="", type="") == []  # not yet
    db.end_run(run, "complete")
    db.close()
    league = canned_rows(path, "league_table", nation="", region="", type="")
    assert [tuple(r[c] for c in LEAGUE_COLUMNS) for r in league] == [
        ("AVL", 4, 0.25, 1, 0.0, 0.25, "image-alt", 0, 4, 11.5)  # median of 8, 10, 13, 20
    ]


def test_league_table_ranks_by_pages_with_errors_and_counts_templates_once(
    tmp_path: Path,
) -> None:
    """A template finding (same check, same code, two or more pages) counts once in the
    figures per page; advice never counts; rank is by the share of pages with an error,
    then errors per page."""
    path = tmp_path / "measure.db"
    db = ResultsDB(path)
    db.upsert_councils(COUNCILS[:2])
    run = start_run(db, "2025-01-01T00:00:00+00:00", ["AVL", "BEE"])
    logo = err("image-alt", "critical", "header img", '<img src="/logo.png">')
    advice = Finding("region", "axe", "advice", "moderate", (), "body", "<body>", "m", "")
    for n in range(4):  # one header error on every page of AVL's site, and advice
        add_page(db, run, "AVL", f"/{n}", [logo, advice])
    add_page(
        db, run, "BEE", "/", [err("image-alt", "critical", "#a"), err("image-alt", "minor", "#b")]
    )
    add_page(db, run, "BEE", "/ok", [advice])
    db.end_run(run, "complete")
    db.close()
    league = canned_rows(path, "league_table", nation="", region="", type="")
    got = [
        (r["rank"], r["council_code"], r["pct_pages_with_errors"], r["errors_per_page"],
         r["error_findings"], r["template_errors"], r["warnings_per_page"])
        for r in league
    ]  # fmt: skip
    assert got == [(1, "BEE", 50.0, 1.0, 2, 0, 0.0), (2, "AVL", 100.0, 0.25, 4, 1, 0.0)]


def test_council_trend_oldest_first(client: httpx.Client, results) -> None:  # type: ignore[no-untyped-def]
    trend = rows(client, "council_trend", council="AVL")
    runs = results[1]
    assert [
        (t["run_id"], t["pages_audited"], t["errors_per_page"], t["pct_pages_serious_errors"],
         t["median_reading_age"])
        for t in trend
    ] == [(runs["old"], 2, 6.0, 100.0, None), (runs["new"], 3, 1.33, 66.7, 12.0)]  # fmt: skip
    assert [t["run_id"] for t in rows(client, "council_trend", council="BEE")] == [runs["old"]]


def test_council_problems_most_widespread_first(client: httpx.Client) -> None:
    problems = rows(client, "council_problems", council="AVL")
    assert [
        (p["check_id"], p["level"], p["impact"], p["findings"], p["pages_affected"],
         p["pages_audited"])
        for p in problems
    ] == [
        ("link-name", "error", "serious", 3, 2, 3),  # the worst impact of its findings
        ("image-alt", "error", "critical", 1, 1, 3),
        ("reading-age", "warning", "moderate", 3, 2, 3),
    ]  # fmt: skip


def test_changes_since_previous_run_by_fingerprint(client: httpx.Client, results) -> None:  # type: ignore[no-untyped-def]
    changes = rows(client, "changes_since_previous_run")
    assert [(c["council_code"], c["change"], c["check_id"], c["page_url"], c["selector"])
            for c in changes] == [
        ("AVL", "new", "link-name", "https://avl.example/a", "#l1"),
        ("AVL", "new", "link-name", "https://avl.example/a", "#l2"),
        ("AVL", "new", "reading-age", "https://avl.example/a", "p"),
        ("AVL", "fixed", "link-name", "https://avl.example/a", "#l9"),
    ]  # fmt: skip
    # /old was not checked again and /b, /c are new to the sample: no change there
    assert changes[0]["run_id"] == results[1]["new"]
    assert changes[0]["previous_run_id"] == results[1]["old"]
    assert rows(client, "changes_since_previous_run", council="BEE") == []
    assert len(rows(client, "changes_since_previous_run", council="AVL")) == 4


def test_template_problems_group_the_same_code_across_pages(tmp_path: Path) -> None:
    path = tmp_path / "template.db"
    db = ResultsDB(path)
    db.upsert_councils(COUNCILS)
    run = start_run(db, "2025-01-01T00:00:00+00:00", ["AVL", "BEE"])
    header = "<header><img src=logo.png></header>"
    for n in range(3):
        extra = [err("link-name", "serious", f"#only-{n}")]
        add_page(db, run, "AVL", f"/{n}", [err("image-alt", "critical", "header img", header),
                                           *extra])  # fmt: skip
    add_page(db, run, "BEE", "/", [err("image-alt", "critical", "header img", header)])
    db.end_run(run, "complete")
    db.close()
    found = canned_rows(path, "template_problems", council="")
    assert [(r["council_code"], r["check_id"], r["pages_affected"], r["pages_audited"],
             r["selector"], r["snippet"]) for r in found] == [
        ("AVL", "image-alt", 3, 3, "header img", header)
    ]  # fmt: skip
    assert canned_rows(path, "template_problems", council="BEE") == []


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
    assert set(VIEWS) <= set(db.view_names())
    for name in [*db.table_names(), *db.view_names()]:
        if "_fts" in name and name.split("_fts")[0] in FTS:
            continue  # full-text search indexes: Datasette hides them
        assert tables[name]["description"].strip(), name
        described = tables[name]["columns"]
        assert set(described) == set(db[name].columns_dict), name
        assert all(str(text).strip() for text in described.values()), name
    for name, spec in TABLES.items():
        assert set(tables[name]["columns"]) == set(spec["columns"]), name


def test_canned_queries_have_titles_and_descriptions(client: httpx.Client) -> None:
    metadata = get_json(client, "/-/metadata.json")
    queries = metadata["databases"]["audit-results"]["queries"]
    assert set(queries) >= {
        "league_table", "council_trend", "council_problems", "council_pages",
        "council_findings", "changes_since_previous_run", "template_problems", "common_problems",
    }  # fmt: skip
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


# --- full-text search, facets, security headers ------------------------------------------
def test_search_findings_and_pages(client: httpx.Client) -> None:
    found = get_json(client, "/audit-results/findings.json", _search="contrast", _shape="array")
    assert {f["check_id"] for f in found} == {"color-contrast"}
    found = get_json(client, "/audit-results/findings.json", _search="alert", _shape="array")
    assert [f["council_code"] for f in found] == ["BEE"]  # the snippet's text is indexed
    pages = get_json(client, "/audit-results/pages.json", _search="CEE", _shape="array")
    assert [p["url"] for p in pages] == ["https://cee.example/"]
    assert client.get("/audit-results/findings", params={"_search": "contrast"}).status_code == 200


def test_facets_by_check_impact_and_wcag_criterion(client: httpx.Client) -> None:
    data = get_json(client, "/audit-results/findings.json")  # facets set in metadata.yml
    facets = data["facet_results"]
    assert {"level", "impact", "check_id", "wcag"} <= set(facets)
    assert [v["value"] for v in facets["wcag"]["results"]] == ["1.1.1"]


@pytest.mark.parametrize("path", ["/", "/league", "/council/AVL", "/audit-results/findings"])
def test_security_headers(client: httpx.Client, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


# --- our own pages ---------------------------------------------------------------------
def page(client: httpx.Client, path: str, **params: str) -> str:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.text


def test_home_page_says_what_when_how_and_limits(client: httpx.Client) -> None:
    html = page(client, "/")
    for words in ("What we checked", "When and how", "What automated checks cannot find"):
        assert words in html
    assert "2025-02-10" in html  # the latest complete run; the interrupted one is listed
    assert "interrupted" in html and "2025-03-10" in html
    assert 'href="/league"' in html and 'href="/council/AVL"' in html
    assert 'name="_search"' in html and '<html lang="en-GB">' in html
    assert "/assets/site.css" in html


def test_league_page_shows_sample_sizes_and_filters(client: httpx.Client) -> None:
    html = page(client, "/league")
    html = html[html.index("<table") :]  # the table (the map above names councils too)
    order = [html.index(name) for name in ("Cee Borough", "Bee County", "Aville Council")]
    assert order == sorted(order)
    assert "over 3 pages" in html and "2 of 3 pages" in html and "3 pages with enough text" in html
    assert "small sample" in html  # every council here has fewer than ten pages
    assert html.count('statement">not checked</td>') == 3  # no statement results in these runs
    assert "<option selected>Scotland</option>" in page(client, "/league", nation="Scotland")
    scotland = page(client, "/league", nation="Scotland")
    assert "Bee County" in scotland and "Aville Council" not in scotland
    by_name = page(client, "/league", sort="council_name", order="desc")
    by_name = by_name[by_name.index("<table") :]
    order = [by_name.index(name) for name in ("Cee Borough", "Bee County", "Aville Council")]
    assert order == sorted(order)
    assert 'aria-sort="descending"' in by_name


def test_council_page_with_trend_chart(client: httpx.Client) -> None:
    html = page(client, "/council/AVL")
    assert "<h1>Aville Council</h1>" in html
    assert html.count('<svg role="img"') == 2 and "<polyline" in html
    assert "2025-01-10: 6; 2025-02-10: 1.33" in html  # the chart's text description
    assert "Links must have discernible text" in html  # most common problem
    assert "https://avl.example/a" in html  # page with the most barriers
    assert "Not checked in the latest run" in html  # no statement result
    assert "council-audit report AVL" in html
    # runs made without a run record: the page says they may not compare like for like
    assert "Not every run checked in the same way" in html
    assert "did not record which checks it made" in html
    assert "pages with at least one error" in html and "2 of 3 pages" in html
    assert "Only one run so far" in page(client, "/council/BEE")


def test_unknown_council_is_not_found(client: httpx.Client) -> None:
    assert client.get("/council/NOPE").status_code == 404


def test_statements_and_documents_are_shown_once_they_exist(tmp_path: Path) -> None:
    path = tmp_path / "later.db"
    run = build_later_database(path)
    with (
        publish.start_server(path) as url,
        httpx.Client(base_url=url, trust_env=False, timeout=10) as client,
    ):
        league = page(client, "/league")
        assert 'statement">partially compliant</td>' in league and "not checked" not in league
        council = page(client, "/council/AVL")
    assert "compliance status: <strong>partially compliant</strong>" in council
    assert "2 documents checked" in council
    assert '<a class="url" href="https://avl.example/a.pdf">' in council
    assert "javascript:alert(1)" in council  # shown as text...
    assert 'href="javascript:' not in council  # ...never as a link
    assert run


def build_later_database(path: Path) -> str:
    """A results file with an accessibility statement and documents checked."""
    db = ResultsDB(path)
    db.upsert_councils(COUNCILS[:1])
    run = start_run(db, "2025-01-01T00:00:00+00:00", ["AVL"])
    add_page(db, run, "AVL", "/", [])
    db.end_run(run, "complete")
    db.db["statements"].insert(  # type: ignore[union-attr]
        {
            "run_id": run,
            "council_code": "AVL",
            "url": "https://avl.example/accessibility",
            "found": 1,
            "compliance": "partially compliant",
        }  # fmt: skip
    )
    db.db["documents"].insert_all(  # type: ignore[union-attr]
        [{"id": "d1", "run_id": run, "council_code": "AVL", "url": "https://avl.example/a.pdf",
          "checked": 1, "tagged": 1},
         {"id": "d2", "run_id": run, "council_code": "AVL", "url": "javascript:alert(1)",
          "checked": 1, "tagged": 0}]
    )  # fmt: skip
    db.close()
    return run


# --- the Python API without a server ---------------------------------------------------
def test_upgrade_adds_the_publishing_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    ResultsDB(path).close()
    db = sqlite_utils.Database(path)
    for name in FTS:
        db[name].disable_fts()  # type: ignore[union-attr]
    db.execute("drop view council_runs")
    db.execute("delete from _migrations where name = '0005_publishing'")
    db.conn.commit()
    db.close()
    assert publish.upgrade_database(path) == ["0005_publishing"]
    assert publish.upgrade_database(path) == []
    db = sqlite_utils.Database(path)
    assert "council_runs" in db.view_names()
    assert {"pages_fts", "findings_fts"} <= set(db.table_names())


def test_publish_command(results: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    out = tmp_path / "meta.json"
    argv = publish.publish_command(results[0], "cloudrun", out, "--service", "councils")
    assert argv[:4] == ["datasette", "publish", "cloudrun", str(results[0].resolve())]
    assert argv[argv.index("--metadata") + 1] == str(out) and out.exists()
    assert "--setting sql_time_limit_ms 3000" in argv[argv.index("--extra-options") + 1]
    assert argv[argv.index("--plugins-dir") + 1] == str(publish.PLUGINS_DIR)
    assert argv[-2:] == ["--service", "councils"]


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
    assert argv[argv.index("--host") : argv.index("--host") + 4] == [
        "--host", "127.0.0.1", "--port", "9999"
    ]  # fmt: skip
    assert argv[argv.index("--plugins-dir") + 1] == str(publish.PLUGINS_DIR)
    assert argv[argv.index("--template-dir") + 1] == str(publish.TEMPLATES_DIR)
    assert argv[argv.index("--static") + 1] == f"assets:{publish.STATIC_DIR}"
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
    import socket

    path = tmp_path / "taken.db"
    ResultsDB(path).close()
    with socket.socket() as taken:  # Datasette cannot listen on a port in use
        taken.bind((publish.DEFAULT_HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        with (
            pytest.raises(publish.ServerError, match="stderr"),
            publish.start_server(path, port=port, timeout=20),
        ):
            pass


def test_a_file_that_is_not_a_database_is_refused_before_datasette_starts(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("this is not a SQLite database")
    with pytest.raises(publish.ServerError, match="cannot be read"), publish.start_server(bad):
        pass


# --- the plugin's helpers --------------------------------------------------------------
def load_plugin() -> Any:
    import importlib.util

    path = publish.PLUGINS_DIR / "council_audit_site.py"
    spec = importlib.util.spec_from_file_location("council_audit_site", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://avl.example/a", "https://avl.example/a"),
        ("http://127.0.0.1:8000/x?q=1", "http://127.0.0.1:8000/x?q=1"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.example/", None),
        ("http:alert(1)", None),
        (None, None),
    ],
)
def test_only_web_addresses_become_links(url: str | None, href: str | None) -> None:
    assert load_plugin().web_href(url) == href


def test_chart_geometry_and_figures() -> None:
    plugin = load_plugin()
    chart = plugin.line_chart("e", "Errors", ["a", "b", "c"], [1.0, None, 3.0], "")
    assert [p["y"] is None for p in chart["points"]] == [False, True, False]
    assert chart["ticks"][-1]["value"] == "5"  # 3 rounds up to a scale of 5
    assert chart["line"].count(",") == 2  # the missing run leaves a gap, not a zero
    assert [plugin.nice_ceiling(v) for v in (0, 0.4, 1.2, 7, 30, 260)] == [1, 1, 2, 10, 50, 500]
    assert plugin.figure(None) == "not measured" and plugin.figure(52.5, "%") == "52.5%"
    assert plugin.figure(1.333) == "1.33" and plugin.figure(0.0) == "0"
    rows = [
        {"council_name": "B", "x": None},
        {"council_name": "A", "x": 2},
        {"council_name": "C", "x": 1},
    ]
    assert [r["council_name"] for r in plugin.sort_rows(rows, "x", True)] == ["A", "C", "B"]


# --- serving safely (issue #10) ----------------------------------------------------------
def test_sql_cannot_build_huge_values(client: httpx.Client) -> None:
    response = client.get(
        "/audit-results.json", params={"sql": "select length(randomblob(900000000))"}
    )
    assert response.status_code == 400 and "too big" in response.text


def test_databases_list_hides_the_server_path(client: httpx.Client, results) -> None:  # type: ignore[no-untyped-def]
    text = client.get("/-/databases.json").text
    assert str(results[0].parent) not in text and '"path"' not in text
    assert json.loads(text)[0]["name"] == "audit-results"


@pytest.mark.parametrize("kind", ["foreign", "empty", "not-sqlite"])
def test_serving_never_writes_to_a_file_that_is_not_ours(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "other.db"
    if kind == "foreign":
        with sqlite3.connect(path) as conn:
            conn.execute("create table notes (text)")
    else:
        path.write_bytes(b"" if kind == "empty" else b"hello, not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(publish.ServerError, match="not a council-audit results database|cannot"):
        publish.serve(path, port=publish.free_port())
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_an_older_database_is_served_only_after_an_explicit_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    ResultsDB(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("delete from _migrations where name = '0009_complete_runs_only'")
    with pytest.raises(publish.ServerError, match="--upgrade"):
        publish.check_servable(path)
    assert publish.upgrade_database(path) == ["0009_complete_runs_only"]
    assert publish.check_servable(path) == path


def test_a_database_being_written_is_served_with_its_write_ahead_log(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    db = ResultsDB(path)
    db.upsert_councils(COUNCILS)
    run = start_run(db, "2025-04-01T09:00:00+00:00", ["AVL"])
    writer = sqlite3.connect(path)
    writer.execute("pragma wal_autocheckpoint = 0")
    with writer:
        writer.execute("update councils set name = 'Written during the crawl' where code = 'AVL'")
    assert Path(f"{path}-wal").stat().st_size > 0 and not publish.can_be_immutable(path)
    with (
        publish.start_server(path) as url,
        httpx.Client(base_url=url, trust_env=False, timeout=10) as http,
    ):
        names = http.get("/live/councils.json", params={"_shape": "array"}).json()
        assert "Written during the crawl" in {r["name"] for r in names}
        assert http.get("/-/databases.json").json()[0]["is_mutable"] is True
    writer.close()
    db.end_run(run, "complete")
    db.close()


def test_only_complete_councils_are_published_as_latest(results) -> None:  # type: ignore[no-untyped-def]
    path, runs = results
    db = sqlite_utils.Database(path)
    latest = {r["council_code"]: r["run_id"] for r in db.query(
        "select council_code, run_id from council_runs where recency = 1")}  # fmt: skip
    assert latest["AVL"] == runs["new"]  # not the interrupted March run
    db.close()


def test_sigterm_to_serve_leaves_no_datasette_and_no_temporary_folder(
    results: tuple[Path, dict[str, str]],
) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    import psutil

    port = publish.free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "council_audit", "serve", "--db", str(results[0]),
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = publish.base_url(publish.DEFAULT_HOST, port)
    deadline = time.monotonic() + 60
    while not publish._answers(url + publish.READY_PATH):
        assert serve.poll() is None and time.monotonic() < deadline, serve.stderr
        time.sleep(0.2)
    children = psutil.Process(serve.pid).children(recursive=True)
    argv = children[0].cmdline()
    folder = Path(argv[argv.index("--metadata") + 1]).parent
    assert folder.is_dir()
    os.kill(serve.pid, signal.SIGTERM)
    assert serve.wait(timeout=30) == 0
    gone, alive = psutil.wait_procs(children, timeout=15)
    assert alive == [] and not folder.exists()
    assert not publish._answers(url + publish.READY_PATH)
