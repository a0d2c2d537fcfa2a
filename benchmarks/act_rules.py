"""Accuracy on the W3C ACT rules test cases: every case audited with the full check suite
in one browser session, then scored as the W3C ACT implementation reports score tools.

A case is *flagged* when a finding names one of the WCAG success criteria of the case's
rule (``ruleAccessibilityRequirements`` keys such as ``wcag20:1.1.1``). Flagging a
``failed`` case is right; flagging a ``passed`` or ``inapplicable`` case is a false alarm.
Each figure is given at error level ("error": errors, and, for ACT rules that test only
AAA criteria, advice that fails one of them) and counting needs-review findings and
advice too, for the full suite and for axe-core alone (its findings from the same run,
same pages). Enhanced contrast, off by default, is switched on here: ACT has rules for it.

The corpus (``/work/shared/corpora/act-rules`` by default) is served on 127.0.0.1 with
``/WAI/content-assets/wcag-act-rules/`` mapped to it, as the cases expect. SVG and XML
cases are served as ``application/xhtml+xml``: the browser still parses them as XML, and
the audit, which only audits HTML and XHTML, takes them. Text is served as UTF-8, as the
W3C serves it.

Run: ``python benchmarks/act_rules.py [--limit N] [--render-pages N] [--out docs/accuracy.md]``
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import json
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from council_audit.checks.axe import findings_from_results
from council_audit.checks.standards.wcag import legal_criteria
from council_audit.findings import Finding
from council_audit.session import audit_urls
from council_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "act-rules"
PREFIX = "/WAI/content-assets/wcag-act-rules/"
XML_AS_XHTML = {".svg": "application/xhtml+xml", ".xml": "application/xhtml+xml"}
AXE_REFERENCE = {
    "failed": 390,
    "hit": 166,
    "hit_review": 181,
    "clean": 812,
    "fa": 23,
    "fa_review": 51,
}
TARGETS = {"hit_review": 250, "fa": 25, "fa_review": 51}
Keep = Callable[[Finding], bool]


@dataclass
class Case:
    rule_id: str
    rule_name: str
    expected: str  # failed | passed | inapplicable
    path: str
    criteria: frozenset[str]
    loaded: bool = False
    findings: list[Finding] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.expected == "failed"

    def hits(self, keep: Keep, review: bool) -> list[Finding]:
        """Findings that flag this case: on its rule's criteria, errors (and those that
        need review, and advice). For a rule that tests only AAA criteria, which no
        error can flag, advice that fails one of them counts as an error would."""
        return [
            f
            for f in self.findings
            if keep(f) and (review or self.certain(f)) and self.criteria & set(f.wcag)
        ]

    def certain(self, f: Finding) -> bool:
        if f.level == "error":
            return True
        return f.outcome == "fail" and not legal_criteria(self.criteria)


def load_cases(corpus: Path) -> list[Case]:
    data = json.loads((corpus / "testcases.json").read_text(encoding="utf-8"))
    return [
        Case(
            rule_id=tc["ruleId"],
            rule_name=tc["ruleName"],
            expected=tc["expected"],
            path=tc["relativePath"],
            criteria=criteria_of(tc.get("ruleAccessibilityRequirements") or {}),
        )
        for tc in data["testcases"]
    ]


def criteria_of(requirements: dict) -> frozenset[str]:
    """{'wcag20:1.1.1': ..., 'wcag-technique:G94': ...} -> {'1.1.1'}"""
    out = set()
    for key in requirements:
        scheme, _, number = key.partition(":")
        if scheme.startswith("wcag2") and number.count(".") == 2:
            out.add(number)
    return frozenset(out)


# --- serving ------------------------------------------------------------------------------


class _CorpusHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **XML_AS_XHTML}

    def guess_type(self, path: str) -> str:
        kind = super().guess_type(path)
        return f"{kind}; charset=utf-8" if kind.startswith(("text/", "application/xhtml")) else kind

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_corpus__")
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the browser drops media downloads half way: not our concern


@contextmanager
def serve(corpus: Path) -> Iterator[str]:
    """The corpus on a free 127.0.0.1 port; yields the base URL of the cases' folder."""
    handler = functools.partial(_CorpusHandler, directory=str(corpus))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def audit(cases: list[Case], base: str, settings: Settings) -> None:
    result = asyncio.run(audit_urls([base + c.path for c in cases], settings))
    for case, page in zip(cases, result.pages, strict=True):
        case.loaded = page.snapshot.audited
        # axe-core alone is its raw results: before the probes settle some of its
        # "needs review" results and before deduplication against our checks.
        raw = findings_from_results(page.snapshot.axe or {}, settings.snippet_chars)
        case.findings = page.findings + [replace(f, source=AXE_ALONE) for f in raw]


