"""Crawl plans and run-due: parsing, what is due, file locks, and two overlapping
run-due calls (as cron would make them) crawling the council once between them."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crawl_sites import Site, links, ok, page

from council_audit.locks import CrawlBusy, Locks, lock_councils
from council_audit.register import load_register
from council_audit.results.crawlstore import CrawlStore
from council_audit.schedule import (
    PlanError,
    due,
    last_complete,
    load_plan,
    parse_every,
    run_due,
)

ROOT = Path(__file__).resolve().parents[1]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- plans -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [("30d", dt.timedelta(days=30)), ("12h", dt.timedelta(hours=12)), ("2w", dt.timedelta(weeks=2)),
     ("90m", dt.timedelta(minutes=90)), ("weekly", dt.timedelta(weeks=1)),
     ("monthly", dt.timedelta(days=30)), (" Daily ", dt.timedelta(days=1))],
)  # fmt: skip
def test_frequencies(text: str, expected: dt.timedelta) -> None:
    assert parse_every(text) == expected


@pytest.mark.parametrize(
    "text", ["0d", "soon", "3 years", "", "99999999999d", "9999999999999999999w", "4000d"]
)
def test_bad_frequencies(text: str) -> None:
    with pytest.raises(PlanError, match="every"):
        parse_every(text)


def test_plan_is_read_with_paths_relative_to_it(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path / "plan.toml", """
db = "out/audit.db"
[settings]
document_limit = 5
[[crawl]]
name = "wales"
nation = "Wales"
budget = 30
every = "weekly"
[[crawl]]
name = "two"
codes = ["BIR", "LDS"]
settings = { page_budget = 10 }
"""))  # fmt: skip
    assert plan.db == tmp_path / "out" / "audit.db"
    wales, two = plan.entries
    assert wales.every == dt.timedelta(weeks=1) and two.every == dt.timedelta(days=30)
    assert len(plan.councils_for(wales)) == 22
    assert [c["code"] for c in plan.councils_for(two)] == ["BIR", "LDS"]
    settings = plan.settings_for(wales)
    assert (settings.page_budget, settings.document_limit) == (30, 5)
    assert plan.settings_for(two).page_budget == 10


@pytest.mark.parametrize(
    ("text", "message"),
    [("[[crawl]]\nname = 'x'\n", "say which councils"),
     ("[[crawl]]\nall = true\ncolour = 'red'\n", "unknown keys colour"),
     ("[[crawl]]\nall = true\nsettings = { page_budget = 0 }\n", "page_budget must be at least 1"),
     ("[[crawl]]\nall = true\nsettings = { no_such = 1 }\n", "unknown setting"),
     ("db = 'x.db'\n", "at least one"),
     ("[[crawl]\n", "not valid TOML"),
     ("[[crawl]]\nname='a'\nall=true\n[[crawl]]\nname='a'\nall=true\n", "own name")],
)  # fmt: skip
def test_bad_plans_are_refused_with_a_reason(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        load_plan(write(tmp_path / "plan.toml", text))


def test_missing_plan(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="cannot read"):
        load_plan(tmp_path / "nope.toml")


def test_what_is_due(tmp_path: Path) -> None:
    db_path = tmp_path / "d.db"
    store = CrawlStore(db_path)
    rows = [r for r in load_register() if r["code"] in ("BIR", "LDS", "MAN")]
    store.upsert_councils(rows)
    run_id = store.start_run({"label": "x", "councils": ["BIR", "LDS"]})
    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    for code, ended in (("BIR", "2025-05-30T00:00:00+00:00"), ("LDS", "2025-04-01T00:00:00+00:00")):
        store.db["council_crawls"].insert({"run_id": run_id, "council_code": code,
                                           "status": "complete", "started_at": ended, "ended_at": ended})  # fmt: skip
    store.close()
    last = last_complete(db_path)
    assert set(last) == {"BIR", "LDS"}
    picked = [c["code"] for c in due(rows, dt.timedelta(days=30), last, now)]
    assert picked == ["LDS", "MAN"]  # BIR was crawled two days ago; MAN never


# --- locks -------------------------------------------------------------------------------
HOLD = """
import sys, time
from pathlib import Path
from council_audit.locks import Locks
locks = Locks(Path(sys.argv[1]))
assert locks.acquire("council-ABC")
print("held", flush=True)
time.sleep(60)
"""


def test_a_lock_is_exclusive_and_dies_with_its_process(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stdout and proc.stdout.readline().strip() == "held"
        with Locks(tmp_path) as mine:
            assert not mine.acquire("council-ABC")
            assert mine.holder("council-ABC") == str(proc.pid)
            with pytest.raises(CrawlBusy, match=f"ABC \\(pid {proc.pid}\\)"):
                lock_councils(mine, ["XYZ", "ABC"], skip_locked=False)
            assert "council-XYZ" not in mine.held  # nothing stays locked after a refusal
            assert lock_councils(mine, ["XYZ", "ABC"], skip_locked=True) == ["XYZ"]
            proc.kill()
            proc.wait()
            assert mine.wait("council-ABC", timeout=5)  # released by the kernel
    finally:
        proc.kill()


def test_locks_within_one_process(tmp_path: Path) -> None:
    with Locks(tmp_path) as a, Locks(tmp_path) as b:
        assert a.acquire("x") and a.acquire("x")
        assert not b.acquire("x")
        a.release(["x"])
        assert b.acquire("x")


# --- run-due -----------------------------------------------------------------------------
def run_due_cli(plan: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "council_audit", "run-due", "--plan", str(plan)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def overlapping(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    site = Site(delay=0.5)
    site.routes["/"] = ok(
        page("Home", links(("/contact/", "Contact us"), ("/a/", "A"), ("/b/", "B")))
    )
    for path in ("/contact/", "/a/", "/b/"):
        site.routes[path] = ok(page(path, "<p>Hello.</p>"))
    folder = tmp_path_factory.mktemp("plan")
    write(
        folder / "councils.csv",
        f"code,name,nation,homepage_url\nONE,One Council,England,{site.url('/')}\n",
    )
    plan = write(folder / "plan.toml", """
