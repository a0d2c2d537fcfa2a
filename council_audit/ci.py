"""``council-audit check`` in continuous integration: a config file (URLs, thresholds,
ignore rules), `--fail-on` thresholds by count, and JUnit XML and SARIF 2.1.0 output,
as users of pa11y-ci and Lighthouse CI expect.

A config file is TOML:

    urls = ["https://www.example.gov.uk/", "https://www.example.gov.uk/bins"]
    fail_on = ["error", "warning=20"]   # fail at any error, or more than 20 to review

    [settings]                          # any setting in docs/settings.md
    page_timeout = 45

    [[ignore]]                          # leave these findings out (all keys optional,
    check = "color-contrast"            # but at least one)
    selector = "#cookie-banner"         # the finding's selector contains this
    url = "https://www.example.gov.uk/legacy"   # the page's address starts with this
"""

from __future__ import annotations

import json
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from council_audit.findings import LEVELS

EXIT_OK, EXIT_FAULT, EXIT_FINDINGS, EXIT_NOT_AUDITED = 0, 1, 2, 3
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning"}  # anything else: "note"
TOOL_URI = "https://github.com/council-audit/council-audit"


class ConfigError(ValueError):
    pass


@dataclass
class Threshold:
    """Fail when more than ``allowed`` findings are at ``level`` or worse."""

    level: str
    allowed: int = 0

    @classmethod
    def parse(cls, text: str) -> Threshold:
        level, _, count = text.partition("=")
        level = level.strip().lower()
        if level not in LEVELS:
            raise ConfigError(f"fail-on {text!r}: the level must be one of {', '.join(LEVELS)}")
        try:
            allowed = int(count) if count.strip() else 0
        except ValueError:
            raise ConfigError(f"fail-on {text!r}: after '=' give a whole number") from None
        if allowed < 0:
            raise ConfigError(f"fail-on {text!r}: the number cannot be negative")
        return cls(level, allowed)

    def counted(self, report: dict[str, Any]) -> int:
        worst = LEVELS[: LEVELS.index(self.level) + 1]
        return sum(f["level"] in worst for p in report["pages"] for f in p["findings"])

    def __str__(self) -> str:
        return f"{self.level}={self.allowed}"


@dataclass
class IgnoreRule:
    check: str | None = None
    selector: str | None = None
    url: str | None = None

    def matches(self, page_url: str, finding: dict[str, Any]) -> bool:
        return (
            (self.check is None or finding["check_id"] == self.check)
            and (self.selector is None or self.selector in (finding.get("selector") or ""))
            and (self.url is None or page_url.startswith(self.url))
        )


@dataclass
class CheckConfig:
    urls: list[str] = field(default_factory=list)
    fail_on: list[Threshold] = field(default_factory=list)
    ignore: list[IgnoreRule] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)


