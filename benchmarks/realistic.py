"""Speed on pages the size and shape of real council pages, against pa11y-ci.

In one run, on the same pages served on 127.0.0.1 (``benchmarks/council_site.py``: 6
generated councils x 50 pages of 40-120 KB, about 2,000 elements each):

- ``council-audit check`` on all the URLs, every default check;
- a 6-council crawl of the same sites (``api.crawl``), then an unchanged re-crawl;
- pa11y-ci 4.1.1 with axe-core at its best tuning (concurrency 4,
  ``useIncognitoBrowserContext: false``), installed with npm into
  ``benchmarks/.pa11y-ci`` (ignored by git) and run on Debian's Chromium.

For each: pages/min, CPU seconds per page in Chromium and in Python (or node), and peak
memory of every process involved, summed two ways: proportional (Linux PSS: a page shared
by N processes counts 1/N in each, so the sum is the memory really used) and resident
(RSS: shared pages count once per process, so it grows with the number of processes). Then the ratio of the crawl
to pa11y-ci, the projection for 382 councils x 50 pages, and the re-crawl speed-up.
``--corpus`` adds the real-councils corpus (``../shared/corpora/real-councils``, 102
real pages, requests to their live hosts fail) as a second page set for ``check`` and
pa11y-ci. ``--memory`` (on its own, about 50 minutes on 2 cores) crawls 300 and then
2,000 pages and compares peak memory, printing memory by kind of process every 2 minutes
and at the peak.
``--agreement`` runs ``check`` with template-aware auditing off and then on, and prints
the speed of each and how many findings agree.

Run: ``.venv/bin/python benchmarks/realistic.py [--runs 3] [--corpus]``, ``... --memory``,
``... --agreement``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psutil

from council_audit import api
from council_audit.results import ResultsDB
from council_audit.settings import Settings

sys.path.insert(0, str(Path(__file__).parent))
from council_site import CouncilSites  # noqa: E402

HERE = Path(__file__).parent
PA11Y_DIR = HERE / ".pa11y-ci"
PA11Y_VERSION = "4.1.1"
CORPUS = HERE.parent.parent / "shared" / "corpora" / "real-councils"
COUNCILS_UK, PAGES_EACH = 382, 50


@dataclass
class Measure:
    name: str
    pages: int
    seconds: float
    browser_cpu: float
    other_cpu: float
    peak_rss: int
    peak_pss: int = 0
    pss_by_kind: Counter[str] = field(default_factory=Counter)

    @property
    def per_min(self) -> float:
        return self.pages / self.seconds * 60 if self.seconds else 0.0

    def line(self) -> str:
        n = max(self.pages, 1)
        return (
            f"{self.name:<28} {self.pages:4d} pages in {self.seconds:6.1f} s = "
            f"{self.per_min:6.1f} pages/min; CPU per page: browser {self.browser_cpu / n:.2f} s,"
            f" tool {self.other_cpu / n:.2f} s; peak memory {self.peak_rss / 2**20:.0f} MiB"
            f" resident, {self.peak_pss / 2**20:.0f} MiB proportional"
        )

    def breakdown(self) -> str:
        """Proportional memory by kind of process, at the peak."""
        return _kinds(self.pss_by_kind)


def _kinds(sizes: Counter[str]) -> str:
    parts = sorted(sizes.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{kind} {size / 2**20:.0f}" for kind, size in parts) + " (MiB proportional)"


class Sampler:
    """Samples CPU time and resident memory of this process and its descendants (not the
    ones in ``exclude``, the site servers). CPU is split into Chromium and the rest."""

    def __init__(self, exclude: set[int], interval: float = 0.25, trace: float = 0) -> None:
        self.exclude = exclude
        self.interval = interval
        self.trace = trace  # print memory by kind of process every ``trace`` seconds
        self.cpu: dict[int, tuple[bool, float]] = {}
        self.peak = 0
        self.peak_pss = 0  # proportional: a page shared by N processes counts 1/N in each
        self.at_peak: Counter[str] = Counter()  # PSS by kind of process, at the PSS peak
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        me = psutil.Process()
        self._base = sum(me.cpu_times()[:2])

    def _run(self) -> None:
        me = psutil.Process()
        started = last = time.monotonic()
        while not self._stop.is_set():
            pss = self.sample(me)
            if self.trace and time.monotonic() - last >= self.trace:
                last = time.monotonic()
                print(f"    {last - started:5.0f} s: {_kinds(pss)}", flush=True)
            time.sleep(self.interval)
        self.sample(me)

    def sample(self, me: psutil.Process) -> Counter[str]:
        rss = 0
        pss: Counter[str] = Counter()
        for proc in [me, *me.children(recursive=True)]:
            if proc.pid in self.exclude:
                continue
            with contextlib.suppress(psutil.Error, OSError):
                times = proc.cpu_times()
                rss += proc.memory_info().rss
                browser = "chrom" in proc.name().lower()
                used = times.user + times.system
                if proc.pid == me.pid:
                    used -= self._base
                self.cpu[proc.pid] = (browser, used)
                pss[_kind(proc, me, browser)] += _pss(proc.pid)
        self.peak = max(self.peak, rss)
        if sum(pss.values()) > self.peak_pss:
            self.peak_pss = sum(pss.values())
            self.at_peak = pss
        return pss

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def split(self) -> tuple[float, float]:
        browser = sum(c for b, c in self.cpu.values() if b)
        other = sum(c for b, c in self.cpu.values() if not b)
        return browser, other


def _pss(pid: int) -> int:
    """Proportional set size in bytes (Linux ``smaps_rollup``; 0 where it cannot be read)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _kind(proc: psutil.Process, me: psutil.Process, browser: bool) -> str:
    if proc.pid == me.pid:
        return "python"
    if not browser:
        return proc.name()
    kind = next((a[7:] for a in proc.cmdline() if a.startswith("--type=")), "browser")
    return f"chromium {kind}"


