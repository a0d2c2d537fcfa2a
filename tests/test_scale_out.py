"""One run crawled by several workers through a real Redis (redis-server on a free
127.0.0.1 port in a temporary folder), one of them killed with SIGKILL mid-council
(its whole process group: worker, crawl process and Chromium), then merged, and
compared with a single-process crawl of the same demo councils: the same pages, each
exactly once, the same findings. Merging again gives the same database, byte for byte."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from council_audit import api
from council_audit.demo import DemoSites
from council_audit.scale.redis_server import LocalRedis
from council_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 6
RUN_SETTINGS = {"allow_loopback": True, "page_budget": BUDGET, "document_limit": 2,
                "log_level": "WARNING"}  # fmt: skip
LEASE = 4  # seconds: a dead worker's council is handed on this long after its last heartbeat


def worker(queue: str, shard: Path, burst: bool = True) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNCIL_AUDIT_QUEUE_LEASE": str(LEASE),
           "COUNCIL_AUDIT_RENDER_PAGES": "2", "COUNCIL_AUDIT_LOG_LEVEL": "WARNING"}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "council_audit", "worker", "--queue", queue, "--db", str(shard),
         *(["--burst"] if burst else [])],
        cwd=ROOT, env=env, start_new_session=True,  # its own process group, browser included
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    if not db.exists():
        return []
    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=10) as conn:
        try:
            return conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError:  # tables not made yet
            return []


def partly_crawled(shard: Path) -> bool:
    """The shard holds at least one page of a council it has not finished."""
    return bool(query(shard, "select 1 from pages p join council_crawls c using (run_id, council_code)"
                             " where c.status != 'complete' limit 1"))  # fmt: skip


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    folder = tmp_path_factory.mktemp("scale")
    settings = Settings.from_mapping(RUN_SETTINGS, env=False)
    with LocalRedis() as redis, DemoSites() as sites:
        councils = sites.councils()
        single = folder / "single.db"
        api.crawl(councils, single, settings, label="single")

        run_id = api.enqueue(councils, redis.url, settings)
        shards = [folder / f"shard{n}.db" for n in range(3)]
        procs = [worker(redis.url, shard) for shard in shards]
        victim = None
        try:
            deadline = time.monotonic() + 300
            while victim is None:
                assert time.monotonic() < deadline, "no worker started crawling"
                victim = next((n for n, s in enumerate(shards) if partly_crawled(s)), None)
                time.sleep(0.05)
            group = [p.pid for p in psutil.Process(procs[victim].pid).children(recursive=True)]
            os.killpg(procs[victim].pid, signal.SIGKILL)  # the machine dies
            procs[victim].wait(timeout=30)
            left_behind = dict(
                query(shards[victim], "select council_code, status from council_crawls")
            )
            outputs = [p.communicate(timeout=600)[0] for n, p in enumerate(procs) if n != victim]
            exits = [p.returncode for n, p in enumerate(procs) if n != victim]
            survivors = [pid for pid in group if psutil.pid_exists(pid)
                         and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]  # fmt: skip
            status = api.queue_status(redis.url, run_id)
        finally:
            for p in procs:
                if p.poll() is None:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
    merged = folder / "merged.db"
    first = api.merge(merged, shards)
    first_sha = sha(merged)
    again = api.merge(merged, shards)
    reverse = folder / "reverse.db"
    api.merge(reverse, list(reversed(shards)))
    yield {
        "single": single, "merged": merged, "reverse": reverse, "shards": shards,
        "victim": victim, "left_behind": left_behind, "outputs": outputs, "exits": exits,
        "survivors": survivors, "status": status, "run_id": run_id, "first": first,
        "again": again, "shas": (first_sha, sha(merged)), "councils": [c["code"] for c in councils],
    }  # fmt: skip


def test_killed_worker_left_a_partial_council_and_nothing_running(scaled: dict) -> None:
    assert scaled["exits"] == [0, 0], scaled["outputs"]
    assert "running" in scaled["left_behind"].values()  # killed mid-council, no clean stop
    assert scaled["survivors"] == []  # the crawl process and Chromium died with it


def test_every_council_done_and_the_lost_one_taken_twice(scaled: dict) -> None:
    councils = scaled["status"].councils
    assert sorted(councils) == sorted(scaled["councils"])
    assert {row["state"] for row in councils.values()} == {"done"}
    lost = [c for c, s in scaled["left_behind"].items() if s == "running"]
    assert [councils[c]["attempts"] for c in lost] == [2] * len(lost)
    assert all(councils[c]["shard"] != str(scaled["shards"][scaled["victim"]]) for c in lost)


def pages(db: Path) -> list[tuple]:
    return query(db, "select council_code, url from pages order by council_code, url")


def findings(db: Path) -> set[tuple]:
    rows = query(db, "select council_code, page_url, check_id, fingerprint from findings")
    return set(rows)


def test_merged_run_has_the_same_pages_each_once(scaled: dict) -> None:
    merged, single = pages(scaled["merged"]), pages(scaled["single"])
    assert len(merged) == len(set(merged))
    assert merged == single
    per_council = query(scaled["merged"], "select council_code, count(*) from pages group by 1")
    assert all(n >= BUDGET for _, n in per_council)  # pages plus any documents


def test_merged_run_has_the_same_findings(scaled: dict) -> None:
    merged, single = findings(scaled["merged"]), findings(scaled["single"])
    assert len(merged) > 20
    assert merged == single


def test_merged_run_is_complete_and_counted(scaled: dict) -> None:
    run = query(scaled["merged"], "select id, status, pages_count, findings_count from runs")
    assert run == [(scaled["run_id"], "complete", len(pages(scaled["merged"])),
                    query(scaled["merged"], "select count(*) from findings")[0][0])]  # fmt: skip
    crawls = query(scaled["merged"], "select status from council_crawls")
    assert crawls == [("complete",)] * len(scaled["councils"])


def test_merging_again_changes_nothing(scaled: dict) -> None:
    first, again = scaled["first"], scaled["again"]
    assert {code for _, _, code in first.taken} == set(scaled["councils"])
    assert again.taken == []
    assert again.kept == first.kept + len(first.taken)  # every copy in every shard
    assert scaled["shas"][0] == scaled["shas"][1]


def dump(db: Path) -> dict[str, list[tuple]]:
    from council_audit.results.schema import TABLES

    return {t: sorted(query(db, f"select * from [{t}]"), key=repr) for t in TABLES}


def test_merge_order_does_not_matter(scaled: dict) -> None:
    assert dump(scaled["reverse"]) == dump(scaled["merged"])


def test_serve_publishes_the_merged_run(scaled: dict) -> None:
    import httpx

    from council_audit import publish

    with publish.start_server(scaled["merged"]) as url:
        got = httpx.get(f"{url}merged/runs.json?_shape=array", trust_env=False, timeout=20)
    assert got.status_code == 200
    assert [r["id"] for r in got.json()] == [scaled["run_id"]]


def test_bad_inputs_get_clear_errors(tmp_path: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "council_audit", *args], cwd=ROOT,
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip

    missing = cli("merge", "--db", str(tmp_path / "m.db"), str(tmp_path / "nope.db"))
    assert missing.returncode == 1 and "no shard at" in missing.stderr
    (tmp_path / "junk.db").write_text("not a database at all" * 100)
    junk = cli("merge", "--db", str(tmp_path / "m.db"), str(tmp_path / "junk.db"))
    assert junk.returncode == 1 and "not an SQLite database" in junk.stderr
    wrong = cli("crawl", "LDS", "--queue", "http://127.0.0.1:1/0")
    assert wrong.returncode == 1 and "Redis URL" in wrong.stderr
    down = cli("crawl", "LDS", "--queue", "redis://127.0.0.1:1/0")
    assert down.returncode == 1 and "cannot reach Redis" in down.stderr
    alone = cli("worker", "--db", str(tmp_path / "s.db"))
    assert alone.returncode == 2 and "--queue" in alone.stderr
    with LocalRedis() as redis:
        unknown = cli("crawl", "--queue", redis.url, "--status", "nope")
    assert unknown.returncode == 1 and "no run nope" in unknown.stderr


def test_sigterm_hands_the_council_back_and_the_same_shard_resumes_it(tmp_path: Path) -> None:
    settings = Settings.from_mapping(RUN_SETTINGS, env=False)
    shard = tmp_path / "shard.db"
    with LocalRedis() as redis, DemoSites() as sites:
        council = sites.councils()[:1]
        code = council[0]["code"]
        run_id = api.enqueue(council, redis.url, settings)
        first = worker(redis.url, shard)
        deadline = time.monotonic() + 300
        while not partly_crawled(shard):
            assert first.poll() is None and time.monotonic() < deadline, first.stdout
            time.sleep(0.05)
        first.send_signal(signal.SIGTERM)
        out, _ = first.communicate(timeout=120)
        assert first.returncode == 0, out
        assert "handed back" in out
        before = dict(query(shard, "select url, fetched_at from pages"))
        handed = api.queue_status(redis.url, run_id).councils[code]
        assert handed["state"] == "queued" and handed["handed_back_by"]

        second = worker(redis.url, shard)
        out, _ = second.communicate(timeout=600)
        assert second.returncode == 0, out
        done = api.queue_status(redis.url, run_id).councils[code]
    assert done["state"] == "done" and done["attempts"] == 2
    after = query(shard, "select url, fetched_at from pages")
    assert len(after) == len({u for u, _ in after})
    assert all((url, at) in after for url, at in before.items())  # resumed, not refetched
    assert query(shard, "select status from council_crawls") == [("complete",)]


def wait_for_heartbeat(client: Any, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if client.keys("council-audit:worker:*"):
                return
        except Exception:  # Redis still starting
            pass
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.2)


def test_worker_rides_out_a_redis_restart(tmp_path: Path) -> None:
    import redis as redis_client

    with LocalRedis() as redis:
        idle = worker(redis.url, tmp_path / "shard.db", burst=False)
        port, folder = redis.port, redis.folder
        client = redis_client.Redis(host="127.0.0.1", port=port)
        wait_for_heartbeat(client, idle)
        assert redis.process is not None and folder is not None
        redis.process.kill()
        redis.process.wait()
        time.sleep(4)
        assert idle.poll() is None  # still up, waiting for Redis
        redis.process = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", folder.name,
             "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_heartbeat(client, idle)  # back, on the restarted Redis
        idle.send_signal(signal.SIGTERM)
        out, _ = idle.communicate(timeout=60)
    assert idle.returncode == 0, out
    assert "cannot reach Redis" in out


def test_a_worker_of_another_version_refuses_the_run(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A run is audited by one version: a worker that runs another hands the council
    straight back, says why in --status, and stops; its shard gets none of the run."""
    from council_audit.scale import queue as queueing
    from council_audit.scale.worker import work

    settings = Settings.from_mapping(RUN_SETTINGS, env=False)
    with LocalRedis() as redis, DemoSites() as sites:
        code = sites.councils()[0]["code"]
        monkeypatch.setattr(queueing, "__version__", "0.0.1-older")  # the queueing host's
        run_id = queueing.enqueue_run(redis.url, sites.councils()[:1], settings)
        monkeypatch.undo()
        said: list[str] = []
        summary = work(redis.url, tmp_path / "shard.db", settings, burst=True, say=said.append)
        shown = queueing.queue_status(redis.url, run_id)
    assert summary.refused == [code] and summary.done == []
    row = shown.councils[code]
    assert row["state"] == "queued"
    assert "the run was queued by council-audit 0.0.1-older" in row["error"]
    assert any("refused run" in line for line in said)
    pages = query(tmp_path / "shard.db", "select count(*) from pages") if (
        tmp_path / "shard.db").exists() else [(0,)]  # fmt: skip
    assert pages == [(0,)]
