"""The results database: migrations, upserts, one transaction per page."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from council_audit.findings import Finding
from council_audit.results import ResultsDB
from council_audit.results.migrations import MIGRATIONS, migrate
from council_audit.results.schema import TABLES


def make_finding(selector: str) -> Finding:
    return Finding("image-alt", "axe", "error", "critical", ("1.1.1",), selector, "<img>", "m", "h")


def test_schema_keys_wal_and_migrations(tmp_path: Path) -> None:
    db = ResultsDB(tmp_path / "r.db")
    assert set(TABLES) <= set(db.db.table_names())
    assert db.db.journal_mode == "wal"
    assert db.db["findings"].pks == ["id"]
    assert {fk.other_table for fk in db.db["findings"].foreign_keys} == {
        "runs",
        "pages",
        "councils",
        "checks",
    }
    assert [r["name"] for r in db.db["_migrations"].rows] == [name for name, _ in MIGRATIONS]
    assert migrate(db.db) == []  # nothing left to apply


def test_older_database_upgrades_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("create table unrelated (x)")
    conn.commit()
    conn.close()
    db = ResultsDB(path)
    assert "unrelated" in db.db.table_names() and "findings" in db.db.table_names()


def test_rewriting_a_page_never_duplicates(tmp_path: Path) -> None:
    db = ResultsDB(tmp_path / "r.db")
    db.upsert_councils([{"code": "TST", "name": "Test", "homepage_url": "https://t.gov.uk/"}])
    db.upsert_councils(
        [{"code": "TST", "name": "Test Council", "homepage_url": "https://t.gov.uk/"}]
    )
    run = db.start_run({"label": "t", "settings": {}, "councils": ["TST"]})
    page = {"run_id": run, "council_code": "TST", "url": "https://t.gov.uk/", "status": 200}
    db.write_page(page, [make_finding("img.a"), make_finding("img.b")])
    db.write_page(page, [make_finding("img.a")])
    db.end_run(run, "complete")
    assert db.db["councils"].count == 1
    assert db.db["pages"].count == 1
    assert db.db["findings"].count == 1
    assert next(db.db["pages"].rows)["errors"] == 1
    assert db.db["checks"].get("image-alt")["source"] == "axe"  # the foreign key holds
    assert db.db["runs"].get(run)["findings_count"] == 1


def test_database_from_before_advice_and_run_records_upgrades_in_place(tmp_path: Path) -> None:
    """A database made before 0006_advice and 0007_run_record gains the advice counts,
    the run record tables and columns, and a template key on every finding it holds."""
    import sqlite_utils

    from council_audit.findings import template_key

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    for name, fn in MIGRATIONS:
        if name == "0006_advice":
            break
        fn(old)
        old["_migrations"].insert({"name": name, "applied_at": "2026-01-01"})
    old["councils"].insert({"code": "TST", "name": "T", "homepage_url": "https://t.gov.uk/"})
    old["runs"].insert({"id": "r1", "started_at": "2026-01-01", "status": "complete"})
    old["pages"].insert({"id": "p1", "run_id": "r1", "council_code": "TST", "url": "u"})
    old["checks"].insert({"id": "image-alt", "source": "axe", "title": "t"})
    old["findings"].insert(
        {"id": "f1", "run_id": "r1", "page_id": "p1", "council_code": "TST", "page_url": "u",
         "check_id": "image-alt", "level": "error", "fingerprint": "x",
         "snippet": "<img\n  src=a>", "selector": "img"}
    )  # fmt: skip
    old.close()
    db = ResultsDB(path)
    assert "advice" in db.db["pages"].columns_dict and "run_checks" in db.db.table_names()
    assert {"checks_digest", "finding_settings"} <= set(db.db["runs"].columns_dict)
    (row,) = db.db["findings"].rows
    assert row["template_key"] == template_key("image-alt", "<img src=a>", "other")


def test_runs_compare_like_for_like_and_say_how_they_differ(tmp_path: Path) -> None:
    from council_audit.results.runrecord import compare_runs

    db = ResultsDB(tmp_path / "r.db")
    checks = {
        "a": [("image-alt", "axe-core 4.12.1"), ("link-name", "axe-core 4.12.1"), ("x", "c 1")],
        "b": [("image-alt", "axe-core 4.13.0"), ("link-name", "axe-core 4.12.1"), ("y", "c 1")],
    }
    runs = {}
    for name, started in (("a", "2026-01-01"), ("b", "2026-02-01")):
        runs[name] = db.start_run(
            {
                "started_at": started,
                "finding_settings": {"reading_age_max": 12 if name == "a" else 14},
            }
        )
        db.record_checks(
            runs[name], [{"check_id": c, "source": "axe", "version": v} for c, v in checks[name]]
        )
    c = compare_runs(db.db.conn, runs["a"], runs["b"])
    assert c.comparable == {"link-name"} and c.only_before == ["x"] and c.only_now == ["y"]
    assert c.versions == ["axe-core 4.12.1 then axe-core 4.13.0"]
    assert c.settings == ["reading_age_max was 12, now 14"]
    assert c.differs and len(c.sentences()) == 4
    same = compare_runs(db.db.conn, runs["a"], runs["a"])
    assert not same.differs and same.sentences() == []
    unrecorded = db.start_run({"started_at": "2026-03-01"})
    assert compare_runs(db.db.conn, runs["b"], unrecorded).unrecorded