def load_config(path: str | Path) -> CheckConfig:
    """Read a ``check`` config file (TOML), or say clearly what is wrong with it."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    unknown = set(data) - {"urls", "fail_on", "ignore", "settings"}
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}")
    urls = data.get("urls", [])
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise ConfigError(f"{path}: urls must be a list of addresses")
    fail_on = data.get("fail_on", [])
    fail_on = [fail_on] if isinstance(fail_on, str) else fail_on
    try:
        thresholds = [Threshold.parse(str(t)) for t in fail_on]
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    rules = []
    for n, rule in enumerate(data.get("ignore", []), start=1):
        extra = set(rule) - {"check", "selector", "url"} if isinstance(rule, dict) else {"?"}
        if extra or not rule:
            raise ConfigError(f"{path}: ignore rule {n} takes check, selector and/or url")
        rules.append(IgnoreRule(**{k: str(v) for k, v in rule.items()}))
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise ConfigError(f"{path}: [settings] must be a table")
    return CheckConfig(urls, thresholds, rules, settings)


def apply_ignores(report: dict[str, Any], rules: list[IgnoreRule]) -> int:
    """Drop the findings the rules ignore, in place; returns how many were dropped."""
    dropped = 0
    for page in report["pages"]:
        kept = [f for f in page["findings"] if not any(r.matches(page["url"], f) for r in rules)]
        dropped += len(page["findings"]) - len(kept)
        page["findings"] = kept
    return dropped


def add_hints(report: dict[str, Any]) -> None:
    """A page given without a scheme ('www.example.gov.uk') is not audited: say what
    was probably meant."""
    for page in report["pages"]:
        if page["error"] and "://" not in page["url"]:
            page["error"] += f" (did you mean https://{page['url'].lstrip('/')} ?)"


def exit_status(report: dict[str, Any], thresholds: list[Threshold]) -> tuple[int, list[str]]:
    """3 when a page could not be audited, else 2 when a threshold is passed, else 0;
    with the reasons in words."""
    reasons = [
        f"{p['url']} could not be audited: {p['error']}" for p in report["pages"] if p["error"]
    ]
    if reasons:
        return EXIT_NOT_AUDITED, reasons
    for t in thresholds:
        count = t.counted(report)
        if count > t.allowed:
            worse = "" if t.level == LEVELS[0] else " or worse"
            reasons.append(f"{count} findings at level {t.level}{worse} (allowed: {t.allowed})")
    return (EXIT_FINDINGS if reasons else EXIT_OK), reasons


def junit(report: dict[str, Any]) -> str:
    """JUnit XML: a test suite per page, a failing test case per finding (an erroring one
    for a page that could not be audited, a passing one for a clean page)."""
    suites = ET.Element("testsuites", name="council-audit")
    for page in report["pages"]:
        suite = ET.SubElement(suites, "testsuite", name=page["url"])
        cases = 0
        if page["error"]:
            case = ET.SubElement(suite, "testcase", classname=page["url"], name="audit the page")
            ET.SubElement(case, "error", message=page["error"])
            cases += 1
        for f in page["findings"]:
            name = f"{f['check_id']} {f['selector'] or ''}".strip()
            case = ET.SubElement(suite, "testcase", classname=page["url"], name=name)
            wcag = ", ".join(f["wcag"]) or "best practice"
            failure = ET.SubElement(
                case, "failure", message=f["message"].splitlines()[0], type=f["level"]
            )
            failure.text = (
                f"{f['level']} ({wcag}): {f['message']}\n{f.get('snippet') or ''}\n"
                f"{f.get('help_url') or ''}"
            ).strip()
            cases += 1
        if not cases:
            ET.SubElement(suite, "testcase", classname=page["url"], name="no findings")
            cases = 1
        failed = len(page["findings"])
        suite.set("tests", str(cases))
        suite.set("failures", str(failed))
        suite.set("errors", "1" if page["error"] else "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def sarif(report: dict[str, Any]) -> str:
    """SARIF 2.1.0: one run, a rule per check found, a result per finding located at the
    page's address and the element's selector; pages not audited are tool notifications."""
    tool = report["tool"]
    rules: dict[str, dict[str, Any]] = {}
    results = []
    for page in report["pages"]:
        for f in page["findings"]:
            rules.setdefault(
                f["check_id"],
                {
                    "id": f["check_id"],
                    "shortDescription": {"text": f["message"].splitlines()[0][:200]},
                    "helpUri": f.get("help_url") or None,
                    "properties": {"tags": [f"wcag{c}" for c in f["wcag"]]},
                },
            )
            location: dict[str, Any] = {
                "physicalLocation": {"artifactLocation": {"uri": page["final_url"] or page["url"]}}
            }
            if f.get("snippet"):
                location["physicalLocation"]["region"] = {"snippet": {"text": f["snippet"]}}
            if f.get("selector"):
                location["logicalLocations"] = [
                    {"fullyQualifiedName": f["selector"], "kind": "element"}
                ]
            results.append(
                {
                    "ruleId": f["check_id"],
                    "level": SARIF_LEVEL.get(f["level"], "note"),
                    "message": {"text": f["message"]},
                    "locations": [location],
                    "properties": {"source": f["source"], "impact": f.get("impact")},
                }
            )
    notes = [
        {"level": "error", "message": {"text": f"{p['url']} could not be audited: {p['error']}"}}
        for p in report["pages"]
        if p["error"]
    ]
    for rule in rules.values():
        if rule["helpUri"] is None:
            del rule["helpUri"]
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": tool["name"],
                        "version": tool["version"],
                        "informationUri": TOOL_URI,
                        "rules": list(rules.values()),
                    }
                },
                "invocations": [
                    {"executionSuccessful": not notes, "toolExecutionNotifications": notes}
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)