def measure(name: str, exclude: set[int], job: Callable[[], int], trace: float = 0) -> Measure:
    with Sampler(exclude, trace=trace) as sampler:
        started = time.perf_counter()
        pages = job()
        elapsed = time.perf_counter() - started
    browser, other = sampler.split()
    return Measure(
        name, pages, elapsed, browser, other, sampler.peak, sampler.peak_pss, sampler.at_peak
    )


# --- the sites, in their own process so their CPU is not counted ----------------------
def _serve_sites(councils: int, pages: int, conn: Any) -> None:
    with CouncilSites(councils, pages) as sites:
        conn.send((sites.register_rows(), sites.urls()))
        conn.recv()  # until told to stop


def _serve_corpus(conn: Any) -> None:
    handler = partial(_QuietHandler, directory=str(CORPUS))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    conn.send(f"http://127.0.0.1:{server.server_address[1]}/")
    conn.recv()
    server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class Served:
    """Runs a serving function in a child process; ``info`` is what it sent back."""

    def __init__(self, target: Callable[..., None], *args: Any) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=target, args=(*args, child), daemon=True)

    def __enter__(self) -> Served:
        self.proc.start()
        self.info = self.conn.recv()
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.send("stop")
        self.proc.join(timeout=10)


# --- the three tools -----------------------------------------------------------------
def bench_settings(**extra: Any) -> Settings:
    return Settings.from_mapping(
        {"allow_loopback": True, "log_level": "WARNING", **extra}, env=False
    )


def run_check(urls: list[str], settings: Settings) -> int:
    result = api.check(urls, settings)
    errors = [p.snapshot.error for p in result.pages if p.snapshot.error]
    if errors:
        print(f"  check: {len(errors)} pages not audited, e.g. {errors[0]}")
    return sum(1 for p in result.pages if p.snapshot.audited)


def run_crawl(rows: list[dict[str, Any]], db_path: Path, settings: Settings, label: str) -> int:
    """Crawls; returns the pages audited (or carried forward unchanged) in the run."""
    summary = api.crawl(rows, db_path, settings, label=label)
    db = ResultsDB(db_path)
    try:
        phases = db.db.execute(
            "select group_concat(fetch_ms), group_concat(axe_ms),"
            " group_concat(checks_ms) from pages where run_id = ? and audited = 1"
            " and carried_from is null",
            [summary.run_id],
        ).fetchone()
        medians = [statistics.median(map(float, c.split(","))) if c else 0 for c in phases]
        print(
            f"  {label}: median per audited page: load {medians[0]:.0f} ms, axe-core "
            f"{medians[1]:.0f} ms, built-in checks {medians[2]:.0f} ms",
            flush=True,
        )
        return db.db.execute(
            "select count(*) from pages where run_id = ? and audited = 1", [summary.run_id]
        ).fetchone()[0]
    finally:
        db.close()


