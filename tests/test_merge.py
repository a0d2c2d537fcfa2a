"""Merging shards on real SQLite databases written with the results writer: each council
is taken whole from its best copy whatever the order, an unfinished copy is replaced
(search included) when the complete one arrives, and a merge repeated writes nothing.
The crawl itself is tested with real workers in test_scale_out.py."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from council_audit.findings import Finding
from council_audit.results.crawlstore import CrawlStore
from council_audit.results.merge import MergeError, merge_shards
from council_audit.results.writer import TEXT_CAPS

RUN = {"id": "20261202T000000Z-aaaa", "started_at": "2026-12-02T00:00:00+00:00",
       "label": "queued", "councils": ["AAA", "BBB"]}  # fmt: skip


def finding(word: str) -> Finding:
    return Finding(check_id="image-alt", source="axe", level="error", impact="critical",
                   wcag=("1.1.1",), selector=f"img.{word}", snippet="<img>", message=word,
                   help_url="https://example.org/")  # fmt: skip


def shard(path: Path, copies: dict[str, tuple[str, list[str]]]) -> Path:
    """A shard holding, for each council, a copy (status, page titles) of its part of RUN."""
    db = CrawlStore(path)
    db.upsert_councils([{"code": c, "name": f"{c} Council", "homepage_url": f"https://{c}.example/"}
                        for c in RUN["councils"]])  # fmt: skip
    db.start_run(dict(RUN))
    for code, (status, titles) in copies.items():
        db.council_started(RUN["id"], code, 50, 0, [f"{code}.example"])
        for n, title in enumerate(titles):
            page = {"run_id": RUN["id"], "council_code": code, "url": f"https://{code}.example/{n}",
                    "title": title, "status": 200, "fetched_at": f"2026-12-02T00:0{n}:00+00:00"}  # fmt: skip
            db.write_page(page, [finding(title.split()[0])])
        db.council_finished(RUN["id"], code, status)
    db.close()
    return path


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def shards(tmp_path: Path) -> dict[str, Path]:
    return {
        # a worker killed mid-council: two pages of AAA, never finished
        "lost": shard(tmp_path / "lost.db", {"AAA": ("running", ["xyzzy partial", "xyzzy second"])}),
        "a": shard(tmp_path / "a.db", {"AAA": ("complete", ["alpha home", "alpha tax", "alpha bins"])}),
        "b": shard(tmp_path / "b.db", {"BBB": ("complete", ["beta home"])}),
    }  # fmt: skip


def test_complete_copy_wins_in_any_order(tmp_path: Path, shards: dict[str, Path]) -> None:
    orders = [["lost", "a", "b"], ["b", "a", "lost"], ["a", "lost", "b"]]
    dumps = []
    for n, order in enumerate(orders):
        merged = tmp_path / f"merged{n}.db"
        report = merge_shards(merged, [shards[name] for name in order])
        assert report.runs == {RUN["id"]: "complete"}
        dumps.append(rows(merged, "select council_code, url, title from pages order by url"))
        assert rows(merged, "select status, pages_count, findings_count from runs") == [
            ("complete", 4, 4)
        ]
    assert dumps[0] == dumps[1] == dumps[2]
    assert [t for _, _, t in dumps[0]] == ["alpha home", "alpha tax", "alpha bins", "beta home"]


def test_unfinished_copy_is_replaced_everywhere(tmp_path: Path, shards: dict[str, Path]) -> None:
    merged = tmp_path / "merged.db"
    first = merge_shards(merged, [shards["lost"], shards["b"]])
    assert first.runs == {RUN["id"]: "running"}  # AAA is not finished anywhere yet
    assert rows(merged, "select count(*) from pages_fts where pages_fts match 'xyzzy'") == [(2,)]
    merge_shards(merged, [shards["a"]])
    assert rows(merged, "select count(*) from pages_fts where pages_fts match 'xyzzy'") == [(0,)]
    assert rows(merged, "select count(*) from findings_fts where findings_fts match 'xyzzy'") == [
        (0,)
    ]
    assert rows(merged, "select count(*) from findings where message = 'xyzzy'") == [(0,)]
    assert rows(merged, "select status from runs") == [("complete",)]


def test_merging_again_writes_nothing(tmp_path: Path, shards: dict[str, Path]) -> None:
    merged = tmp_path / "merged.db"
    merge_shards(merged, list(shards.values()))
    before = hashlib.sha256(merged.read_bytes()).hexdigest()
    again = merge_shards(merged, list(shards.values()))
    assert again.taken == [] and again.kept == 3
    assert hashlib.sha256(merged.read_bytes()).hexdigest() == before


def test_not_a_shard(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / "other.db").execute("create table t (x)").connection.commit()
    with pytest.raises(MergeError, match="not a council-audit results database"):
        merge_shards(tmp_path / "m.db", [tmp_path / "other.db"])
    with pytest.raises(MergeError, match="is the database being merged into"):
        shard(tmp_path / "m.db", {})
        merge_shards(tmp_path / "m.db", [tmp_path / "m.db"])


def test_a_shard_with_the_wrong_schema_is_refused_in_one_line(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.db"
    with sqlite3.connect(wrong) as conn:
        conn.execute("create table runs (id, status, started_at)")
        conn.execute("create table pages (id, url)")  # no run_id or council_code
        conn.execute("create table council_crawls (run_id, council_code, status)")
    with pytest.raises(MergeError, match="its pages table has no council_code, run_id"):
        merge_shards(tmp_path / "m.db", [wrong])


def test_a_shards_long_texts_are_cut_as_the_writer_cuts_them(tmp_path: Path) -> None:
    """A shard written by hand (or by another version) with a 3 MB title and message: the
    merged rows hold what the writer itself would have kept."""
    path = shard(tmp_path / "long.db", {"AAA": ("complete", ["alpha home"])})
    with sqlite3.connect(path) as conn:
        conn.execute("update pages set title = ?", ["t" * 3_000_000])
        conn.execute("update findings set message = ?, snippet = ?", ["m" * 3_000_000, "<b>"])
        conn.execute("update councils set name = ?", ["n" * 3_000_000])  # no cap: kept whole
    merge_shards(tmp_path / "m.db", [path])
    [(title,)] = rows(tmp_path / "m.db", "select title from pages")
    [(message, snippet)] = rows(tmp_path / "m.db", "select message, snippet from findings")
    assert (len(title), title[-1]) == (TEXT_CAPS["title"], "…")
    assert (len(message), snippet) == (TEXT_CAPS["message"], "<b>")
    assert {len(n) for (n,) in rows(tmp_path / "m.db", "select name from councils")} == {3_000_000}
