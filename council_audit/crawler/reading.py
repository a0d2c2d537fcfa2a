"""What the spider reads from a rendered page to decide what to fetch next: its links
(with their text), its search form, whether it has a form, and its canonical URL.
Parsed once with lxml; no browser here."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml.etree import ParserError

MAX_LINKS = 500  # links read per page
SEARCH_NAMES = frozenset(
    "q query search searchtext search_query keys keywords s term k terms".split()
)
FIELD_TYPES_IGNORED = frozenset("hidden submit button image reset".split())
COOKIE_HINTS = ("cookie", "consent", "gdpr")


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    index: int


@dataclass
class PageReading:
    links: list[Link] = field(default_factory=list)
    search_url: str | None = None
    has_form: bool = False
    canonical: str | None = None
    title: str = ""
    h1: str = ""


def read_page(html: str, base_url: str, search_terms: str) -> PageReading:
    try:
        tree = lxml.html.document_fromstring(html or "<html></html>")
    except (ParserError, ValueError):
        return PageReading()
    base = _base(tree, base_url)
    out = PageReading(links=_links(tree, base), canonical=_canonical(tree, base))
    title = tree.find(".//title")
    out.title = " ".join(title.text_content().split()) if title is not None else ""
    h1 = tree.find(".//h1")
    out.h1 = " ".join(h1.text_content().split()) if h1 is not None else ""
    for form in tree.iter("form"):
        if _in_cookie_banner(form):
            continue
        search = _search_url(form, base, search_terms)
        if search and out.search_url is None:
            out.search_url = search
        elif not search and _has_fields(form):
            out.has_form = True
    return out


def _base(tree: lxml.html.HtmlElement, url: str) -> str:
    found = tree.find(".//base[@href]")
    return urljoin(url, found.get("href").strip()) if found is not None else url


def _links(tree: lxml.html.HtmlElement, base: str) -> list[Link]:
    out = []
    for el in tree.iter("a", "area"):
        href = (el.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urljoin(base, href).split("#", 1)[0]
        out.append(Link(url, _text_of(el), len(out)))
        if len(out) >= MAX_LINKS:
            break
    return out


def _text_of(el: lxml.html.HtmlElement) -> str:
    text = " ".join(el.text_content().split()) if el.tag == "a" else ""
    if not text:
        text = el.get("aria-label") or el.get("title") or el.get("alt") or ""
        for img in el.iter("img"):
            text = text or img.get("alt") or ""
    return " ".join(text.split())[:200]


def _canonical(tree: lxml.html.HtmlElement, base: str) -> str | None:
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            return urljoin(base, link.get("href").strip())
    return None


def _in_cookie_banner(el: lxml.html.HtmlElement) -> bool:
    node = el
    while node is not None:
        marker = f"{node.get('id', '')} {node.get('class', '')}".lower()
        if any(h in marker for h in COOKIE_HINTS):
            return True
        node = node.getparent()
    return False


def _fields(form: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [
        el
        for el in form.iter("input", "select", "textarea")
        if (el.get("type") or "text").lower() not in FIELD_TYPES_IGNORED
    ]


def _has_fields(form: lxml.html.HtmlElement) -> bool:
    return bool(_fields(form))


def _search_url(form: lxml.html.HtmlElement, base: str, terms: str) -> str | None:
    """The results URL of a GET search form filled with ``terms``, or None."""
    if (form.get("method") or "get").lower() != "get":
        return None
    fields = _fields(form)
    query = [f for f in fields if _is_search_field(f, form)]
    if not query or len(fields) > 3:
        return None
    pairs = []
    for el in form.iter("input", "select"):
        name = el.get("name")
        kind = (el.get("type") or "text").lower()
        if not name or kind in {"submit", "button", "image", "reset", "checkbox", "radio"}:
            continue
        pairs.append((name, terms if el is query[0] else (el.get("value") or "")))
    action = urljoin(base, (form.get("action") or "").strip() or base)
    parts = urlsplit(action)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(pairs), ""))


def _is_search_field(el: lxml.html.HtmlElement, form: lxml.html.HtmlElement) -> bool:
    if el.tag != "input" or not el.get("name"):
        return False
    if (el.get("type") or "").lower() == "search":
        return True
    marker = " ".join(
        [form.get("role") or "", form.get("action") or "", form.get("id") or "",
         form.get("class") or "", el.get("id") or ""]
    ).lower()  # fmt: skip
    return el.get("name", "").lower() in SEARCH_NAMES and (
        "search" in marker or el.get("name", "").lower() in {"q", "query", "search"}
    )