# --- scoring ------------------------------------------------------------------------------


AXE_ALONE = "axe-core alone"


def is_axe(f: Finding) -> bool:
    return f.source == AXE_ALONE


def everything(f: Finding) -> bool:
    return f.source != AXE_ALONE


@dataclass
class Score:
    failed: int = 0
    hit: int = 0
    hit_review: int = 0
    clean: int = 0
    fa: int = 0
    fa_review: int = 0

    def add(self, case: Case, keep: Keep) -> None:
        if not case.loaded:
            return
        error, any_level = bool(case.hits(keep, False)), bool(case.hits(keep, True))
        if case.failed:
            self.failed += 1
            self.hit += error
            self.hit_review += any_level
        else:
            self.clean += 1
            self.fa += error
            self.fa_review += any_level


def score(cases: list[Case], keep: Keep) -> Score:
    total = Score()
    for case in cases:
        total.add(case, keep)
    return total


def by_rule(cases: list[Case]) -> dict[str, list[Case]]:
    out: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        out[case.rule_id].append(case)
    return dict(sorted(out.items(), key=lambda kv: (-sum(c.failed for c in kv[1]), kv[0])))


def false_alarm_sources(cases: list[Case]) -> Counter[tuple[str, str]]:
    """(check id, outcome) -> passed or inapplicable cases it wrongly flags."""
    counts: Counter[tuple[str, str]] = Counter()
    for case in cases:
        if case.loaded and not case.failed:
            counts.update({(f.check_id, f.outcome) for f in case.hits(everything, True)})
    return counts


# --- report -------------------------------------------------------------------------------


def summary_rows(cases: list[Case]) -> list[tuple[str, Score]]:
    return [("Full suite", score(cases, everything)), ("axe-core alone", score(cases, is_axe))]


def markdown(cases: list[Case], elapsed: float, settings: Settings) -> str:
    lines = [
        "# Accuracy on the W3C ACT rules test cases",
        "",
        "Generated by `python benchmarks/act_rules.py`; do not edit by hand. A case is",
        "flagged when a finding names one of the WCAG success criteria of the case's ACT rule.",
        "Flagging a *failed* case is right; flagging a *passed* or *inapplicable* case is a",
        "false alarm. 'Error' counts errors only (and, for rules that test only AAA",
        "criteria, advice that fails one); 'with review' also counts needs-review findings",
        "and all advice.",
        "Enhanced contrast (off by default) is switched on here. axe-core alone is",
        "axe-core's raw results from the same run, same pages, before the probes settle any",
        "of its needs-review results; it includes the rules council-audit switches on",
        "(target-size, color-contrast-enhanced), which is why it differs from the corpus",
        "README's reference figures.",
        "",
        f"Cases: {len(cases)}, loaded: {sum(c.loaded for c in cases)}. "
        f"Run time: {elapsed:.0f} s with render_pages={settings.render_pages}.",
        "",
        "## Summary",
        "",
        "| | failed flagged (error) | failed flagged (with review) "
        "| false alarms (error) | false alarms (with review) |",
        "|---|---|---|---|---|",
    ]
    for label, s in summary_rows(cases):
        lines.append(
            f"| {label} | {s.hit} / {s.failed} | {s.hit_review} / {s.failed} "
            f"| {s.fa} / {s.clean} | {s.fa_review} / {s.clean} |"
        )
    r = AXE_REFERENCE
    lines += [
        f"| axe-core 4.12.1 reference (corpus README) | {r['hit']} / {r['failed']} "
        f"| {r['hit_review']} / {r['failed']} | {r['fa']} / {r['clean']} "
        f"| {r['fa_review']} / {r['clean']} |",
        "",
        "## Targets",
        "",
        *target_lines(score(cases, everything)),
        "",
        "## False alarms by check",
        "",
        *false_alarm_lines(cases),
        "",
        "## By ACT rule",
        "",
        "Failed cases flagged / failed cases loaded (error, with review); false alarms on",
        "passed and inapplicable cases (error / with review). Rules that name no WCAG",
        "success criterion cannot be flagged.",
        "",
        "| ACT rule | criteria | full: flagged | full: false alarms "
        "| axe: flagged | axe: false alarms |",
        "|---|---|---|---|---|---|",
    ]
    lines += [rule_row(rule_cases) for rule_cases in by_rule(cases).values()]
    return "\n".join(lines) + "\n"