def install_pa11y() -> Path:
    binary = PA11Y_DIR / "node_modules" / ".bin" / "pa11y-ci"
    if not binary.exists():
        PA11Y_DIR.mkdir(parents=True, exist_ok=True)
        print(f"installing pa11y-ci {PA11Y_VERSION} with npm into {PA11Y_DIR} ...")
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent",
             f"pa11y-ci@{PA11Y_VERSION}"],
            cwd=PA11Y_DIR, check=True, env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
        )  # fmt: skip
    return binary


def run_pa11y(urls: list[str], chromium: str) -> int:
    args = ["--disable-dev-shm-usage", "--disable-gpu"]
    if os.geteuid() == 0:
        args.append("--no-sandbox")
    config = {
        "defaults": {
            "concurrency": 4,
            "useIncognitoBrowserContext": False,
            "runners": ["axe"],
            "timeout": 60000,
            "chromeLaunchConfig": {"executablePath": chromium, "args": args},
        },
        "urls": urls,
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pa11y-ci.json"
        path.write_text(json.dumps(config))
        out = Path(tmp) / "out.json"
        with out.open("w") as fh:
            subprocess.run(
                [str(install_pa11y()), "--config", str(path), "--json"],
                stdout=fh, stderr=subprocess.DEVNULL, check=False,
            )  # fmt: skip
        try:
            report = json.loads(out.read_text())
        except json.JSONDecodeError:
            print("  pa11y-ci: no JSON report")
            return 0
    # a page pa11y could not load has one issue with a message and no rule code
    results = report.get("results", {})
    return sum(1 for issues in results.values() if all("code" in i for i in issues))


# --- scenarios -----------------------------------------------------------------------
def generated(args: argparse.Namespace, chromium: str) -> dict[str, Measure]:
    out: dict[str, Measure] = {}
    with Served(_serve_sites, args.councils, args.pages) as served:
        rows, urls = served.info
        skip = {served.proc.pid}
        settings = bench_settings()
        out["check"] = measure(
            "check (every default check)", skip, lambda: run_check(urls, settings)
        )
        print(" ", out["check"].line(), flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            crawl_settings = settings.replace(page_budget=args.pages)
            out["crawl"] = measure(
                f"crawl ({args.councils} councils x {args.pages})", skip,
                lambda: run_crawl(rows, db, crawl_settings, "first"),
            )  # fmt: skip
            print(" ", out["crawl"].line(), flush=True)
            out["recrawl"] = measure(
                "re-crawl, nothing changed", skip,
                lambda: run_crawl(rows, db, crawl_settings, "again"),
            )  # fmt: skip
            print(" ", out["recrawl"].line(), flush=True)
        if not args.no_pa11y:
            out["pa11y"] = measure(
                "pa11y-ci (axe, best tuning)", skip, lambda: run_pa11y(urls, chromium)
            )
            print(" ", out["pa11y"].line(), flush=True)
    return out


def corpus(args: argparse.Namespace, chromium: str) -> dict[str, Measure]:
    out: dict[str, Measure] = {}
    pages = sorted(p.parent.name for p in (CORPUS / "pages").glob("*/index.html"))
    with Served(_serve_corpus) as served:
        urls = [f"{served.info}pages/{name}/index.html" for name in pages]
        skip = {served.proc.pid}
        out["check"] = measure("corpus: check", skip, lambda: run_check(urls, bench_settings()))
        print(" ", out["check"].line(), flush=True)
        if not args.no_pa11y:
            out["pa11y"] = measure("corpus: pa11y-ci", skip, lambda: run_pa11y(urls, chromium))
            print(" ", out["pa11y"].line(), flush=True)
    return out


def agreement(args: argparse.Namespace) -> None:
    """``check`` with template-aware auditing off and on, on the same pages: the speed of
    each, and how many findings agree (check, level, selector, code, message)."""
    with Served(_serve_sites, args.councils, args.pages) as served:
        _, urls = served.info
        skip = {served.proc.pid}
        found: dict[bool, list[Any]] = {}
        for aware in (False, True):
            settings = bench_settings(template_aware=aware)

            def job(settings: Settings = settings, aware: bool = aware) -> int:
                found[aware] = api.check(urls, settings).pages
                return sum(1 for p in found[aware] if p.snapshot.audited)

            label = "template-aware" if aware else "every page whole"
            print(" ", measure(f"check, {label}", skip, job).line(), flush=True)
    same = total = pages = 0
    for whole, aware in zip(found[False], found[True], strict=True):
        a = Counter(map(_finding_key, whole.findings))
        b = Counter(map(_finding_key, aware.findings))
        same += sum((a & b).values())
        total += max(sum(a.values()), sum(b.values()))
        pages += a != b
    print(f"  findings: {same:,} of {total:,} the same ({same / max(total, 1):.2%}); "
          f"{pages} of {len(urls)} pages differ")  # fmt: skip


def _finding_key(f: Any) -> tuple[Any, ...]:
    return (f.check_id, f.level, f.selector, f.snippet, f.message, f.key)


def memory(args: argparse.Namespace) -> None:
    """Peak memory of a crawl of 300 pages and of 2,000 pages (6 councils each)."""
    peaks: dict[int, Measure] = {}
    for total in (300, 2000):
        per = -(-total // args.councils)
        with (
            Served(_serve_sites, args.councils, per) as served,
            tempfile.TemporaryDirectory() as tmp,
        ):
            rows, _ = served.info
            settings = bench_settings(page_budget=per)
            job = partial(run_crawl, rows, Path(tmp) / "m.db", settings, "memory")
            name = f"crawl of {per * args.councils} pages"
            m = measure(name, {served.proc.pid}, job, trace=120)
            print(" ", m.line(), flush=True)
            print("    at the peak:", m.breakdown(), flush=True)
            peaks[total] = m
    for kind in ("proportional", "resident"):
        size = {n: m.peak_pss if kind == "proportional" else m.peak_rss for n, m in peaks.items()}
        growth = (size[2000] / size[300] - 1) * 100
        print(f"peak {kind} memory at 2,000 pages is {growth:+.1f}% of the peak at 300 "
              "(target within 10%)")  # fmt: skip


def summary(runs: list[dict[str, Measure]]) -> None:
    def med(key: str, attr: str = "per_min") -> float:
        return statistics.median(getattr(r[key], attr) for r in runs if key in r)

    crawl, check = med("crawl"), med("check")
    print(f"\nmedian of {len(runs)} run(s):")
    print(f"  check {check:.1f} pages/min, crawl {crawl:.1f} pages/min")
    if all("pa11y" in r for r in runs):
        pa11y = med("pa11y")
        print(f"  pa11y-ci {pa11y:.1f} pages/min; crawl / pa11y-ci = {crawl / pa11y:.2f}x "
              f"(target 2x); check / pa11y-ci = {check / pa11y:.2f}x")  # fmt: skip
    hours = COUNCILS_UK * PAGES_EACH / crawl / 60 if crawl else float("inf")
    print(f"  projection, {COUNCILS_UK} councils x {PAGES_EACH} pages on this machine: "
          f"{hours:.1f} h (target under 2.5 h)")  # fmt: skip
    speedup = statistics.median(r["crawl"].seconds / r["recrawl"].seconds for r in runs)
    print(f"  unchanged re-crawl is {speedup:.1f}x faster than the first crawl (target 10x)")
    print(f"  peak memory of the crawl: {med('crawl', 'peak_pss') / 2**20:.0f} MiB proportional, "
          f"{med('crawl', 'peak_rss') / 2**20:.0f} MiB resident (medians)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs (the median is printed)")
    parser.add_argument("--councils", type=int, default=6)
    parser.add_argument("--pages", type=int, default=50, help="pages per council")
    parser.add_argument("--corpus", action="store_true", help="also the real-councils corpus")
    parser.add_argument(
        "--memory", action="store_true", help="only peak memory, 300 vs 2,000 pages"
    )
    parser.add_argument("--no-pa11y", action="store_true", help="leave pa11y-ci out")
    parser.add_argument("--corpus-only", action="store_true", help="only the real-councils corpus")
    parser.add_argument(
        "--agreement", action="store_true", help="template-aware auditing on vs off, only"
    )
    args = parser.parse_args()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not (args.no_pa11y or args.agreement or args.memory):
        install_pa11y()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    if args.agreement:
        agreement(args)
        return
    if args.memory:
        memory(args)
        return
    runs = []
    for n in range(args.runs):
        print(f"run {n + 1}:")
        if not args.corpus_only:
            runs.append(generated(args, chromium))
        if args.corpus or args.corpus_only:
            corpus(args, chromium)
    if runs:
        summary(runs)


if __name__ == "__main__":
    main()
