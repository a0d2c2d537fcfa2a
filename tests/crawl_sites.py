"""Small fixture council sites for the crawl tests, served for real on 127.0.0.1 (one
resource per behaviour, like Scrapy's mockserver), and documents made in code with
pikepdf: tagged, untagged, scanned, encrypted, old, with form fields."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import html as htmllib
import io
import threading
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf

Route = tuple[int, str, bytes, dict[str, str]]
HTML = "text/html; charset=utf-8"
PDF = "application/pdf"


# --- pages -------------------------------------------------------------------------------
def page(
    title: str,
    body: str,
    footer: str = "",
    lang: str = "en-GB",
    head: str = "",
) -> bytes:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{htmllib.escape(title)} – Test Council</title>{head}</head><body>"
        f'<header><a href="/">Test Council home</a></header>'
        f"<main><h1>{htmllib.escape(title)}</h1>{body}</main>"
        f"<footer>{footer}</footer></body></html>"
    ).encode()


def links(*pairs: tuple[str, str]) -> str:
    return (
        "<ul>"
        + "".join(f'<li><a href="{h}">{htmllib.escape(t)}</a></li>' for h, t in pairs)
        + "</ul>"
    )


def ok(body: bytes, ctype: str = HTML) -> Route:
    return (200, ctype, body, {})


def redirect(location: str, status: int = 302) -> Route:
    return (status, HTML, b"", {"Location": location})


# --- documents ---------------------------------------------------------------------------
def pdf_date(when: dt.date) -> str:
    return f"D:{when:%Y%m%d}090000Z"


def text_pdf(
    lines: list[str],
    *,
    tagged: bool = False,
    lang: str | None = "en-GB",
    title: str | None = "A test document",
    show_title: bool = False,
    created: dt.date = dt.date(2024, 5, 1),
    fields: int = 0,
    named_fields: bool = False,
) -> bytes:
    """A one-page PDF of text lines (Helvetica), made with pikepdf."""
    pdf = pikepdf.Pdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                           BaseFont=pikepdf.Name.Helvetica, Encoding=pikepdf.Name.WinAnsiEncoding)
    )  # fmt: skip
    ops = ["BT", "/F1 12 Tf", "72 760 Td", "16 TL"]
    for n, line in enumerate(lines):
        shown = "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
        ops.append(f"/P <</MCID {n}>> BDC {shown} EMC" if tagged else shown)
    ops.append("ET")
    content = pdf.make_stream("\n".join(ops).encode("latin-1"))
    page_obj = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=content,
    )
    pdf.pages.append(pikepdf.Page(page_obj))
    _describe(pdf, lang, title, show_title, created)
    if tagged:
        _tag(pdf, len(lines))
    if fields:
        _fields(pdf, fields, named_fields)
    return _save(pdf)


def _describe(
    pdf: pikepdf.Pdf, lang: str | None, title: str | None, show: bool, created: dt.date
) -> None:
    if lang:
        pdf.Root.Lang = pikepdf.String(lang)
    if show:
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    info = pikepdf.Dictionary(
        CreationDate=pikepdf.String(pdf_date(created)), Producer=pikepdf.String("tests")
    )
    if title:
        info.Title = pikepdf.String(title)
    pdf.trailer.Info = pdf.make_indirect(info)


def _tag(pdf: pikepdf.Pdf, count: int) -> None:
    page = pdf.pages[0]
    page.obj.StructParents = 0
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    doc = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=root)
    )
    paras = [
        pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, P=doc, Pg=page.obj, K=n))
        for n in range(count)
    ]  # fmt: skip
    doc.K = pikepdf.Array(paras)
    root.K = doc
    root.ParentTree = pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Array(paras)]))
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)


def _fields(pdf: pikepdf.Pdf, count: int, named: bool) -> None:
    fields = []
    for n in range(count):
        field = pikepdf.Dictionary(FT=pikepdf.Name.Tx, T=pikepdf.String(f"field{n}"),
                                   Rect=[72, 600 - 30 * n, 300, 620 - 30 * n], Subtype=pikepdf.Name.Widget)  # fmt: skip
        if named:
            field.TU = pikepdf.String(f"Your answer {n}")
        fields.append(pdf.make_indirect(field))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(fields))


def scanned_pdf(created: dt.date = dt.date(2024, 5, 1)) -> bytes:
    """A 'scan': the page is one grey image, with no text."""
    pdf = pikepdf.Pdf.new()
    image = pdf.make_stream(bytes(range(64)) * 4, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                            Width=16, Height=16, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)  # fmt: skip
    content = pdf.make_stream(b"q 451 0 0 698 72 72 cm /Im1 Do Q")
    page_obj = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842], Contents=content,
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im1=image)),
    )  # fmt: skip
    pdf.pages.append(pikepdf.Page(page_obj))
    _describe(pdf, None, None, False, created)
    return _save(pdf)


def encrypted_pdf() -> bytes:
    """Tagged and titled, but its encryption forbids extraction for accessibility."""
    source = pikepdf.open(io.BytesIO(text_pdf(["Locked leaflet"], tagged=True, show_title=True)))
    out = io.BytesIO()
    no = pikepdf.Permissions(accessibility=False, extract=False)
    source.save(
        out,
        encryption=pikepdf.Encryption(
            owner="secret", user="", R=3, aes=False, metadata=False, allow=no
        ),
    )
    return out.getvalue()


def _save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def docx(title: str, created: str = "2019-04-01T10:00:00Z") -> bytes:
    core = (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
        f"<dc:title>{title}</dc:title><dc:language>en-GB</dc:language>"
        f"<dcterms:created>{created}</dcterms:created></cp:coreProperties>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("docProps/core.xml", core)
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


# --- serving -----------------------------------------------------------------------------
class Site:
    """One site on its own 127.0.0.1 port: ``routes`` maps a path (with its query) to a
    response, or to a function of the path. Counts every request it answers."""

    def __init__(self, delay: float = 0.0, etags: bool = False, address: str = "127.0.0.1") -> None:
        self.address = address
        self.routes: dict[str, Route | Callable[[str], Route]] = {}
        self.scheme = "http"
        self.hits: Counter[str] = Counter()
        self.delay = delay
        self.etags = etags  # an ETag on every 200, and 304 for a matching If-None-Match
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                site.hits[self.path] += 1
                self.send_response(204)
                self.end_headers()

            def do_GET(self) -> None:  # noqa: N802
                site.hits[self.path] += 1
                if site.delay and not self.path.endswith((".txt", ".xml")):
                    time.sleep(site.delay)
                status, ctype, body, headers = site.resolve(self.path)
                if site.etags and status == 200:
                    headers = {**headers, "ETag": f'"{hashlib.sha1(body).hexdigest()}"'}
                    if self.headers.get("If-None-Match") == headers["ETag"]:
                        status, body = 304, b""
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer((address, 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.address}:{self.server.server_address[1]}"

    @property
    def host(self) -> str:
        return f"{self.address}:{self.server.server_address[1]}"

    def url(self, path: str = "/") -> str:
        return self.base + path

    def resolve(self, path: str) -> Route:
        found = self.routes.get(path)
        if found is None:
            plain = urlsplit(path).path
            for prefix, handler in self.routes.items():
                if prefix.endswith("*") and plain.startswith(prefix[:-1]) and callable(handler):
                    return handler(path)
            return (404, HTML, page("Page not found", "<p>Not here.</p>"), {})
        return found(path) if callable(found) else found

    def page_hits(self) -> Counter[str]:
        """Hits on pages only (not robots.txt or sitemaps)."""
        return Counter({p: n for p, n in self.hits.items() if not p.endswith((".txt", ".xml"))})

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def council_row(code: str, site: Site, nation: str = "England", **extra: object) -> dict:
    return {"code": code, "name": f"{code} Test Council", "nation": nation,
            "type": "Test", "homepage_url": site.url("/"), **extra}  # fmt: skip


# --- the sample site ----------------------------------------------------------------------
ARTICLES = 30
LONG = "/x/" + "a" * 480 + "/"
STATEMENT_TEXT = """
<p>This accessibility statement applies to the Test Council website.</p>
<h2>Compliance status</h2>
<p>This website is partially compliant with the Web Content Accessibility Guidelines
version 2.2 AA standard, due to the non-compliances listed below.</p>
<h2>Non-accessible content</h2>
<p>Some images have no text alternative. This fails WCAG 2.2 success criterion 1.1.1.
We plan to fix this by {fix}.</p>
<h2>Feedback and contact information</h2>
<p>Email access@test.example or call 01632 960 999.</p>
<h2>Enforcement procedure</h2>
<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the
accessibility regulations. If you are not happy with how we respond to your complaint,
contact the Equality Advisory and Support Service (EASS).</p>
<h2>Preparation of this accessibility statement</h2>
<p>This statement was prepared on {prepared}. It was last reviewed on {reviewed}.</p>
"""


def statement_html(today: dt.date | None = None, age_days: int = 30, fix_in_days: int = 200) -> str:
    today = today or dt.date.today()
    fmt = lambda d: f"{d.day} {d:%B %Y}"  # noqa: E731
    return STATEMENT_TEXT.format(
        prepared=fmt(today - dt.timedelta(days=age_days + 100)),
        reviewed=fmt(today - dt.timedelta(days=age_days)),
        fix=f"{today + dt.timedelta(days=fix_in_days):%B %Y}",
    )


def home_links(site: Site, offsite: Site, partner: Site, reorder: bool) -> list[tuple[str, str]]:
    articles = [(f"/news/article-{n}/", f"News story {n}") for n in range(1, ARTICLES + 1)]
    if reorder:
        articles.reverse()
    return [
        ("/waste/", "Bins and recycling"), ("/council-tax/", "Council tax"),
        ("/parking/;jsessionid=ABC123", "Parking"), ("/planning/", "Planning applications"),
        ("/housing/", "Housing"), ("/benefits/", "Benefits"), ("/education/", "Schools"),
        ("/report-it/", "Report it"), ("/press/", "Press office"), ("/leaflets/", "Leaflets"),
        ("/leaflets/?from=home", "All leaflets"), ("/leisure/", "Leisure centres"),
        ("/payments/", "Payments"), ("/private/staff/", "Staff area"),
        ("/docs/moved.pdf", "Moved leaflet (PDF)"), ("/news/?a=1&b=2&c=3&d=4&e=5", "Filtered news"),
        (LONG, "A very long address"), ("/loop/a/loop/a/loop/a/", "Loop"),
        *articles,
    ]  # fmt: skip


def build_sample_site(site: Site, offsite: Site, partner: Site, reorder: bool = False) -> None:
    """A council site exercising the sample, the sitemap index, robots.txt, traps,
    canonical links and redirects. ``offsite`` is another website; ``partner`` a host
    listed for this council."""
    r = site.routes
    footer = links(("/contact/", "Contact us"), ("/help/accessibility/", "Accessibility"))
    search = ('<form action="/search" method="get" role="search"><label for="q">Search</label>'
              '<input type="search" id="q" name="q"><button>Search</button></form>')  # fmt: skip

    def plain(title: str, body: str = "<p>Some text.</p>", head: str = "") -> Route:
        return ok(page(title, body, footer, head=head))

    r["/robots.txt"] = ok(
        f"User-agent: *\nDisallow: /private/\nSitemap: {site.url('/sitemap_index.xml')}\n".encode(),
        "text/plain",
    )
    r["/sitemap_index.xml"] = ok(
        sitemap_index(site, ["/sitemaps/pages.xml", "/sitemaps/news.xml"]), "application/xml"
    )
    r["/sitemaps/pages.xml"] = ok(
        urlset(site, ["/services/libraries/", "/sitemap-only/"]), "application/xml"
    )
    r["/sitemaps/news.xml"] = ok(
        urlset(site, [f"/news/article-{n}/" for n in range(1, 4)]), "application/xml"
    )
    r["/"] = lambda _: ok(
        page("Home", search + links(*home_links(site, offsite, partner, reorder)), footer)
    )
    for path, title in (("/waste/", "Bins"), ("/council-tax/", "Council tax"), ("/parking/", "Parking"),
                        ("/planning/", "Planning"), ("/housing/", "Housing"), ("/education/", "Schools"),
                        ("/services/libraries/", "Libraries"), ("/sitemap-only/", "Sitemap only"),
                        ("/private/staff/", "Staff"), ("/news/press-releases/", "Press releases"),
                        ("/benefits/blue-badge/", "Blue Badges")):  # fmt: skip
        r[path] = plain(title)
    r["/benefits/"] = plain("Benefits", links(("/benefits/blue-badge/", "Apply for a Blue Badge")))
    r["/report-it/"] = plain("Report it", '<form action="/report-it/sent/" method="post"><label for="w">'
                             'What is wrong?</label><input id="w" name="w"><button>Send</button></form>')  # fmt: skip
    r["/contact/"] = plain("Contact us", links(("/news/press-releases/", "Press releases")))
    r["/help/accessibility/"] = plain(
        "Accessibility help",
        links(("/help/accessibility-statement/", "Accessibility statement for this website")),
    )
    r["/help/accessibility-statement/"] = plain("Accessibility statement", statement_html())
    r["/search?q=council+tax"] = plain("Search results", links(("/council-tax/", "Council tax")))
    canonical = f'<link rel="canonical" href="{site.url("/leaflets/")}">'
    r["/leaflets/"] = plain("Leaflets", head=canonical)
    r["/leaflets/?from=home"] = plain("Leaflets", head=canonical)
    r["/press/"] = plain(
        "Press office", head=f'<link rel="canonical" href="{site.url("/news/press-releases/")}">'
    )
    r["/leisure/"] = redirect(offsite.url("/leisure/"))
    r["/docs/moved.pdf"] = redirect(offsite.url("/moved.pdf"))
    r["/payments/"] = redirect(partner.url("/pay/"))
    r["/news/article-*"] = lambda path: plain("News story")
    offsite.routes["/leisure/"] = ok(page("Leisure", links(("/leisure/pools/", "Pools"))))
    offsite.routes["/moved.pdf"] = ok(text_pdf(["Moved"]), PDF)
    partner.routes["/pay/"] = ok(page("Pay", links(("/pay/parking/", "Pay a parking fine"))))
    partner.routes["/pay/parking/"] = ok(page("Pay a parking fine", "<p>Pay here.</p>"))


def build_trap_site(site: Site) -> None:
    """A site made of traps: an endless calendar and endless 'next page' links."""

    def calendar(path: str) -> Route:
        year, month = (int(p) for p in path.strip("/").split("/")[-2:])
        prev_y, prev_m = (year, month - 1) if month > 1 else (year - 1, 12)
        next_y, next_m = (year, month + 1) if month < 12 else (year + 1, 1)
        body = links((f"/events/calendar/{prev_y}/{prev_m:02d}/", "Previous month"),
                     (f"/events/calendar/{next_y}/{next_m:02d}/", "Next month"))  # fmt: skip
        return ok(page(f"Events {month}/{year}", body))

    def news(path: str) -> Route:
        n = int(path.rsplit("=", 1)[1])
        return ok(page(f"News page {n}", links((f"/news/?page={n + 1}", "Next page"))))

    site.routes["/"] = ok(
        page("Home", links(("/events/calendar/2025/01/", "Events"), ("/news/?page=2", "News")))
    )
    site.routes["/events/calendar/*"] = calendar
    site.routes["/news/*"] = news
    site.routes["/robots.txt"] = ok(b"User-agent: *\nDisallow:\n", "text/plain")


def sitemap_index(site: Site, paths: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{site.url(p)}</loc></sitemap>" for p in paths)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'.encode()


def urlset(site: Site, paths: list[str]) -> bytes:
    items = "".join(f"<url><loc>{htmllib.escape(site.url(p))}</loc></url>" for p in paths)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'.encode()


# --- statements and documents -------------------------------------------------------------
DOCUMENTS = {
    "/docs/tagged.pdf": lambda: text_pdf(["A good leaflet"], tagged=True, show_title=True),
    "/docs/untagged.pdf": lambda: text_pdf(["An untagged leaflet"]),
    "/docs/scanned.pdf": lambda: scanned_pdf(),
    "/docs/encrypted.pdf": lambda: encrypted_pdf(),
    "/docs/old.pdf": lambda: text_pdf(["An old report"], lang=None, created=dt.date(2015, 6, 1)),
    "/docs/form.pdf": lambda: text_pdf(["Apply here"], tagged=True, show_title=True, fields=2),
    "/docs/big.pdf": lambda: text_pdf(["Big"]) + b"%" + b"0" * 40_000 + b"\n",
    "/docs/leaflet.docx": lambda: docx("Recycling leaflet"),
    "/docs/gone.pdf": None,
    "/docs/over-the-limit.pdf": lambda: text_pdf(["Not fetched"]),
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def statement_site(site: Site, kind: str) -> None:
    """A council whose statement is good (Welsh link text, with documents), out of date,
    an unedited template, PDF-only, or missing."""
    r = site.routes
    r["/robots.txt"] = ok(b"User-agent: *\nDisallow:\n", "text/plain")
    footer = {
        "good": links(("/cysylltu/", "Cysylltu â ni"), ("/datganiad/", "Datganiad hygyrchedd")),
        "outdated": links(("/accessibility-statement/", "Accessibility statement")),
        "template": links(("/accessibility/", "Accessibility")),
        "pdf": links(("/accessibility-statement.pdf", "Accessibility statement (PDF)")),
        "missing": links(("/contact/", "Contact us")),
    }[kind]
    home_body = "<p>Welcome.</p>"
    if kind == "good":
        home_body += links(*((path, f"Leaflet {path.rsplit('/', 1)[1]}") for path in DOCUMENTS))
        for path, make in DOCUMENTS.items():
            if make is not None:
                r[path] = ok(make(), DOCX if path.endswith(".docx") else PDF)
    if kind == "template":
        home_body += '<img src="/logo.png">'  # an error on the site
    r["/"] = ok(page("Home", home_body, footer))
    r["/contact/"] = r["/cysylltu/"] = ok(page("Contact us", "<p>Phone 01632 960 000.</p>", footer))
    if kind == "good":
        r["/datganiad/"] = ok(
            page("Datganiad hygyrchedd / Accessibility statement", statement_html(), footer)
        )
    elif kind == "outdated":
        text = statement_html(age_days=600, fix_in_days=-200)
        text = text.replace(
            "If you are not happy with how we respond to your complaint,\ncontact the Equality Advisory and Support Service (EASS).",
            "",
        )
        r["/accessibility-statement/"] = ok(page("Accessibility statement", text, footer))
    elif kind == "template":
        r["/accessibility/"] = ok(page("Accessibility statement", TEMPLATE_STATEMENT, footer))
    elif kind == "pdf":
        lines = [line.strip() for line in _text_of(statement_html()).splitlines() if line.strip()]
        r["/accessibility-statement.pdf"] = ok(
            text_pdf(lines, title="Accessibility statement"), PDF
        )


TEMPLATE_STATEMENT = """
<p>This accessibility statement applies to [website name].</p>
<h2>Compliance status</h2>
<p>This website is fully compliant with the Web Content Accessibility Guidelines version
2.2 AA standard.</p>
<h2>Feedback and contact information</h2>
<p>Email [email address] or call [phone number].</p>
<h2>Preparation of this accessibility statement</h2>
<p>This statement was prepared on [date]. It was last reviewed on [date].</p>
"""


def _text_of(html_text: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "\n", html_text)


# --- https -------------------------------------------------------------------------------
def self_signed(folder: Path) -> tuple[str, str]:
    """A certificate and key for 127.0.0.1, made with cryptography (Scrapy needs it)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))  # fmt: skip
    return str(cert_path), str(key_path)


