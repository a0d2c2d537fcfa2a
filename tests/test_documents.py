"""Documents without a crawl: PDFs made in code with pikepdf (tagged, untagged, scanned,
encrypted, password-protected, with form fields, old) and an office file, read and
checked. The crawl test (test_crawl_statements.py) fetches the same files for real."""

from __future__ import annotations

import io

import pikepdf
import pytest
from crawl_sites import docx, encrypted_pdf, scanned_pdf, text_pdf

from council_audit.checks.subjects import document_registry
from council_audit.demo.pdf import guide_pdf
from council_audit.documents.evaluate import check_document, kind_of
from council_audit.documents.pdf import inspect_pdf, pdf_date
from council_audit.settings import Settings


def checked(body: bytes, url: str = "https://x.gov.uk/a.pdf", ctype: str = "application/pdf"):  # type: ignore[no-untyped-def]
    row, findings, text = check_document(url, ctype, body, Settings())
    return row, {f.check_id: f for f in findings}, text


def test_a_good_pdf_passes_every_check() -> None:
    row, found, text = checked(text_pdf(["Hello", "World"], tagged=True, show_title=True))
    assert found == {}
    assert (row["tagged"], row["lang"], row["display_doc_title"], row["text_pages"]) == (
        1,
        "en-GB",
        1,
        1,
    )
    assert row["checked"] == 1 and row["created_at"] == "2024-05-01T09:00:00"
    assert text == "Hello\nWorld"


def test_untagged_pdf_without_language_or_shown_title() -> None:
    row, found, _ = checked(text_pdf(["Hello"], lang=None))
    assert found["pdf-tagged"].level == "error" and found["pdf-language"].level == "error"
    assert found["pdf-title"].level == "warning"  # a title, but the file name is shown
    _, found, _ = checked(text_pdf(["Hello"], title=None))
    assert found["pdf-title"].level == "error"


def test_scanned_pdf_has_no_text_layer() -> None:
    row, found, text = checked(scanned_pdf())
    assert (row["text_pages"], row["image_only_pages"], text) == (0, 1, "")
    assert found["pdf-text-layer"].level == "error"


def test_encryption_that_blocks_assistive_technology() -> None:
    row, found, _ = checked(encrypted_pdf())
    assert row["encrypted"] == 1 and row["accessibility_allowed"] == 0
    assert found["pdf-encryption"].level == "error"
    assert "pdf-tagged" not in found  # otherwise a good document


def test_password_to_open() -> None:
    source = pikepdf.open(io.BytesIO(text_pdf(["Secret"])))
    out = io.BytesIO()
    source.save(out, encryption=pikepdf.Encryption(owner="o", user="u", R=4))
    row, found, _ = checked(out.getvalue())
    assert row["checked"] == 0 and "password" in row["error"]
    assert found["pdf-encryption"].level == "error"


@pytest.mark.parametrize(("named", "expected"), [(False, "warning"), (True, None)])
def test_form_fields(named: bool, expected: str | None) -> None:
    row, found, _ = checked(
        text_pdf(["Form"], tagged=True, show_title=True, fields=3, named_fields=named)
    )
    assert row["form_fields"] == 3 and row["unnamed_form_fields"] == (0 if named else 3)
    assert (found["pdf-form-fields"].level if "pdf-form-fields" in found else None) == expected


def test_old_documents_may_be_exempt_but_are_shown() -> None:
    import datetime as dt

    row, found, _ = checked(text_pdf(["Old"], created=dt.date(2018, 9, 22)))
    assert row["may_be_exempt"] == 1 and found
    assert all("may be exempt" in f.message and f.extras["may_be_exempt"] for f in found.values())
    row, _, _ = checked(text_pdf(["New"], created=dt.date(2018, 9, 23)))
    assert row["may_be_exempt"] == 0


def test_office_files_and_broken_files() -> None:
    row, found, _ = checked(
        docx("Bin calendar"), "https://x.gov.uk/cal.docx", "application/octet-stream"
    )
    assert (row["kind"], row["title"], row["lang"], row["checked"]) == (
        "docx",
        "Bin calendar",
        "en-GB",
        1,
    )
    assert row["created_at"] == "2019-04-01T10:00:00Z" and found == {}
    row, _, _ = checked(b"PK\x03\x04 not really", "https://x.gov.uk/a.doc", "application/msword")
    assert row["checked"] == 0
    row, found, _ = checked(b"%PDF-1.4 garbage")
    assert row["checked"] == 0 and "not a readable PDF" in row["error"] and found == {}


def test_the_demo_guides() -> None:
    good = inspect_pdf(guide_pdf("Demo", "good"))
    assert good["tagged"] and good["lang"] == "en-GB" and good["display_doc_title"]
    assert not inspect_pdf(guide_pdf("Demo", "typical"))["tagged"]
    assert inspect_pdf(guide_pdf("Demo", "poor"))["image_only_pages"] == 1


def test_helpers_and_catalogue() -> None:
    assert pdf_date("D:20170301") == "2017-03-01" and pdf_date("D:2017") == "2017-01-01"
    assert pdf_date("garbage") is None
    assert (
        kind_of("https://x/a.PDF?v=1", "") == "pdf"
        and kind_of("https://x/get?id=1", "application/pdf") == "pdf"
    )
    ids = {c.meta.id for c in document_registry()}
    assert ids == {
        "pdf-tagged",
        "pdf-language",
        "pdf-title",
        "pdf-text-layer",
        "pdf-encryption",
        "pdf-form-fields",
    }
