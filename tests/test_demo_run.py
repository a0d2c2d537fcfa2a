"""The whole pipeline on the demo councils: real sites on 127.0.0.1, Scrapy with
scrapy-playwright in real Chromium, axe-core and the built-in checks, SQLite. The run must
hold the three councils, every page, and each planted barrier on its page."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from council_audit.checks import default_registry
from council_audit.checks.subjects import SUBJECTS, registry_for
from council_audit.demo import manifest
from council_audit.publish import datasette_config
from council_audit.results import ResultsDB


@pytest.fixture(scope="module")
def db(demo_run):  # type: ignore[no-untyped-def]
    summary, _ = demo_run
    results = ResultsDB(summary.db_path)
    yield results
    results.close()


def pages_by_council(db: ResultsDB, run_id: str) -> dict[str, dict[str, dict]]:
    out: dict[str, dict[str, dict]] = {}
    for row in db.db["pages"].rows_where("run_id = ?", [run_id]):
        out.setdefault(row["council_code"], {})[urlsplit(row["url"]).path] = row
    return out


def test_run_is_complete_with_versions(demo_run, db: ResultsDB) -> None:  # type: ignore[no-untyped-def]
    summary, _ = demo_run
    run = db.db["runs"].get(summary.run_id)
    assert run["status"] == "complete"
    assert run["axe_core_version"] == "4.12.1" and run["tool_version"] and run["browser_version"]
    assert '"allow_loopback": true' in run["settings"]
    assert {r["code"] for r in db.db["councils"].rows} == {"DWB", "DTY", "DPR"}


def test_every_page_of_every_council_is_recorded(demo_run, db: ResultsDB) -> None:  # type: ignore[no-untyped-def]
    summary, _ = demo_run
    crawled = pages_by_council(db, summary.run_id)
    for code, site in manifest().items():
        paths = crawled[code]
        missing = set(site["pages"]) - set(paths)
        assert not missing, (code, missing)
        for path in site["pages"]:
            assert paths[path]["status"] == 200 and paths[path]["audited"] == 1, (code, path)
        assert not set(site["disallowed"]) & set(paths), "robots.txt Disallow was not obeyed"
        for path in site["sitemap_only"]:
            assert path in paths, "a page listed only in the sitemap was not crawled"
        for path in site["documents"]:
            assert paths[path]["content_type"] == "application/pdf"
            assert paths[path]["audited"] == 0 and paths[path]["bytes"] > 0


def test_each_planted_barrier_is_found_on_its_page(demo_run, db: ResultsDB) -> None:  # type: ignore[no-untyped-def]
    summary, _ = demo_run
    found: dict[tuple[str, str], set[str]] = {}
    for row in db.db.query(
        "select f.council_code, p.url, f.check_id, f.extras from findings f"
        " join pages p on p.id = f.page_id where f.run_id = ?",
        [summary.run_id],
    ):
        # a barrier two checks report is one finding; the other check corroborates it
        corroborating = json.loads(row["extras"] or "{}").get("corroborated_by", [])
        found.setdefault((row["council_code"], urlsplit(row["url"]).path), set()).update(
            [row["check_id"], *(c["check_id"] for c in corroborating)]
        )
    missed = []
    for code, site in manifest().items():
        for path, page in site["pages"].items():
            for barrier in page["barriers"]:
                if not set(barrier["check_ids"]) & found.get((code, path), set()):
                    missed.append((code, path, barrier["id"]))
    assert not missed


def test_findings_from_every_group_of_checks(demo_run, db: ResultsDB) -> None:  # type: ignore[no-untyped-def]
    summary, _ = demo_run
    registries = [default_registry(), *(registry_for(s) for s in SUBJECTS)]
    groups = {check.meta.group for registry in registries for check in registry}
    reported = {
        row["category"]
        for row in db.db.query(
            "select distinct c.category from findings f join checks c on c.id = f.check_id"
            " where f.run_id = ? and f.source = 'builtin'",
            [summary.run_id],
        )
    }
    assert groups - reported == set()


def test_league_table_ranks_well_built_typical_poor_on_every_measure(
    demo_run, db: ResultsDB
) -> None:  # type: ignore[no-untyped-def]
    """Every public A/AA measure puts the well-built council first and the poor one last,
    and advice (best practice, AAA) counts in none of them."""
    summary, _ = demo_run
    metadata, _ = datasette_config(summary.db_path)
    sql = metadata["databases"][summary.db_path.stem]["queries"]["league_table"]["sql"]
    league = {
        r["council_code"]: r for r in db.db.query(sql, {"nation": "", "region": "", "type": ""})
    }
    for measure in (
        "rank",
        "pct_pages_with_errors",
        "errors_per_page",
        "pct_pages_serious_errors",
        "warnings_per_page",
    ):
        values = [league[code][measure] for code in ("DWB", "DTY", "DPR")]
        assert values == sorted(set(values)), (measure, values)
    advice = db.db.execute(
        "select count(*) from findings where run_id = ? and level = 'advice'", [summary.run_id]
    ).fetchone()[0]
    assert advice  # kept, but counted nowhere above
    counted = db.db.execute(
        "select count(*) from findings f join pages p on p.id = f.page_id"
        " where f.run_id = ? and p.audited = 1 and f.level = 'warning'",
        [summary.run_id],
    ).fetchone()[0]
    pages = sum(league[c]["pages_audited"] for c in league)
    assert sum(league[c]["warnings_per_page"] * league[c]["pages_audited"] for c in league) <= (
        counted + 0.01 * pages
    )


def test_catalogue_has_every_check_that_reported(db: ResultsDB) -> None:
    sources = {r["source"] for r in db.db["checks"].rows}
    assert sources == {"axe", "builtin"}
    orphans = db.db.execute(
        "select count(*) from findings where check_id not in (select id from checks)"
    ).fetchone()[0]
    assert orphans == 0