def use_tls(site: Site, cert: str, key: str) -> None:
    """Serve ``site`` over https from now on."""
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    site.server.socket = context.wrap_socket(site.server.socket, server_side=True)
    site.scheme = "https"


# --- the hostile site (issue #10) ----------------------------------------------------------
def hostile_pages(canary: Site) -> dict[str, str]:
    """Pages that try to hang the browser, navigate for ever or reach the canary (a
    service on another loopback address that no request may reach)."""
    c = canary.base
    port = canary.server.server_address[1]
    return {
        # the loop starts as soon as ``load`` has fired: with a later start (the issue's
        # 300 ms), a fast machine can finish the whole audit first, and nothing hangs
        "/load-loop": "<script>addEventListener('load',()=>setTimeout(()=>{for(;;){}},0))"
        "</script><p>Loops after load.</p>",
        "/hang": "<p>Loops before load.</p><script>for(;;){}</script>",
        "/refresh-a": '<meta http-equiv="refresh" content="0;url=/refresh-b"><p>A</p>',
        "/refresh-b": '<meta http-equiv="refresh" content="0;url=/refresh-a"><p>B</p>',
        "/script-away": f"<script>location.href='{c}/script-away'</script><p>Away</p>",
        "/subresources": f'<img src="{c}/img.png" alt="x"><link rel="stylesheet" '
        f'href="{c}/style.css"><iframe title="x" src="{c}/frame"></iframe>'
        f'<link rel="prefetch" href="{c}/prefetch"><video src="{c}/video.mp4"></video>'
        f'<img src="http://0x7f000002:{port}/numeric.png" alt="y">',
        "/scripts": f"<script>fetch('{c}/fetch').catch(()=>0);"
        f"navigator.sendBeacon('{c}/beacon','x');"
        f"try{{new WebSocket('ws://127.0.0.2:{port}/ws')}}catch(e){{}}"
        f"const x=new XMLHttpRequest();x.open('GET','{c}/xhr');x.send();"
        f"window.open('{c}/popup')</script><p>Scripts.</p>",
        "/base": f'<base href="{c}/"><img src="based.png" alt="z"><a href="based">Based</a>',
        "/later": f"<script>setTimeout(()=>fetch('{c}/later').catch(()=>0),50)</script>"
        "<p>Later.</p>",
    }


