"""Power cuts where the results database is being changed (issue #17): a new version's
first open of an old database and ``serve --upgrade`` (schema migrations), and a crawl's
final write after its crawl process has ended (interrupted councils, broken links, the
run's counts and status). A real process (tests/kill_at.py) is SIGKILLed just before
each of its writes in turn; afterwards ``PRAGMA integrity_check`` is ok and the next run
completes with exactly what an uncut one leaves. Kills during the crawl itself are in
test_crawl_resume.py, test_scale_out.py and test_hostile.py."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from crawl_sites import Site, council_row, links, ok, page

from council_audit import api, publish
from council_audit.results.migrations import MIGRATIONS
from council_audit.results.writer import ResultsDB

ROOT = Path(__file__).resolve().parents[1]
KILL_AT = ROOT / "tests" / "kill_at.py"
# columns added by migrations after 0004_statements_documents (results/schema.py)
LATER_COLUMNS = {
    "pages": ["reading_age", "words", "advice", "carried_from"],
    "council_crawls": ["advice"],
    "runs": ["checks_digest", "finding_settings"],
    "findings": ["template_key", "carried_from"],
    "checks": ["act_rules", "levels"],
}


def step(name: str, db: Path, kill_at: int, *rest: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}
    return subprocess.run(
        [sys.executable, str(KILL_AT), name, str(db), str(kill_at), *rest],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def writes(name: str, db: Path, *rest: str) -> int:
    done = step(name, db, -1, *rest)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip().splitlines()[-1].removeprefix("writes="))


def killed(name: str, db: Path, kill_at: int, *rest: str) -> None:
    done = step(name, db, kill_at, *rest)
    assert done.returncode == -signal.SIGKILL, (kill_at, done.stdout, done.stderr)


def copy(src: Path, dst: Path) -> Path:
    """A copy of a database as it is on disk after a power cut: file, WAL and all."""
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{src}{suffix}").exists():
            shutil.copyfile(f"{src}{suffix}", f"{dst}{suffix}")
    return dst


def intact(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        for (fts,) in conn.execute("select name from sqlite_master where name like '%_fts'"):
            conn.execute(f"insert into [{fts}]([{fts}]) values ('integrity-check')")


def state(db: Path) -> dict:
    """Everything a run leaves that the next one and the public site rely on."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")]
        return {
            "schema": sorted(
                conn.execute(
                    "select type, name, sql from sqlite_master where name not like 'sqlite_%'"
                )
            ),  # fmt: skip
            "columns": {t: conn.execute(f"pragma table_info([{t}])").fetchall() for t in tables},
            "migrations": [r[0] for r in conn.execute("select name from _migrations order by 1")],
            "rows": {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0] for t in tables},
        }


# --- schema migrations -----------------------------------------------------------------
@pytest.fixture(scope="module")
def old_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database as version 0.4 left it (migrations up to 0004, without the columns
    added since), with 30 pages and 300 findings for the migrations to work through."""
    path = tmp_path_factory.mktemp("old") / "old.db"
    db = sqlite_utils.Database(path)
    db.enable_wal()
    db["_migrations"].create({"name": str, "applied_at": str}, pk="name")  # type: ignore[union-attr]
    for name, fn in MIGRATIONS:
        if name == "0005_publishing":
            break
        fn(db)
        db["_migrations"].insert({"name": name, "applied_at": "2025-06-01"})  # type: ignore[union-attr]
    for table, columns in LATER_COLUMNS.items():
        for column in columns:
            db.execute(f"alter table [{table}] drop column [{column}]")
    db["councils"].insert({"code": "OLD", "name": "Old", "homepage_url": "https://old.gov.uk/"})  # type: ignore[union-attr]
    db["runs"].insert({"id": "r1", "started_at": "2025-06-01", "status": "complete"})  # type: ignore[union-attr]
    db["checks"].insert({"id": "image-alt", "source": "axe", "title": "Images need alt text"})  # type: ignore[union-attr]
    db["pages"].insert_all(  # type: ignore[union-attr]
        {"id": f"p{i}", "run_id": "r1", "council_code": "OLD", "url": f"https://old.gov.uk/{i}",
         "title": f"Bins and recycling {i}", "status": 200} for i in range(30)
    )  # fmt: skip
    db["findings"].insert_all(  # type: ignore[union-attr]
        {"id": f"f{i}-{j}", "run_id": "r1", "page_id": f"p{i}", "council_code": "OLD",
         "page_url": f"https://old.gov.uk/{i}", "check_id": "image-alt", "level": "error",
         "fingerprint": f"x{j}", "message": "Image has no text alternative",
         "snippet": f"<img\n  src=a{j}.png>", "selector": f"img:nth-child({j})"}
        for i in range(30) for j in range(10)
    )  # fmt: skip
    db.close()
    return path


@pytest.fixture(scope="module")
def migrated(old_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The state an uncut upgrade leaves, and how many writes it makes."""
    path = copy(old_db, tmp_path_factory.mktemp("uncut") / "uncut.db")
    count = writes("open", path)
    intact(path)
    return {"count": count, "state": state(path)}


