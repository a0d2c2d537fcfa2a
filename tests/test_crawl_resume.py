"""A crawl killed midway resumes with every page recorded exactly once and none fetched
again: the command line is stopped with SIGTERM (its crawl process shuts down cleanly),
resumed, killed outright with SIGKILL (browser and all), and resumed again. The sample
it ends with is the one an uninterrupted crawl chooses."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from crawl_sites import Site, build_sample_site

from council_audit.locks import Locks

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 22
SETTINGS = ["allow_loopback=true", f"page_budget={BUDGET}", "render_pages=2",
            "log_level=WARNING", "page_timeout=15"]  # fmt: skip
EXPECTED = {  # what the uninterrupted crawl of the sample site chooses (test_crawl_sample)
    "/": "home", "/contact/": "contact", "/search?q=council+tax": "search-results",
    "/waste/": "task:bins", "/education/": "task:school-admissions",
    "/benefits/blue-badge/": "task:blue-badge", "/services/libraries/": "task:libraries",
    "/help/accessibility-statement/": "accessibility-statement",
}  # fmt: skip


def cli(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "council_audit", *args],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group: crawl child and browser included
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def recorded(db_path: Path) -> list[tuple[str, str]]:
    if not db_path.exists():
        return []
    with sqlite3.connect(db_path, timeout=10) as conn:
        try:
            return conn.execute("select url, fetched_at from pages").fetchall()
        except sqlite3.OperationalError:  # tables not made yet
            return []


def wait_for_pages(
    proc: subprocess.Popen, db_path: Path, at_least: int, timeout: float = 180
) -> None:
    deadline = time.monotonic() + timeout
    while len(recorded(db_path)) < at_least:
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        assert time.monotonic() < deadline, "the crawl made no progress"
        time.sleep(0.1)


def settings_args() -> list[str]:
    return [arg for item in SETTINGS for arg in ("--set", item)]


@pytest.fixture(scope="module")
def resumed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    sample, offsite, partner = Site(delay=0.3), Site(), Site()
    build_sample_site(sample, offsite, partner)
    folder = tmp_path_factory.mktemp("resume")
    register = folder / "councils.csv"
    with register.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "name", "nation", "homepage_url", "extra_hosts"])
        writer.writerow(["SMP", "Sample Council", "England", sample.url("/"), partner.host])
    db_path = folder / "r.db"
    stages = {}

    first = cli("crawl", "--csv", str(register), "--db", str(db_path), *settings_args())
    wait_for_pages(first, db_path, 5)
    first.send_signal(signal.SIGTERM)  # the command line dies; its crawl shuts down
    first.wait(timeout=60)
    with Locks(Path(f"{db_path}.locks")) as locks:  # its crawl process stops on its own
        assert locks.wait("crawling-SMP", timeout=120)
    stages["after_term"] = dict(recorded(db_path))
    hits_before = sample.page_hits()

    second = cli("crawl", "--resume", "--db", str(db_path))
    wait_for_pages(second, db_path, len(stages["after_term"]) + 5)
    os.killpg(second.pid, signal.SIGKILL)  # power cut: every process of the crawl
    second.wait(timeout=60)
    stages["after_kill"] = dict(recorded(db_path))
    hits_middle = sample.page_hits()

    third = cli("crawl", "--resume", "--db", str(db_path))
    out, _ = third.communicate(timeout=300)
    yield {
        "db": db_path, "site": sample, "stages": stages, "exit": third.returncode, "out": out,
        "hits": (hits_before, hits_middle, sample.page_hits()),
    }  # fmt: skip
    for site in (sample, offsite, partner):
        site.stop()


def rows(db_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


def test_resumed_run_completes(resumed: dict) -> None:
    assert resumed["exit"] == 0, resumed["out"]
    assert "complete" in resumed["out"]
    assert rows(resumed["db"], "select status from runs") == [("complete",)]
    assert rows(resumed["db"], "select status from council_crawls") == [("complete",)]


def test_each_stage_stopped_midway(resumed: dict) -> None:
    term, kill = resumed["stages"]["after_term"], resumed["stages"]["after_kill"]
    assert 5 <= len(term) < len(kill) < BUDGET


def test_every_page_recorded_exactly_once(resumed: dict) -> None:
    urls = [u for (u,) in rows(resumed["db"], "select url from pages")]
    assert len(urls) == len(set(urls))
    pages = [
        u
        for (u,) in rows(
            resumed["db"], "select url from pages where id not in (select id from documents)"
        )
    ]
    assert len(pages) == BUDGET


def test_recorded_pages_are_not_fetched_again(resumed: dict) -> None:
    before, middle, after = resumed["hits"]
    for stage, hits_then in (("after_term", before), ("after_kill", middle)):
        for url in resumed["stages"][stage]:
            path = urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
            if path.startswith(("/leisure/", "/payments/", "/docs/")):
                continue  # answered by redirect; the site counts the first hop only
            assert after[path] == hits_then[path], (stage, path)
    kept = rows(resumed["db"], "select url, fetched_at from pages")
    for url, fetched_at in resumed["stages"]["after_term"].items():
        assert (url, fetched_at) in kept  # the row itself was not rewritten


def test_sample_is_the_uninterrupted_one(resumed: dict) -> None:
    chosen = dict(rows(resumed["db"], "select url, selected_because from pages"))
    by_path = {
        urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else ""): r
        for u, r in chosen.items()
    }
    for path, reason in EXPECTED.items():
        assert reason in by_path[path], (path, by_path.get(path))
    fill = sorted(
        int(p.split("-")[1].strip("/"))
        for p, r in by_path.items()
        if p.startswith("/news/article-")
    )
    assert fill == list(range(1, len(fill) + 1))
    assert Counter(r for r in by_path.values())["accessibility-statement"] == 2
