"""The latest run's findings for one council in W3C EARL 1.0 (Evaluation and Report
Language) as JSON-LD: one ``earl:Assertion`` per finding, the format accessibility tools
use to exchange results. The context is inline, so the file needs no network to read.

- ``earl:assertedBy``: council-audit (``earl:Software``), with its version;
- ``earl:subject``: the page (``earl:TestSubject``, its URL as ``dct:source``);
- ``earl:test``: the check (``earl:TestCase``, ``urn:council-audit:check:ID``), part of
  the WCAG 2.2 success criteria it relates to (``dct:isPartOf``);
- ``earl:result``: ``earl:failed`` for a certain failure (an error, or advice that
  failed), ``earl:cantTell`` for what needs review, with the CSS selector as an
  ``earl:pointer``.
"""

from __future__ import annotations

import json
from typing import Any

from council_audit.report.model import FixGroup, Occurrence, Report
from council_audit.report.render import criterion

TOOL_ID = "https://github.com/council-audit/council-audit"
CONTEXT = {
    "@vocab": "http://www.w3.org/ns/earl#",
    "earl": "http://www.w3.org/ns/earl#",
    "dct": "http://purl.org/dc/terms/",
    "doap": "http://usefulinc.com/ns/doap#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "ptr": "http://www.w3.org/2009/pointers#",
    "sch": "https://schema.org/",
    "WCAG22": "https://www.w3.org/TR/WCAG22/#",
    "assertedBy": {"@id": "earl:assertedBy", "@type": "@id"},
    "outcome": {"@id": "earl:outcome", "@type": "@id"},
    "mode": {"@id": "earl:mode", "@type": "@id"},
    "isPartOf": {"@id": "dct:isPartOf", "@type": "@id", "@container": "@set"},
    "source": {"@id": "dct:source", "@type": "@id"},
}
OUTCOMES = {"fail": "earl:failed", "review": "earl:cantTell"}


def earl_document(report: Report) -> dict[str, Any]:
    """The report's findings as an EARL JSON-LD document."""
    tool = assertor(report)
    assertions = [
        assertion(report, group, occurrence)
        for group in report.groups
        for occurrence in group.occurrences
    ]
    return {"@context": CONTEXT, "@graph": [tool, *assertions]}


def render_earl(report: Report) -> str:
    return json.dumps(earl_document(report), indent=2, ensure_ascii=False) + "\n"


def assertor(report: Report) -> dict[str, Any]:
    return {
        "@id": TOOL_ID,
        "@type": ["earl:Assertor", "earl:Software", "doap:Project"],
        "doap:name": "council-audit",
        "doap:release": {"doap:revision": report.tool_version},
        "dct:description": (
            f"council-audit {report.tool_version} with axe-core "
            f"{report.run.get('axe_core_version') or 'unknown'} in Chromium "
            f"{report.run.get('browser_version') or 'unknown'}"
        ),
    }


def assertion(report: Report, group: FixGroup, o: Occurrence) -> dict[str, Any]:
    result: dict[str, Any] = {
        "@type": "earl:TestResult",
        "outcome": OUTCOMES.get(group.outcome, "earl:cantTell"),
        "dct:description": o.message or group.message,
        "earl:pointer": {
            "@type": "ptr:CSSSelectorPointer",
            "ptr:expression": o.selector,
            "ptr:reference": {"@id": o.page.url},
        },
        "earl:info": f"fingerprint {o.fingerprint}",
    }
    if o.fetched_at:
        result["dct:date"] = o.fetched_at
    return {
        "@type": "earl:Assertion",
        "assertedBy": TOOL_ID,
        "mode": "earl:automatic",
        "earl:subject": {
            "@type": ["earl:TestSubject", "sch:WebPage"],
            "source": o.page.url,
            **({"dct:title": o.page.title} if o.page.title else {}),
        },
        "earl:test": test_case(group),
        "earl:result": result,
    }


def test_case(group: FixGroup) -> dict[str, Any]:
    test: dict[str, Any] = {
        "@id": f"urn:council-audit:check:{group.check_id}",
        "@type": "earl:TestCase",
        "dct:identifier": group.check_id,
        "dct:title": group.check_title,
        "isPartOf": [sc_id(sc) for sc in group.wcag],
    }
    if group.help_url:
        test["foaf:page"] = {"@id": group.help_url}
    return test


def sc_id(sc: str) -> str:
    """``WCAG22:non-text-content`` for 1.1.1: the success criterion's anchor in WCAG 2.2."""
    name = criterion(sc)["name"]
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"WCAG22:{slug}"