def test_an_upgrade_makes_enough_writes_to_cut(migrated: dict) -> None:
    assert migrated["count"] >= 30  # views, FTS tables and triggers, columns, indexes...
    assert migrated["state"]["migrations"] == sorted(name for name, _ in MIGRATIONS)
    assert migrated["state"]["rows"]["findings_fts"] == 300


def test_killed_at_every_write_of_a_new_versions_first_open(
    old_db: Path, migrated: dict, tmp_path: Path
) -> None:
    """The first crawl of a new version opens an old database and migrates it."""
    for n in range(migrated["count"]):
        path = copy(old_db, tmp_path / f"cut{n}.db")
        killed("open", path, n)
        intact(path)
        ResultsDB(path).close()  # the next run's open
        intact(path)
        assert state(path) == migrated["state"], n
        with sqlite3.connect(path) as conn:
            assert conn.execute("select count(*) from findings where template_key is null"
                                ).fetchone() == (0,), n  # fmt: skip
            assert conn.execute("select count(*) from findings_fts where findings_fts"
                                " match 'alternative'").fetchone() == (300,), n  # fmt: skip


def test_killed_during_serve_upgrade_then_served(
    old_db: Path, migrated: dict, tmp_path: Path
) -> None:
    """``serve --upgrade`` killed mid-migration; the next one upgrades and serves."""
    for n in range(0, migrated["count"], 4):
        path = copy(old_db, tmp_path / f"cut{n}.db")
        killed("upgrade", path, n)
        intact(path)
        assert publish.upgrade_database(path)  # the next serve --upgrade's migrations
        intact(path)
        assert state(path) == migrated["state"], n
    import httpx

    with publish.start_server(path) as url:
        found = httpx.get(f"{url}{path.stem}/findings.json",
                          params={"_search": "alternative", "_shape": "array"}).json()  # fmt: skip
    assert len(found) == 100 and {f["council_code"] for f in found} == {"OLD"}  # a page of them


# --- the crawl's final write ------------------------------------------------------------
@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """A crawl killed at the first write after its crawl process ended (every council
    crawled, nothing settled), and the state the next ``crawl --resume`` leaves."""
    site = Site()
    nav = links(("/bins/", "Bins"), ("/council-tax/", "Council tax"), ("/gone/", "Old page"))
    site.routes["/"] = ok(page("Home", "<p>Welcome.</p>" + nav))
    for path, title in (("/bins/", "Bins"), ("/council-tax/", "Council tax")):
        site.routes[path] = ok(page(title, "<p>Some text.</p>" + nav))
    # /gone/ answers 404: its links are broken-link findings, added in the final write
    folder = tmp_path_factory.mktemp("final")
    councils = folder / "councils.json"
    councils.write_text(json.dumps([council_row("KIL", site)]))
    settings = json.dumps({"allow_loopback": True, "page_budget": 6, "render_pages": 2,
                           "page_timeout": 15, "log_level": "WARNING"})  # fmt: skip
    cut = folder / "cut.db"
    killed("crawl", cut, 0, str(councils), settings)
    uncut = copy(cut, folder / "uncut.db")
    count = writes("resume", uncut)
    yield {"cut": cut, "count": count, "uncut": uncut, "state": state(uncut)}
    site.stop()


def results(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        return {
            "run": conn.execute("select status, pages_count, findings_count from runs").fetchall(),
            "councils": conn.execute("select council_code, status from council_crawls").fetchall(),
            "findings": sorted(
                conn.execute("select page_url, check_id, level, fingerprint from findings")
            ),  # fmt: skip
            "pages": sorted(conn.execute("select url, status, errors, warnings from pages")),
        }


def test_a_crawl_killed_after_its_crawl_process_is_settled_by_the_next(crawled: dict) -> None:
    intact(crawled["cut"])
    with sqlite3.connect(crawled["cut"]) as conn:
        assert conn.execute("select status from runs").fetchall() == [("running",)]
        assert conn.execute("select status from council_crawls").fetchall() == [("complete",)]
    uncut = results(crawled["uncut"])
    assert uncut["run"][0][0] == "complete" and len(uncut["pages"]) == 4
    assert any(check == "broken-link" for _, check, _, _ in uncut["findings"])
    assert crawled["count"] >= 5  # interrupted councils, broken links, the run's end


def test_killed_at_every_write_of_the_final_write(crawled: dict, tmp_path: Path) -> None:
    for n in range(crawled["count"]):
        path = copy(crawled["cut"], tmp_path / f"cut{n}.db")
        killed("resume", path, n)
        intact(path)
        summary = api.resume(path)  # the next run: crawl --resume
        assert summary.status == "complete", n
        intact(path)
        assert results(path) == results(crawled["uncut"]), n