db = "results.db"
[settings]
allow_loopback = true
plan_parallel = 2
use_sitemaps = false
progress_interval = 1
log_level = "INFO"
render_pages = 1
[[crawl]]
name = "fixture"
csv = "councils.csv"
budget = 3
every = "30d"
""")  # fmt: skip
    calls = [run_due_cli(plan)]
    time.sleep(0.5)
    calls.append(run_due_cli(plan))  # cron fires again while the first is crawling
    outs = [c.communicate(timeout=300)[0] for c in calls]
    third = run_due_cli(plan)
    later = third.communicate(timeout=120)[0]
    yield {"site": site, "plan": plan, "db": folder / "results.db", "outs": outs,
           "codes": [c.returncode for c in calls], "later": later}  # fmt: skip
    site.stop()


def test_overlapping_calls_crawl_the_council_once(overlapping: dict) -> None:
    assert overlapping["codes"] == [0, 0], overlapping["outs"]
    store = CrawlStore(overlapping["db"])
    runs = list(store.db["runs"].rows)
    assert len(runs) == 1 and runs[0]["status"] == "complete" and runs[0]["label"] == "plan:fixture"
    store.close()
    # one crawl: the page is fetched once (without the browser, which is given that answer)
    assert overlapping["site"].page_hits()["/"] == 1
    assert (
        sum("nothing to start" in out or "still going" in out for out in overlapping["outs"]) == 1
    )


def test_progress_lines_when_not_on_a_terminal(overlapping: dict) -> None:
    assert any("progress: " in out and "councils done" in out for out in overlapping["outs"])


def test_nothing_is_due_right_after(overlapping: dict) -> None:
    assert "fixture: 0 councils due" in overlapping["later"]
    reports = run_due(overlapping["plan"], dry_run=True, say=lambda s: None)
    assert reports[0].due == []
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    reports = run_due(overlapping["plan"], now=future, dry_run=True, say=lambda s: None)
    assert reports[0].due == ["ONE"]
