"""Decompression bombs (issue #17): every document is read in a child process with
bounded memory and time, a PDF's content is inflated with a bounded decoder before it is
parsed, and a gzip-bomb sitemap or page body is cut at max_response_bytes. In a real
crawl on 127.0.0.1 a 1 GiB PDF bomb and a gzip-bomb sitemap are recorded with a clear
error, and the other pages of the crawl are audited as usual."""

from __future__ import annotations

import gzip
import io
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from crawl_sites import PDF, Site, council_row, gzip_bomb, links, ok, page, pdf_bomb, text_pdf

from council_audit import api
from council_audit.crawler.spiders.council import CouncilSpider
from council_audit.documents import sandbox
from council_audit.documents.evaluate import check_document
from council_audit.results import ResultsDB
from council_audit.settings import Settings

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def settings(**values: object) -> Settings:
    return Settings.from_mapping(values, env=False)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return pdf_bomb(1 << 30)


def _pdf_with_content(content: bytes, filters: list[str]) -> bytes:
    """A one-page PDF whose content stream is ``content`` encoded with ``filters``."""
    data = content
    for _ in filters:
        data = zlib.compress(data, 1)
    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = pikepdf.Stream(pdf, data)
    stream.Filter = pikepdf.Array([pikepdf.Name(f) for f in filters])
    pdf.pages[0].obj.Contents = stream
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return out.getvalue()


def test_a_pdf_bomb_is_refused_before_it_is_parsed(bomb: bytes) -> None:
    assert len(bomb) < Settings().document_max_bytes  # it would be downloaded
    started = time.monotonic()
    facts = sandbox.inspect("pdf", bomb, Settings())
    assert time.monotonic() - started < 20  # the old reader took minutes; see benchmarks
    assert "inflates to more than 50 MB" in facts["error"]
    row, findings, _ = check_document("http://x.test/bomb.pdf", PDF, bomb, Settings())
    assert row["checked"] == 0 and "decompression bomb" in row["error"]
    assert findings == []


def test_all_content_streams_count_toward_the_document_limit() -> None:
    content = b"0 0 Td\n" * 40_000  # 280 kB a page
    pdf = pikepdf.open(io.BytesIO(_pdf_with_content(content, ["/FlateDecode"])))
    for _ in range(4):
        pdf.pages.append(pdf.pages[0])
    out = io.BytesIO()
    pdf.save(out)
    facts = sandbox.inspect(
        "pdf", out.getvalue(),
        settings(document_stream_max_inflated=500_000, document_max_inflated=1_000_000),
    )  # fmt: skip
    assert "inflates to more than 1 MB by page 4" in facts["error"]


def test_a_filter_that_cannot_be_counted_is_bounded_by_the_memory_limit() -> None:
    # two Flate filters: decoded whole by qpdf, so the child's address space limit stops it
    body = _pdf_with_content(b" " * 400_000_000, ["/FlateDecode", "/FlateDecode"])
    facts = sandbox.inspect(
        "pdf", body,
        settings(document_memory_limit=256, document_stream_max_inflated=10**10,
                 document_max_inflated=10**10),
    )  # fmt: skip
    assert facts["error"] == "reading the document needed more than 256 MiB of memory: stopped"


def test_a_slow_document_is_killed_at_the_time_limit() -> None:
    body = _pdf_with_content(b"0 0 Td (x) Tj\n" * 3_000_000, ["/FlateDecode"])  # 42 MB
    started = time.monotonic()
    facts = sandbox.inspect("pdf", body, settings(document_time_limit=1))
    assert time.monotonic() - started < 5
    assert facts["error"] == "reading the document took more than 1 s: stopped"


def test_an_office_zip_bomb_reads_only_the_start_of_its_metadata() -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("docProps/core.xml", "w") as part,
    ):
        part.write(b"<cp:coreProperties>")
        for _ in range(1024):
            part.write(b" " * (1 << 20))  # 1 GiB inflated
    assert len(out.getvalue()) < 2_000_000
    facts = sandbox.inspect("docx", out.getvalue(), settings(document_memory_limit=256))
    assert facts == {}  # the part is cut at 1 MB, not valid XML: no metadata, no crash


def test_a_good_document_reads_as_before() -> None:
    body = text_pdf(["Bin collection days", "Monday"], title="Bins")
    facts = sandbox.inspect("pdf", body, Settings())
    assert facts["title"] == "Bins" and "Bin collection days" in facts["text"]
    assert "error" not in facts


