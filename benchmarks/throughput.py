"""Throughput of a real crawl: the three demo councils, served on 127.0.0.1, crawled with
Scrapy + scrapy-playwright in Chromium, axe-core and every built-in check on each page.

Prints pages audited per minute and peak memory (this process, the crawl process and
Chromium together). Run: `make bench` or `.venv/bin/python benchmarks/throughput.py`.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import threading
import time
from pathlib import Path

import psutil

from council_audit import api
from council_audit.demo import DemoSites
from council_audit.results import ResultsDB
from council_audit.settings import Settings


class PeakMemory:
    """Samples the resident memory of this process and all its children."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def one_run(render_pages: int, per_council: int) -> tuple[float, int, int, float]:
    settings = Settings.from_mapping(
        {"allow_loopback": True, "page_budget": 200, "render_pages": render_pages,
         "concurrent_per_council": per_council, "log_level": "WARNING"},
        env=False,
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp, DemoSites() as sites, PeakMemory() as mem:
        db_path = Path(tmp) / "bench.db"
        started = time.perf_counter()
        summary = api.crawl(sites.councils(), db_path, settings, label="benchmark")
        elapsed = time.perf_counter() - started
        db = ResultsDB(db_path)
        first, last = db.db.execute(
            "select min(fetched_at), max(fetched_at) from pages where run_id = ?", [summary.run_id]
        ).fetchone()
        audited = db.db.execute(
            "select count(*) from pages where run_id = ? and audited = 1", [summary.run_id]
        ).fetchone()[0]
        db.close()
    return elapsed, audited, mem.peak, _span(first, last)


def _span(first: str, last: str) -> float:
    from datetime import datetime

    return (datetime.fromisoformat(last) - datetime.fromisoformat(first)).total_seconds()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--render-pages", type=int, default=Settings().render_pages)
    parser.add_argument("--per-council", type=int, default=Settings().concurrent_per_council)
    args = parser.parse_args()
    rates, crawl_rates, peaks = [], [], []
    for n in range(args.runs):
        elapsed, audited, peak, span = one_run(args.render_pages, args.per_council)
        rate = audited / elapsed * 60
        crawl_rate = audited / span * 60 if span else rate
        rates.append(rate)
        crawl_rates.append(crawl_rate)
        peaks.append(peak)
        print(
            f"run {n + 1}: {audited} pages audited in {elapsed:.1f} s end to end "
            f"({rate:.0f}/min; {crawl_rate:.0f}/min between first and last page), "
            f"peak memory {peak / 2**20:.0f} MiB"
        )
    print(
        f"median of {args.runs}: {statistics.median(rates):.0f} pages/min end to end "
        f"(browser start and catalogue included), {statistics.median(crawl_rates):.0f} pages/min "
        f"while crawling; peak memory {max(peaks) / 2**20:.0f} MiB "
        f"(render_pages={args.render_pages}, concurrent_per_council={args.per_council})"
    )


if __name__ == "__main__":
    main()
