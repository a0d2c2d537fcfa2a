"""docs/precision.md stays current with the triage file and the check catalogue, without
rendering the 102 real pages again (benchmarks/precision.py does that)."""

from __future__ import annotations

import re

import pytest
from conftest import load_benchmark

ROW = re.compile(r"^\| `([a-z0-9-]+)` \| (\w+) \| (.*)\|$")


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return load_benchmark("precision")


@pytest.fixture(scope="module")
def doc(bench) -> str:  # type: ignore[no-untyped-def]
    return bench.DOC.read_text(encoding="utf-8")


def table(doc: str, section: str = "## Per check") -> dict[tuple[str, str], list[str]]:
    """(check, level) -> the cells after them, from the table of ``section``."""
    out = {}
    body = doc.split(section, 1)[1].split("\n## ", 1)[0]
    for line in body.splitlines():
        m = ROW.match(line)
        if m:
            out[(m.group(1), m.group(2))] = [c.strip() for c in m.group(3).split("|")]
    return out


def test_every_triage_row_has_a_verdict_and_a_reason(bench) -> None:  # type: ignore[no-untyped-def]
    rows = bench.read_triage()
    assert rows, "the triage file is empty"
    for row in rows:
        where = (row["page"], row["check"], row["selector"][:60])
        assert row["verdict"] in bench.VERDICTS, where
        assert len(row["reason"].strip()) >= 10, where


def test_doc_is_generated_from_this_triage_file_and_catalogue(bench, doc) -> None:  # type: ignore[no-untyped-def]
    assert bench.digest_line() in doc, (
        "docs/precision.md is stale: run `python benchmarks/precision.py --score-only`"
    )


def test_each_checks_precision_in_the_doc_comes_from_the_triage_file(bench, doc) -> None:  # type: ignore[no-untyped-def]
    scores = bench.triage_scores(bench.read_triage())
    rows = table(doc)
    assert set(scores) <= set(rows), set(scores) - set(rows)
    for group, cells in rows.items():
        sample = scores.get(group, bench.Sample())
        assert cells[4] == f"{sample.true}/{sample.false}/{sample.unsure}", group
        assert cells[5] == bench.percent(sample.precision), group


def test_error_and_warning_checks_meet_their_targets(bench, doc) -> None:  # type: ignore[no-untyped-def]
    scores = bench.triage_scores(bench.read_triage())
    for (check, level), cells in table(doc).items():
        target = bench.TARGETS.get(level)
        if target is None or cells[6] in ("opt-in", "not sampled"):
            continue
        if cells[6] == "unmeasured":  # too few findings could be judged: said in the doc
            assert f"`{check}` ({level})" in doc.split("## Not measurable")[1], check
            continue
        precision = scores[(check, level)].precision
        assert precision is not None and precision >= target, (check, level, precision)


def test_checks_on_most_real_pages_say_why(doc: str) -> None:
    assert "NOT JUSTIFIED YET" not in doc
    for (check, level), cells in table(doc).items():
        share = int(re.search(r"\((\d+)%\)", cells[0]).group(1))  # type: ignore[union-attr]
        if share > 60:
            assert f"### `{check}` ({level}, " in doc, check


def test_sample_is_fixed_by_rank_and_keeps_verdicts(bench) -> None:  # type: ignore[no-untyped-def]
    from council_audit.findings import Finding

    def finding(selector: str) -> Finding:
        return Finding("c", "builtin", "warning", None, (), selector, "<a>", "m", "")

    pages = [
        bench.PageFindings(f"real/p{i}", [finding(f"#a{j}") for j in range(6)]) for i in range(3)
    ]
    first = bench.sample_rows(pages, {})
    assert len(first) == bench.SAMPLE
    first[0].update(verdict="true", reason="the link has no text at all")
    dropped = first[1]
    pages_after = [
        bench.PageFindings(
            p.key,
            [
                f
                for f in p.findings
                if (p.key, f.selector) != (dropped["page"], dropped["selector"])
            ],
        )
        for p in pages
    ]
    again = bench.sample_rows(pages_after, bench.by_id(first))
    assert again[0]["verdict"] == "true"  # a verdict stays with its finding
    assert len(again) == bench.SAMPLE and dropped not in again
    assert [r for r in again if r in first] == [r for r in first if r is not dropped]


def test_design_systems_errors_are_judged_and_meet_the_target(bench, doc) -> None:  # type: ignore[no-untyped-def]
    """The styled corpus's section: each error row's sample comes from the triage file,
    and every error check judged on it meets the error target."""
    scores = bench.triage_scores(bench.read_triage(), "ds")
    rows = table(doc, "## Styled pages of public design systems")
    assert rows, "no design-system pages in the report"
    for (check, level), cells in rows.items():
        if level != "error":
            continue
        sample = scores.get((check, level), bench.Sample())
        assert cells[2] == f"{sample.true}/{sample.false}/{sample.unsure}", check
        if sample.judged:
            assert sample.precision >= bench.TARGETS["error"], (check, sample)