def target_lines(s: Score) -> list[str]:
    def mark(ok: bool) -> str:
        return "met" if ok else "**not met**"

    t = TARGETS
    return [
        f"- Failed cases flagged (with review) at least {t['hit_review']}: "
        f"{s.hit_review} ({mark(s.hit_review >= t['hit_review'])}).",
        f"- False alarms at error level at most {t['fa']}: {s.fa} ({mark(s.fa <= t['fa'])}).",
        f"- False alarms with review at most {t['fa_review']} (axe-core's figure): "
        f"{s.fa_review} ({mark(s.fa_review <= t['fa_review'])}).",
    ]


def false_alarm_lines(cases: list[Case]) -> list[str]:
    counts = false_alarm_sources(cases)
    if not counts:
        return ["None."]
    checks = sorted(
        {c for c, _ in counts}, key=lambda c: -counts[(c, "fail")] - counts[(c, "review")]
    )
    lines = [
        "| check | cases flagged at error | cases flagged for review | examples (rule/case) |",
        "|---|---|---|---|",
    ]
    for check in checks:
        lines.append(
            f"| {check} | {counts[(check, 'fail')]} | {counts[(check, 'review')]} "
            f"| {', '.join(false_alarm_examples(cases, check))} |"
        )
    return lines


def false_alarm_examples(cases: list[Case], check: str, most: int = 4) -> list[str]:
    found = [
        f"{c.rule_id}/{Path(c.path).stem[:8]}"
        for c in cases
        if c.loaded and not c.failed and any(f.check_id == check for f in c.hits(everything, True))
    ]
    return found[:most] + ([f"+{len(found) - most} more"] if len(found) > most else [])


def rule_row(cases: list[Case]) -> str:
    first = cases[0]
    crit = ", ".join(sorted(frozenset().union(*(c.criteria for c in cases)))) or "none"
    cells = [f"{first.rule_id} {first.rule_name.replace('|', '/')}", crit]
    for keep in (everything, is_axe):
        s = score(cases, keep)
        cells.append(f"{s.hit}, {s.hit_review} / {s.failed}")
        cells.append(f"{s.fa} / {s.fa_review} of {s.clean}")
    return "| " + " | ".join(cells) + " |"


def details(cases: list[Case]) -> list[dict]:
    """Per case: what flagged it (for finding gaps and false-alarm sources)."""
    return [
        {
            "rule": c.rule_id,
            "expected": c.expected,
            "path": c.path,
            "loaded": c.loaded,
            "criteria": sorted(c.criteria),
            "hits": sorted(
                {(f.check_id, f.source, f.level, f.outcome) for f in c.hits(everything, True)}
            ),
            "checks": sorted({(f.check_id, f.level, ",".join(f.wcag)) for f in c.findings}),
        }
        for c in cases
    ]


# --- command line -------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "accuracy.md")
    parser.add_argument("--limit", type=int, default=0, help="only the first N cases")
    parser.add_argument("--rules", default="", help="only these ACT rule ids (comma-separated)")
    parser.add_argument("--render-pages", type=int, default=4)
    parser.add_argument("--details", type=Path, help="also write per-case results as JSON")
    args = parser.parse_args(argv)
    cases = load_cases(args.corpus)
    if args.rules:
        cases = [c for c in cases if c.rule_id in args.rules.split(",")]
    if args.limit:
        cases = cases[: args.limit]
    settings = Settings.from_mapping(
        {
            "render_pages": args.render_pages,
            "page_timeout": 20,
            "log_level": "WARNING",
            "enhanced_contrast": True,
        },
        env=False,
    )
    started = time.perf_counter()
    with serve(args.corpus) as base:
        audit(cases, base, settings)
    elapsed = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(markdown(cases, elapsed, settings), encoding="utf-8")
    if args.details:
        args.details.write_text(json.dumps(details(cases), indent=1), encoding="utf-8")
    print_summary(cases, elapsed)
    return 0


def print_summary(cases: list[Case], elapsed: float) -> None:
    print(f"{len(cases)} cases, {sum(c.loaded for c in cases)} loaded, {elapsed:.0f} s")
    for label, s in summary_rows(cases):
        print(
            f"{label:15} failed flagged {s.hit}/{s.failed} error, {s.hit_review}/{s.failed} "
            f"with review; false alarms {s.fa}/{s.clean} error, {s.fa_review}/{s.clean} "
            "with review"
        )


if __name__ == "__main__":
    raise SystemExit(main())