# --- in a real crawl ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory, bomb: bytes) -> Iterator[dict]:
    hostile, calm = Site(), Site()
    pages = [f"/service-{n}/" for n in range(4)]
    for site in (hostile, calm):
        body = links(*((p, f"Service {p[-2]}") for p in pages))
        if site is hostile:
            body += links(("/bomb.pdf", "Annual report (PDF)"), ("/leaflet.pdf", "Leaflet (PDF)"))
        site.routes["/"] = ok(page("Home", body))
        for p in pages:
            site.routes[p] = ok(page(f"Service {p[-2]}", "<p>How to apply.</p>"))
    hostile.routes["/robots.txt"] = ok(
        f"User-agent: *\nSitemap: {hostile.url('/sitemap.xml.gz')}\n".encode(), "text/plain"
    )
    hostile.routes["/sitemap.xml.gz"] = ok(gzip_bomb(1 << 30), "application/x-gzip")
    hostile.routes["/bomb.pdf"] = ok(bomb, PDF)
    hostile.routes["/leaflet.pdf"] = ok(text_pdf(["Leaflet"], title="Leaflet"), PDF)
    db_path: Path = tmp_path_factory.mktemp("bombs") / "bombs.db"
    config = settings(allow_loopback=True, page_budget=8, render_pages=2, page_timeout=20,
                      log_level="WARNING")  # fmt: skip
    started = time.monotonic()
    summary = api.crawl([council_row("BMB", hostile), council_row("CLM", calm)], db_path, config)
    seconds = time.monotonic() - started
    db = ResultsDB(db_path)
    yield {"summary": summary, "db": db, "seconds": seconds}
    db.close()
    hostile.stop()
    calm.stop()


def test_the_bomb_is_recorded_and_the_crawl_goes_on(crawl: dict) -> None:
    assert crawl["summary"].status == "complete"
    docs = {r["url"].rsplit("/", 1)[1]: r for r in crawl["db"].db["documents"].rows}
    assert "decompression bomb" in docs["bomb.pdf"]["error"] and docs["bomb.pdf"]["checked"] == 0
    assert docs["leaflet.pdf"]["checked"] == 1 and docs["leaflet.pdf"]["error"] is None
    failed = list(crawl["db"].db.execute("select url, error from pages where error is not null"))
    assert failed == []  # no other page timed out while the bomb was read
    audited = dict(crawl["db"].db.execute(
        "select council_code, count(*) from pages where audited = 1 group by 1"))  # fmt: skip
    assert audited == {"BMB": 5, "CLM": 5}


def test_a_gzip_bomb_sitemap_is_cut_without_an_exception(caplog) -> None:  # type: ignore[no-untyped-def]
    """Before, gunzip's size error escaped the callback: two 'Spider error' tracebacks and
    a council left waiting for the sitemap. Now the sitemap is skipped with one line."""
    from scrapy.http import Response

    home = "http://bmb.test/"
    spider = CouncilSpider(
        [{"code": "BMB", "homepage_url": home}], settings(max_response_bytes=1_000_000)
    )
    state = spider.councils["BMB"]
    response = Response(home + "sitemap.xml.gz", body=gzip_bomb(64 << 20))
    with caplog.at_level("WARNING"):
        assert list(spider.read_sitemap(state, response)) == []
    assert "inflates to more than 1,000,000 bytes (max_response_bytes): not read" in caplog.text
    broken = Response(home + "sitemap.xml.gz", body=b"\x1f\x8b" + b"garbage")
    assert list(spider.read_sitemap(state, broken)) == []


def test_a_gzip_bomb_body_in_content_encoding_is_cut(tmp_path: Path) -> None:
    site = Site()
    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=9) as packer:
        packer.write(b"<!doctype html><title>x</title>")
        for _ in range(256):
            packer.write(b" " * (1 << 20))  # 256 MiB inflated
    site.routes["/"] = ok(page("Home", links(("/bomb/", "A bomb"))))
    site.routes["/bomb/"] = (200, "text/html", packed.getvalue(), {"Content-Encoding": "gzip"})
    config = settings(allow_loopback=True, page_budget=3, render_pages=1, log_level="WARNING",
                      max_response_bytes=5_000_000)  # fmt: skip
    summary = api.crawl([council_row("GZB", site)], tmp_path / "g.db", config)
    site.stop()
    assert summary.status == "complete"
    db = ResultsDB(tmp_path / "g.db")
    row = next(db.db["pages"].rows_where("url like ?", ["%/bomb/"]))
    assert row["audited"] == 0 and "inflates to more than 5,000,000 bytes" in row["error"], row
    db.close()


def test_a_huge_robots_txt_is_read_up_to_its_first_500_kib(tmp_path: Path) -> None:
    """A 30 MB robots.txt was cancelled at max_response_bytes (20 MB), and the sitemaps
    it named were never read; now its first 500 KiB are read, as Google reads it."""
    site = Site()
    robots = (
        f"User-agent: *\nDisallow: /private/\nSitemap: {site.url('/maps/named-in-robots.xml')}\n"
    )
    site.routes["/robots.txt"] = ok(robots.encode() + b"# padding\n" * 3_000_000, "text/plain")
    site.routes["/maps/named-in-robots.xml"] = ok(
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + f"<url><loc>{site.url('/only-in-the-sitemap/')}</loc></url></urlset>".encode(),
        "application/xml",
    )
    site.routes["/"] = ok(page("Home", "<p>Welcome.</p>"))
    site.routes["/only-in-the-sitemap/"] = ok(page("Found", "<p>Found by the sitemap.</p>"))
    config = settings(allow_loopback=True, page_budget=3, render_pages=1, log_level="WARNING")
    summary = api.crawl([council_row("RBT", site)], tmp_path / "r.db", config)
    site.stop()
    assert summary.status == "complete"
    db = ResultsDB(tmp_path / "r.db")
    urls = {r["url"] for r in db.db["pages"].rows}
    db.close()
    assert site.url("/only-in-the-sitemap/") in urls