def build_hostile_site(site: Site, canary: Site) -> list[str]:
    """The hostile pages on ``site``, linked from its homepage; returns their paths."""
    pages = hostile_pages(canary)
    for path, body in pages.items():
        site.routes[path] = ok(page(path.strip("/").replace("-", " ").title(), body))
    site.routes["/redirect-inside"] = redirect(canary.url("/redirected"))
    site.routes["/attachment"] = (
        200, HTML, page("Attachment", "<p>Saved.</p>"),
        {"Content-Disposition": 'attachment; filename="a.html"'},
    )  # fmt: skip
    paths = [*pages, "/redirect-inside", "/attachment"]
    home = links(*((p, p.strip("/")) for p in paths))
    site.routes["/"] = ok(page("Hostile council", home))
    site.routes["/robots.txt"] = ok(
        f"Sitemap: {canary.url('/sitemap.xml')}\n".encode(), "text/plain"
    )
    canary.routes["/*"] = lambda path: ok(page("Canary", "<p>Internal service.</p>"))
    return ["/", *paths]


def pdf_bomb(inflated: int = 1 << 30) -> bytes:
    """A one-page PDF whose content stream is about 1/1000 of ``inflated`` bytes on the
    wire and ``inflated`` bytes once inflated (a decompression bomb)."""
    chunk = b"0 0 Td (x) Tj\n" * (1 << 16)
    packer, parts, size = zlib.compressobj(9), [], 0
    while size < inflated:
        parts.append(packer.compress(chunk))
        size += len(chunk)
    parts.append(packer.flush())
    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = pikepdf.Stream(pdf, b"".join(parts))
    stream.Filter = pikepdf.Name.FlateDecode
    pdf.pages[0].obj.Contents = stream
    return _save(pdf)


def gzip_bomb(inflated: int = 1 << 30) -> bytes:
    """A gzip file of about 1/1000 of ``inflated`` bytes that inflates to ``inflated``
    bytes of sitemap-like XML."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packer:
        packer.write(
            b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        )
        block = b" " * (1 << 20)
        for _ in range(inflated >> 20):
            packer.write(block)
    return out.getvalue()
