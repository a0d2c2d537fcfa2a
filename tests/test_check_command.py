"""`council-audit check`: the JSON contract, exit codes, config file, thresholds by count,
JUnit and SARIF, in real Chromium over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CONTRACT_FINDING_KEYS = {
    "check_id", "source", "level", "outcome", "impact", "wcag", "selector", "snippet", "message", "help_url",
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
            assert finding["level"] in ("error", "warning", "advice")
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
    } <= found
    # One barrier, one finding: document-language also fails <html> for 3.1.1, but only
    # as corroboration of html-has-lang.
    assert "document-language" not in found
    contrast = [f for f in bad["findings"] if f["check_id"] == "color-contrast"]
    assert contrast and contrast[0]["wcag"] == ["1.4.3"]
    alt = next(f for f in bad["findings"] if f["check_id"] == "image-alt")
    assert alt["selector"] == "img" and alt["snippet"].startswith("<img")
    assert missing["status"] == 404 and "404" in missing["error"]
    assert pdf["error"] and pdf["findings"] == []


def test_exit_status_says_what_happened(report: tuple[int, dict], static_server: str) -> None:
    code, _ = report
    assert code == 3  # a 404 and a PDF could not be audited: that fails first
    good = f"{static_server}/pages/good.html"
    assert run_check(good).returncode == 0
    assert run_check("--fail-on", "warning", f"{static_server}/pages/bad.html").returncode == 2
    broken = run_check("--set", "chromium_path=/nonexistent/chrome", good)
    assert broken.returncode == 1 and "chromium_path" in broken.stderr


def test_text_format_lists_findings(static_server: str) -> None:
    done = run_check(f"{static_server}/pages/bad.html")
    assert "image-alt" in done.stdout and "ERROR" in done.stdout


def test_pages_that_cannot_be_audited_fail_the_run(static_server: str) -> None:
    no_scheme = static_server.removeprefix("http://") + "/pages/good.html"
    done = run_check(no_scheme, "http://127.0.0.1:9/", f"{static_server}/pages/good.html")
    assert done.returncode == 3, done.stderr
    assert f"did you mean https://{no_scheme} ?" in done.stderr
    assert "http://127.0.0.1:9/ could not be audited" in done.stderr


def test_fail_on_counts(report: tuple[int, dict], static_server: str) -> None:
    _, data = report
    errors = sum(f["level"] == "error" for f in data["pages"][1]["findings"])
    bad = f"{static_server}/pages/bad.html"
    assert run_check("--fail-on", f"error={errors}", bad).returncode == 0
    over = run_check("--fail-on", f"error={errors - 1}", "--fail-on", "warning=1000", bad)
    assert over.returncode == 2
    assert f"{errors} findings at level error (allowed: {errors - 1})" in over.stderr


def test_config_file_with_ignores_junit_and_sarif(static_server: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import xml.etree.ElementTree as ET

    config = tmp_path / "check.toml"
    config.write_text(
        f'''urls = ["{static_server}/pages/good.html", "{static_server}/pages/bad.html"]
fail_on = "error=1000"
[settings]
render_pages = 1
[[ignore]]
check = "image-alt"
selector = "img"
[[ignore]]
url = "{static_server}/pages/bad.html"
check = "page-title"
'''
    )
    junit = run_check(
        "--config", str(config), "--format", "junit", "--out", str(tmp_path / "j.xml")
    )
    assert junit.returncode == 0, junit.stderr
    assert "findings left out by the config's ignore rules" in junit.stderr
    suites = ET.parse(tmp_path / "j.xml").getroot()
    good, bad = suites.findall("testsuite")
    assert good.get("name").endswith("good.html") and bad.get("failures") != "0"
    names = [case.get("name") for case in bad.iter("testcase")]
    assert names and not any(n.startswith(("image-alt", "page-title")) for n in names)
    assert any(n.startswith("label ") for n in names)
    assert int(bad.get("tests")) == len(names) == int(bad.get("failures"))

    sarif = json.loads(run_check("--config", str(config), "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run["results"]} == rules and "label" in rules
    assert "image-alt" not in rules
    label = next(r for r in run["results"] if r["ruleId"] == "label")
    assert label["level"] == "error"
    assert label["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("bad.html")
    assert run["invocations"][0]["executionSuccessful"] is True


def test_a_bad_config_is_a_clear_fault(tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "check.toml"
    config.write_text('urls = ["https://x.example/"]\nfail_on = "severe=2"\n')
    done = run_check("--config", str(config))
    assert done.returncode == 1 and "the level must be one of" in done.stderr
