"""One council's whole site as a function from a request path to a response."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import parse_qs

from council_audit.demo.assets import IMAGES, robots_txt, sitemap_xml
from council_audit.demo.components import PDF_PATH
from council_audit.demo.councils import Council
from council_audit.demo.pages import NOT_FOUND, PAGES, build
from council_audit.demo.pdf import guide_pdf

HTML = "text/html; charset=utf-8"
REDIRECTS = MappingProxyType({"/bins-and-recycling.html": "/bins/"})  # old URL -> new
DYNAMIC = frozenset({"/search/results/"})  # pages whose content depends on the query


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Site:
    council: Council
    base_url: str  # e.g. "http://127.0.0.1:41234", no trailing slash
    fixed: dict[str, tuple[str, ...]] = field(default_factory=dict)  # path -> barrier ids
    _cache: dict[str, Response] = field(default_factory=dict, repr=False)

    def files(self) -> dict[str, tuple[str, bytes]]:
        """Non-page resources: path -> (content type, body)."""
        svg = {p: ("image/svg+xml", body.encode()) for p, body in IMAGES.items()}
        return {
            "/robots.txt": ("text/plain; charset=utf-8", robots_txt(self.base_url).encode()),
            "/sitemap.xml": ("application/xml", self.sitemap().encode()),
            PDF_PATH: ("application/pdf", guide_pdf(self.council.name, self.council.quality)),
            **svg,
        }

    def sitemap(self) -> str:
        return sitemap_xml(self.base_url, [p.path for p in PAGES.values() if p.in_sitemap])

    def fix(self, fixed: dict[str, tuple[str, ...]]) -> None:
        """From now on, serve the pages with these barriers fixed."""
        self.fixed = dict(fixed)
        self._cache.clear()

    def resolve(self, path: str, query: str = "") -> Response:
        """The response for a GET of ``path`` (``query`` without the '?')."""
        if path in DYNAMIC and query:
            return self._page(path, query)
        response = self._cache.get(path)
        if response is None:
            response = self._static(path)
            if response.status != 404:  # unknown paths are not kept: there is no end to them
                self._cache[path] = response
        if response.status == 301 and query:
            location = response.headers["Location"] + "?" + query
            return Response(301, HTML, b"", {"Location": location})
        return response

    def _static(self, path: str) -> Response:
        if path in REDIRECTS:
            return self._redirect(REDIRECTS[path])
        if path in PAGES:
            return self._page(path)
        files = self.files()
        if path in files:
            content_type, body = files[path]
            return Response(200, content_type, body)
        other = path[:-1] if path.endswith("/") and path != "/" else path + "/"
        if other in PAGES or other in files or other in REDIRECTS:
            return self._redirect(other)
        html, _ = build(self.council, NOT_FOUND)
        return Response(404, HTML, html.encode())

    def _page(self, path: str, query: str = "") -> Response:
        words = " ".join(parse_qs(query).get("q", []))
        html, _ = build(self.council, PAGES[path], words, self.fixed.get(path, ()))
        return Response(200, HTML, html.encode())

    def _redirect(self, target: str) -> Response:
        return Response(301, HTML, b"", {"Location": self.base_url + target})
