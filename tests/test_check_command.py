"""`council-audit check`: the JSON contract and exit codes, in real Chromium over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CONTRACT_FINDING_KEYS = {
    "check_id", "source", "level", "impact", "wcag", "selector", "snippet", "message", "help_url",
}  # fmt: skip


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "council_audit", "check", *args],
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def report(static_server: str) -> tuple[int, dict]:
    urls = [
        f"{static_server}/pages/good.html",
        f"{static_server}/pages/bad.html",
        f"{static_server}/pages/missing.html",
        f"{static_server}/pages/doc.pdf",
    ]
    done = run_check("--format", "json", *urls)
    return done.returncode, json.loads(done.stdout)


def test_json_is_the_contract(report: tuple[int, dict], static_server: str) -> None:
    _, data = report
    assert set(data) == {"tool", "pages"}
    assert data["tool"]["name"] == "council-audit"
    assert data["tool"]["axe_core"] == "4.12.1"
    assert [p["url"] for p in data["pages"]] == [
        f"{static_server}/pages/{name}"
        for name in ("good.html", "bad.html", "missing.html", "doc.pdf")
    ]
    for page in data["pages"]:
        assert set(page) >= {"url", "final_url", "status", "error", "findings"}
        for finding in page["findings"]:
            assert set(finding) == CONTRACT_FINDING_KEYS
            assert finding["level"] in ("error", "warning")
            assert finding["source"] in ("axe", "builtin")
            assert isinstance(finding["wcag"], list)
            assert len(finding["snippet"]) <= 500


def test_findings_on_bad_page_and_none_on_good(report: tuple[int, dict]) -> None:
    _, data = report
    good, bad, missing, pdf = data["pages"]
    assert good["status"] == 200 and good["error"] is None
    assert [f for f in good["findings"] if f["level"] == "error"] == []
    found = {f["check_id"] for f in bad["findings"] if f["level"] == "error"}
    assert {
        "image-alt",
        "label",
        "button-name",
        "html-has-lang",
        "page-title",
        "document-language",
    } <= found
    contrast = [f for f in bad["findings"] if f["check_id"] == "color-contrast"]
    assert contrast and contrast[0]["wcag"] == ["1.4.3"]
    alt = next(f for f in bad["findings"] if f["check_id"] == "image-alt")
    assert alt["selector"] == "img" and alt["snippet"].startswith("<img")
    assert missing["status"] == 404 and "404" in missing["error"]
    assert pdf["error"] and pdf["findings"] == []


def test_exit_status_says_what_happened(report: tuple[int, dict], static_server: str) -> None:
    code, _ = report
    assert code == 2  # errors found, default --fail-on error
    good = f"{static_server}/pages/good.html"
    assert run_check(good).returncode == 0
    assert run_check("--fail-on", "warning", f"{static_server}/pages/bad.html").returncode == 2
    broken = run_check("--set", "chromium_path=/nonexistent/chrome", good)
    assert broken.returncode == 1 and "chromium_path" in broken.stderr


def test_text_format_lists_findings(static_server: str) -> None:
    done = run_check(f"{static_server}/pages/bad.html")
    assert "image-alt" in done.stdout and "ERROR" in done.stdout
