"""Reading and checking accessibility statements without a browser: dates in English and
Welsh, compliance wording, placeholders, burden claims, contact details, enforcement by
nation, and each statement check's outcome."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from council_audit.checks.subjects import statement_registry
from council_audit.settings import Settings
from council_audit.statements.evaluate import check_statement
from council_audit.statements.extract import page_text
from council_audit.statements.find import looks_like_statement
from council_audit.statements.parse import dates_in, parse_statement, placeholders

RUN = dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("prepared on 23 September 2020", [dt.date(2020, 9, 23)]),
     ("on 1st March 2025 and 2/4/2024", [dt.date(2025, 3, 1), dt.date(2024, 4, 2)]),
     ("updated 2024-11-05", [dt.date(2024, 11, 5)]), ("by March 2024", [dt.date(2024, 3, 1)]),
     ("Sept 3, 2021", [dt.date(2021, 9, 3)]), ("ar 5 Mehefin 2024", [dt.date(2024, 6, 5)]),
     ("version 2.2 of 31 February 2024", [])],
)  # fmt: skip
def test_dates(text: str, expected: list[dt.date]) -> None:
    assert dates_in(text) == expected


@pytest.mark.parametrize(
    ("sentence", "status"),
    [("This website is fully compliant with WCAG 2.2 AA.", "full"),
     ("This website is partially compliant with the WCAG 2.1 AA standard.", "partial"),
     ("This website is not fully compliant with WCAG.", "partial"),
     ("This website is not compliant with the WCAG 2.1 AA standard.", "not"),
     ("The site partially conforms to WCAG 2.1 level AA.", "partial"),
     ("Mae'r wefan hon yn cydymffurfio'n rhannol â safon WCAG 2.1 AA.", "partial"),
     ("We care about accessibility.", None)],
)  # fmt: skip
def test_compliance_wording(sentence: str, status: str | None) -> None:
    assert parse_statement(sentence).compliance == status


def test_reading_a_statement() -> None:
    info = parse_statement(
        "## Disproportionate burden\nWe believe fixing the map would be a disproportionate burden"
        " within the meaning of the regulations. We have assessed the cost.\n"
        "This fails WCAG 2.2 success criterion 1.1.1 and 2.4.4 (not 9.9.9). We plan to fix it by"
        " December 2024. We will replace the forms before 2023.\n"
        "This statement was prepared on 2 May 2022. It was last reviewed on 3 April 2025.\n"
        "Email web@x.gov.uk or call 01632 960 123. Contact the Equality Commission for Northern"
        " Ireland (ECNI)."
    )
    assert info.disproportionate_burden and info.burden_assessed
    assert info.wcag_references == ["1.1.1", "2.4.4"]
    assert (info.prepared_on, info.reviewed_on) == (dt.date(2022, 5, 2), dt.date(2025, 4, 3))
    assert [d for d, _ in info.fix_dates] == [dt.date(2024, 12, 31), dt.date(2023, 12, 31)]
    assert info.emails == ["web@x.gov.uk"] and info.phones == ["01632 960 123"]
    assert info.enforcement == ["ECNI"]


def test_no_burden_claimed() -> None:
    text = "## Disproportionate burden\nWe are not currently claiming that any problems are a disproportionate burden."
    assert not parse_statement(text).disproportionate_burden


def test_placeholders_not_link_labels() -> None:
    text = "Run by [name of organisation] on [date]. See the leaflet [PDF, 250KB] and note [1]."
    assert placeholders(text) == ["[name of organisation]", "[date]"]
    assert placeholders("This website is [fully/partially/not] compliant") == [
        "[fully/partially/not]"
    ]


def test_finding_and_reading_statement_pages() -> None:
    assert looks_like_statement("Accessibility statement – X Council", "", "")
    assert looks_like_statement("", "Datganiad hygyrchedd", "")
    assert not looks_like_statement(
        "Accessibility", "Help with accessibility", "<p>Use the tools.</p>"
    )
    text, contact = page_text(
        "<html><body><nav><a href='/'>Home</a></nav><main><h2>Feedback</h2><p>Use our"
        " <a href='/contact/'>contact form</a>.</p><ul><li>one</li></ul></main>"
        "<footer>footer text</footer></body></html>"
    )
    assert text == "## Feedback\nUse our contact form.\n- one"
    assert contact == ["contact form"]


def outcomes(
    text: str, nation: str = "England", site_errors: int = 0, **row: object
) -> dict[str, str]:
    stored = {"found": 1, "url": "https://x.gov.uk/accessibility", "text": text, "format": "html",
              "contact_links": "[]", "recognised": 1, **row}  # fmt: skip
    fields, findings = check_statement(stored, nation=nation, run_date=RUN, site_errors=site_errors,
                                       settings=Settings())  # fmt: skip
    # A statement is a duty of the 2018 Regulations, not a WCAG success criterion: its
    # findings never enter the WCAG error rates (level advice) but keep their outcome.
    assert all(f.level == "advice" for f in findings), [(f.check_id, f.level) for f in findings]
    worst: dict[str, str] = {}
    for f in findings:
        if worst.get(f.check_id) != "fail":
            worst[f.check_id] = f.outcome
    return worst


GOOD = (
    "This website is partially compliant with WCAG 2.2 AA. ## Non-accessible content\n"
    "Some images fail WCAG 2.2 success criterion 1.1.1. We plan to fix this by December 2025.\n"
    "Email a@x.gov.uk. The Equality and Human Rights Commission (EHRC) enforces the regulations;"
    " contact the Equality Advisory and Support Service (EASS).\n"
    "This statement was prepared on 1 March 2024. It was last reviewed on 1 March 2025."
)


def test_a_good_statement_has_no_findings() -> None:
    assert outcomes(GOOD) == {}


@pytest.mark.parametrize(
    ("change", "nation", "check", "outcome"),
    [(("1 March 2025", "1 March 2024"), "England", "statement-up-to-date", "fail"),
     (("December 2025", "December 2024"), "England", "statement-fix-dates-past", "review"),
     (("a@x.gov.uk", "us"), "England", "statement-feedback-contact", "fail"),
     (("Human Rights Commission (EHRC) enforces", "regulator enforces"), "Wales",
      "statement-enforcement", "fail"),
     (("x", "x"), "Northern Ireland", "statement-enforcement", "fail"),
     (("partially compliant", "compliant-ish"), "England", "statement-compliance-status", "review"),
     (("1.1.1", "one"), "England", "statement-non-accessible-content", "review"),
     (("Email", "[insert email] Email"), "England", "statement-template-placeholders", "fail")],
)  # fmt: skip
def test_each_problem_is_flagged(
    change: tuple[str, str], nation: str, check: str, outcome: str
) -> None:
    assert outcomes(GOOD.replace(*change), nation).get(check) == outcome


def test_full_compliance_claim_against_site_errors() -> None:
    text = GOOD.replace("partially compliant", "fully compliant")
    assert outcomes(text, site_errors=0) == {}
    assert outcomes(text, site_errors=3)["statement-claims-full-compliance"] == "fail"


def test_pdf_only_and_missing() -> None:
    assert outcomes(GOOD, format="pdf") == {"statement-pdf-only": "fail"}
    fields, findings = check_statement(
        None, nation="Wales", run_date=RUN, site_errors=2, settings=Settings()
    )
    assert [f.check_id for f in findings] == ["statement-missing"] and fields["found"] == 0
    assert json.loads(fields["placeholders"]) == []


def test_every_statement_check_is_catalogued() -> None:
    ids = {c.meta.id for c in statement_registry()}
    assert len(ids) == 11 and all(i.startswith("statement-") for i in ids)
    assert all(c.meta.group == "statement" and c.meta.guidance for c in statement_registry())
