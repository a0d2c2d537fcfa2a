"""Accessibility statements and documents in a real crawl: five councils whose statement
is good (found by Welsh link text), out of date (a Northern Ireland council naming the
wrong enforcement body), an unedited template on a site with errors, PDF-only, and
missing; and documents made with pikepdf, fetched plainly up to the limit and size cap."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from crawl_sites import Site, council_row, redirect, self_signed, statement_site, use_tls

from council_audit import api
from council_audit.results import ResultsDB
from council_audit.settings import Settings

KINDS = {"CYM": ("good", "Wales"), "OLD": ("outdated", "Northern Ireland"),
         "TPL": ("template", "England"), "PDO": ("pdf", "Scotland"), "MIS": ("missing", "England")}  # fmt: skip


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    sites = {code: Site() for code in KINDS}
    for code, (kind, _) in KINDS.items():
        statement_site(sites[code], kind)
    councils = [council_row(code, sites[code], nation) for code, (_, nation) in KINDS.items()]
    folder = tmp_path_factory.mktemp("statements")
    plain, secure = Site(), Site()  # a council whose http address moves to https
    use_tls(secure, *self_signed(folder))
    statement_site(secure, "missing")
    plain.routes["/"] = redirect(secure.url("/"), 301)
    sites.update(TLS=secure, TLS_HTTP=plain)
    councils.append(council_row("TLS", plain, extra_hosts=[secure.host]))
    settings = Settings.from_mapping(
        {"allow_loopback": True, "page_budget": 4, "document_limit": 9,
         "document_max_bytes": 20_000, "render_pages": 2, "log_level": "WARNING",
         "ignore_https_errors": True},
        env=False,
    )  # fmt: skip
    db_path: Path = folder / "s.db"
    summary = api.crawl(councils, db_path, settings)
    db = ResultsDB(db_path)
    yield {"summary": summary, "db": db, "sites": sites}
    db.close()
    for site in sites.values():
        site.stop()


def statement(crawl: dict, code: str) -> dict:
    return crawl["db"].db["statements"].get((crawl["summary"].run_id, code))


def judged(row: dict) -> str:
    """What a stored finding says, failed or to review, whatever its level: statement
    checks name no WCAG criterion, so their findings are advice."""
    if row["level"] != "advice":
        return "fail" if row["level"] == "error" else "review"
    return json.loads(row["extras"] or "{}")["outcome"]


def statement_findings(crawl: dict, code: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in crawl["db"].db.query(
        "select f.*, p.url as on_page from findings f join pages p on p.id = f.page_id"
        " where f.run_id = ? and f.council_code = ? and f.check_id like 'statement-%'",
        [crawl["summary"].run_id, code],
    ):
        out.setdefault(row["check_id"], []).append(row)
    return out


def documents(crawl: dict) -> dict[str, dict]:
    rows = crawl["db"].db["documents"].rows_where("run_id = ?", [crawl["summary"].run_id])
    return {urlsplit(r["url"]).path: r for r in rows}


def document_findings(crawl: dict, path: str) -> dict[str, dict]:
    url = crawl["sites"]["CYM"].url(path)
    rows = (
        crawl["db"]
        .db["findings"]
        .rows_where("run_id = ? and page_url = ?", [crawl["summary"].run_id, url])
    )
    return {r["check_id"]: r for r in rows}


def test_one_statement_row_per_council(crawl: dict) -> None:
    assert crawl["summary"].status == "complete"
    rows = list(crawl["db"].db["statements"].rows_where("run_id = ?", [crawl["summary"].run_id]))
    assert sorted(r["council_code"] for r in rows) == sorted([*KINDS, "TLS"])


def test_good_statement_found_by_welsh_link_text(crawl: dict) -> None:
    row = statement(crawl, "CYM")
    assert urlsplit(row["url"]).path == "/datganiad/" and row["found_by"] == "Datganiad hygyrchedd"
    assert (row["found"], row["recognised"], row["format"]) == (1, 1, "html")
    assert row["compliance"] == "partial" and row["wcag_version"] == "2.2"
    assert json.loads(row["wcag_references"]) == ["1.1.1"]
    assert json.loads(row["enforcement"]) == ["EHRC", "EASS"]
    assert row["review_age_days"] == 30 and json.loads(row["fix_dates_past"]) == []
    assert "access@test.example" in row["emails"]
    assert not any(
        judged(f) == "fail" for fs in statement_findings(crawl, "CYM").values() for f in fs
    )


def test_out_of_date_statement(crawl: dict) -> None:
    row = statement(crawl, "OLD")
    assert row["review_age_days"] == 600 and len(json.loads(row["fix_dates_past"])) == 1
    found = statement_findings(crawl, "OLD")
    assert judged(found["statement-up-to-date"][0]) == "fail"
    assert judged(found["statement-fix-dates-past"][0]) == "review"
    enforcement = found["statement-enforcement"][0]  # Northern Ireland: ECNI, not EHRC
    assert judged(enforcement) == "fail" and "ECNI" in enforcement["message"]
    assert urlsplit(enforcement["on_page"]).path == "/accessibility-statement/"


def test_unedited_template_claiming_full_compliance(crawl: dict) -> None:
    row = statement(crawl, "TPL")
    assert row["compliance"] == "full" and row["site_errors"] >= 1
    assert json.loads(row["placeholders"]) == [
        "[website name]",
        "[email address]",
        "[phone number]",
        "[date]",
    ]
    found = statement_findings(crawl, "TPL")
    assert len(found["statement-template-placeholders"]) == 4
    assert judged(found["statement-claims-full-compliance"][0]) == "fail"
    assert judged(found["statement-enforcement"][0]) == "fail"
    assert row["errors"] == sum(judged(f) == "fail" for fs in found.values() for f in fs)
    assert {f["level"] for fs in found.values() for f in fs} == {"advice"}


def test_pdf_only_statement(crawl: dict) -> None:
    row = statement(crawl, "PDO")
    assert row["format"] == "pdf" and row["found"] == 1 and row["compliance"] == "partial"
    found = statement_findings(crawl, "PDO")
    assert judged(found["statement-pdf-only"][0]) == "fail"
    assert "statement-feedback-contact" not in found  # the PDF's text was read
    (doc,) = [d for d in documents(crawl).values() if d["council_code"] == "PDO"]
    assert doc["selected_because"] == "accessibility-statement"


def test_missing_statement(crawl: dict) -> None:
    row = statement(crawl, "MIS")
    assert row["found"] == 0 and row["url"] is None
    (finding,) = statement_findings(crawl, "MIS")["statement-missing"]
    assert judged(finding) == "fail" and urlsplit(finding["on_page"]).path == "/"


def test_documents_are_checked_with_pikepdf(crawl: dict) -> None:
    docs = documents(crawl)
    assert docs["/docs/tagged.pdf"]["tagged"] == 1 and docs["/docs/tagged.pdf"]["errors"] == 0
    assert set(document_findings(crawl, "/docs/tagged.pdf")) == set()
    assert "pdf-tagged" in document_findings(crawl, "/docs/untagged.pdf")
    assert docs["/docs/scanned.pdf"]["image_only_pages"] == 1
    assert document_findings(crawl, "/docs/scanned.pdf")["pdf-text-layer"]["level"] == "error"
    assert docs["/docs/encrypted.pdf"]["accessibility_allowed"] == 0
    assert document_findings(crawl, "/docs/encrypted.pdf")["pdf-encryption"]["level"] == "error"
    assert document_findings(crawl, "/docs/form.pdf")["pdf-form-fields"]["level"] == "warning"


def test_old_documents_are_shown_as_may_be_exempt(crawl: dict) -> None:
    old = documents(crawl)["/docs/old.pdf"]
    assert old["may_be_exempt"] == 1 and old["created_at"].startswith("2015-06-01")
    found = document_findings(crawl, "/docs/old.pdf")
    assert {"pdf-tagged", "pdf-language"} <= set(found)
    assert all("may be exempt" in f["message"] for f in found.values())
    assert all(json.loads(f["extras"])["may_be_exempt"] for f in found.values())


def test_document_limit_size_cap_and_plain_fetching(crawl: dict) -> None:
    docs = {p: d for p, d in documents(crawl).items() if d["council_code"] == "CYM"}
    assert len(docs) == 9 and "/docs/over-the-limit.pdf" not in docs
    assert crawl["sites"]["CYM"].hits["/docs/over-the-limit.pdf"] == 0
    assert docs["/docs/big.pdf"]["checked"] == 0 and docs["/docs/big.pdf"]["error"]
    assert docs["/docs/gone.pdf"]["checked"] == 0 and "404" in docs["/docs/gone.pdf"]["error"]
    assert docs["/docs/leaflet.docx"]["kind"] == "docx"
    assert docs["/docs/leaflet.docx"]["title"] == "Recycling leaflet"
    db, run_id = crawl["db"].db, crawl["summary"].run_id
    rows = db.query(
        "select p.audited, p.axe_ms, p.content_type from pages p join documents d on d.id = p.id"
        " where p.run_id = ?",
        [run_id],
    )
    for row in rows:  # fetched by Scrapy, not rendered in the browser
        assert row["audited"] == 0 and row["axe_ms"] is None


def test_http_to_https_upgrade_is_recorded(crawl: dict) -> None:
    db, run_id = crawl["db"].db, crawl["summary"].run_id
    home = next(
        db["pages"].rows_where("run_id = ? and council_code = 'TLS' and depth = 0", [run_id])
    )
    assert home["url"].startswith("http://") and home["final_url"].startswith("https://")
    assert home["redirect"] == "https-upgrade" and home["audited"] == 1
    assert db["council_crawls"].get((run_id, "TLS"))["https_upgrade"] == 1
    contact = [r for r in db["pages"].rows_where("run_id = ? and council_code = 'TLS'", [run_id])
               if r["url"].endswith("/contact/")]  # fmt: skip
    assert contact and contact[0]["url"].startswith("https://") and contact[0]["audited"] == 1
