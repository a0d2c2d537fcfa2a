"""Speed of one queued run on 1, 2 and 3 workers, and the figures of the capacity plan in
docs/scaling.md.

The demo councils are served on 127.0.0.1 (``--copies`` sets of them, each set on its own
ports, so 3 x copies councils), queued in a throwaway redis-server, and crawled by N
``council-audit worker --burst`` processes, each into its own shard. Prints, for each N,
the wall time from queueing to the last worker's exit, pages audited per minute in all
and per worker, and each worker's peak memory (PSS of the worker, its crawl process and
Chromium);
then bytes per page of the merged SQLite database and Redis memory per queued council
(the 382 councils of the register queued at the budget given).

On a machine with C cores the gain levels off at about C workers: each worker's browser
and checks use most of a core. Run: ``.venv/bin/python benchmarks/scale_out.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import psutil
import redis

from council_audit import api
from council_audit.demo import DemoSites
from council_audit.register import load_register
from council_audit.scale.redis_server import LocalRedis
from council_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


class TreePeak:
    """Peak memory (proportional set size) of a process and its children, sampled."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            with contextlib.suppress(psutil.Error):
                me = psutil.Process(self.pid)
                for proc in [me, *me.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_full_info().pss  # shared pages counted once
            self.peak = max(self.peak, total)
            time.sleep(0.5)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def councils(stack: ExitStack, copies: int) -> list[dict[str, Any]]:
    rows = []
    for n in range(copies):
        sites = stack.enter_context(DemoSites())
        for row in sites.councils():
            rows.append({**row, "code": f"{row['code']}{n or ''}", "name": f"{row['name']} {n}"})
    return rows


def one_run(workers: int, rows: list[dict[str, Any]], settings: Settings, folder: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNCIL_AUDIT_LOG_LEVEL": "WARNING",
           "COUNCIL_AUDIT_RENDER_PAGES": str(settings.render_pages)}  # fmt: skip
    shards = [folder / f"w{workers}-{n}.db" for n in range(workers)]
    with LocalRedis() as queue:
        start = time.monotonic()
        api.enqueue(rows, queue.url, settings, label=f"bench-{workers}")
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "council_audit",
                    "worker",
                    "--queue",
                    queue.url,
                    "--db",
                    str(shard),
                    "--burst",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            for shard in shards
        ]
        peaks = [TreePeak(p.pid) for p in procs]
        for p in procs:
            p.wait()
        elapsed = time.monotonic() - start
        memory = [peak.stop() for peak in peaks]
    merged = folder / f"merged-{workers}.db"
    api.merge(merged, shards)
    with sqlite3.connect(merged) as conn:
        pages = conn.execute(
            "select count(*) from pages where id not in (select id from documents)"
        ).fetchone()[0]
        rows_all = conn.execute("select count(*) from pages").fetchone()[0]
        conn.execute("pragma wal_checkpoint(truncate)")
    return {"workers": workers, "seconds": elapsed, "pages": pages, "rows": rows_all,
            "bytes": merged.stat().st_size, "memory": memory}  # fmt: skip


def redis_bytes_per_council(settings: Settings) -> float:
    register = load_register()
    with LocalRedis() as queue:
        client = redis.Redis.from_url(queue.url)
        before = client.info("memory")["used_memory"]
        api.enqueue(register, queue.url, settings)
        return (client.info("memory")["used_memory"] - before) / len(register)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1,2,3", help="worker counts to try")
    parser.add_argument("--copies", type=int, default=2, help="sets of the 3 demo councils")
    parser.add_argument("--budget", type=int, default=12, help="pages per council")
    parser.add_argument("--render-pages", type=int, default=2)
    args = parser.parse_args()
    settings = Settings.from_mapping(
        {"allow_loopback": True, "page_budget": args.budget, "render_pages": args.render_pages,
         "log_level": "WARNING"}, env=False,
    )  # fmt: skip
    print(f"machine: {os.cpu_count()} cores; load average before: "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()))  # fmt: skip
    results = []
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        rows = councils(stack, args.copies)
        print(f"{len(rows)} demo councils, budget {args.budget} pages, render_pages "
              f"{args.render_pages}")  # fmt: skip
        for n in (int(x) for x in args.workers.split(",")):
            r = one_run(n, rows, settings, Path(tmp))
            results.append(r)
            rate = r["pages"] / (r["seconds"] / 60)
            peak = max(r["memory"]) / 2**20
            print(f"{n} worker(s): {r['pages']} pages in {r['seconds']:.0f} s = {rate:.1f} pages/min,"
                  f" {rate / n:.1f} per worker; peak memory per worker {peak:.0f} MB; "
                  f"load average now {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
        base = results[0]["pages"] / results[0]["seconds"]
        for r in results[1:]:
            gain = (r["pages"] / r["seconds"]) / base
            print(f"  speed-up with {r['workers']} workers: x{gain:.2f}")
        print(f"  (on {os.cpu_count()} cores the gain is bounded by the cores: each worker's "
              "browser and checks keep about one core busy; plan with the rate per worker)")  # fmt: skip
        per_page = sum(r["bytes"] for r in results) / sum(r["rows"] for r in results)
        print(f"SQLite: {per_page / 1024:.1f} KiB per page (merged database, findings included)")
    print(f"Redis: {redis_bytes_per_council(settings):.0f} bytes per queued council")


if __name__ == "__main__":
    main()
