"""What a newcomer sees on the terminal: a quiet demo (our progress, no Scrapy log, no
deprecation warnings), counts that agree with the database, and the next commands."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from scrapy.core.downloader.middleware import DownloaderMiddlewareManager
from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy.pipelines import ItemPipelineManager
from scrapy.utils.test import get_crawler

from council_audit.crawler.settings import scrapy_settings
from council_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_our_components_use_current_scrapy_signatures(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict=scrapy_settings(Settings(), str(tmp_path / "x.db"), "r"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pipelines = ItemPipelineManager.from_crawler(crawler)
        middlewares = DownloaderMiddlewareManager.from_crawler(crawler)
    ours = [w for w in caught if issubclass(w.category, ScrapyDeprecationWarning)]
    assert not ours, [str(w.message) for w in ours]
    assert any(type(p).__name__ == "StorePipeline" for p in pipelines.middlewares)
    assert any(type(m).__name__ == "PagePoolMiddleware" for m in middlewares.middlewares)


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, int]:
    """``council-audit demo --no-serve`` as a newcomer runs it (piped, as in CI), with a
    small page budget to keep the test short."""
    db = tmp_path_factory.mktemp("quiet") / "demo.db"
    done = subprocess.run(
        [sys.executable, "-m", "council_audit", "demo", "--no-serve", "--db", str(db)]
        + ["--set", "page_budget=6"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
    return done.stdout, db, done.returncode


def test_demo_is_quiet(demo_output: tuple[str, Path, int]) -> None:
    out, _, code = demo_output
    lines = out.splitlines()
    assert code == 0, out
    assert len(lines) <= 40, out
    assert not [line for line in lines if "[scrapy" in line or "scrapy." in line], out
    assert "Deprecat" not in out and "Traceback" not in out, out
    assert lines[0].endswith("Crawling 3 councils, up to 6 pages and 20 documents each; "
                             "progress every 30 s.")  # fmt: skip


def test_demo_summary_counts_what_was_stored(demo_output: tuple[str, Path, int]) -> None:
    out, db, _ = demo_output
    head = re.search(
        r"Run (\S+) complete in .*: 3 councils, ([\d,]+) pages, ([\d,]+) findings "
        r"\(([\d,]+) errors, ([\d,]+) to review or advice\)\.",
        out,
    )
    assert head, out
    run_id, pages, findings, errors, review = head.groups()
    con = sqlite3.connect(db)
    stored = con.execute(
        "select pages_count, findings_count,"
        " (select count(*) from findings where run_id = ? and level = 'error') from runs"
        " where id = ?",
        [run_id, run_id],
    ).fetchone()
    per_council = dict(
        con.execute(
            "select council_code, count(*) from pages where run_id = ? group by council_code",
            [run_id],
        ).fetchall()
    )
    con.close()
    number = [int(x.replace(",", "")) for x in (pages, findings, errors, review)]
    assert number[:3] == list(stored) and number[1] == number[2] + number[3]
    for code, count in per_council.items():
        assert re.search(rf"^  {code} .* {count} pages ", out, re.M), (code, count, out)


def test_demo_ends_with_the_next_commands(demo_output: tuple[str, Path, int]) -> None:
    out, db, _ = demo_output
    lines = out.splitlines()
    assert lines[-3] == f"Results: {db}. Next:"
    assert re.match(rf"  council-audit report D(WB|TY|PR) --db {re.escape(str(db))} ", lines[-2])
    assert lines[-1].startswith(f"  council-audit serve --db {db}")


def test_demo_has_two_runs_and_a_council_that_fixed_barriers(
    demo_output: tuple[str, Path, int],
) -> None:
    out, db, _ = demo_output
    assert "Second run: Typicalton (DTY) has fixed some barriers" in out
    con = sqlite3.connect(db)
    runs = con.execute(
        "select id, label, councils from runs where status = 'complete' order by started_at"
    ).fetchall()
    assert [(label, councils) for _, label, councils in runs] == [
        ("demo", '["DWB", "DTY", "DPR"]'),
        ("demo: after fixes", '["DTY"]'),
    ]
    errors = [
        con.execute(
            "select count(*) from findings where run_id = ? and council_code = 'DTY'"
            " and level = 'error'",
            [run_id],
        ).fetchone()[0]
        for run_id, _, _ in runs
    ]
    con.close()
    assert errors[1] < errors[0], errors
    from council_audit.report import build_report

    report = build_report(db, "dty")
    assert report.previous_run is not None and report.fixed, "no 'what changed' to show"
