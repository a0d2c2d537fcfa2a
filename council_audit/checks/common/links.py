"""The page's links as the browser saw them (the ``links`` fact): accessible name,
destination, target; and the normalising the link checks share."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from council_audit.checks.common.page import PageView

FACT = "links"
_PUNCTUATION = re.compile(r"[^\w\s]|_", re.UNICODE)
DEFAULT_PORTS = {"http": "80", "https": "443"}


@dataclass(frozen=True)
class Link:
    href: str
    name: str
    name_from: str
    description: str
    context: str
    target: str
    window_open: bool
    hidden: bool
    selector: str
    snippet: str

    @property
    def is_web(self) -> bool:
        return urlsplit(self.href).scheme in ("http", "https")

    @property
    def extension(self) -> str:
        return posixpath.splitext(urlsplit(self.href).path)[1].lstrip(".").lower()

    @property
    def opens_new_window(self) -> bool:
        return self.target not in ("", "_self", "_parent", "_top") or self.window_open


def page_links(page: PageView, visible_only: bool = True) -> list[Link] | None:
    """The links the browser found, or None when the fact is missing or failed."""
    found = page.memo(f"links:{visible_only}", lambda: _page_links(page, visible_only))
    return None if found is None else list(found)


def _page_links(page: PageView, visible_only: bool) -> tuple[Link, ...] | None:
    fact = page.fact(FACT)
    if fact is None or not isinstance(fact.get("links"), list):
        return None
    out = []
    for raw in fact["links"]:
        link = Link(
            href=str(raw.get("href") or ""),
            name=str(raw.get("name") or ""),
            name_from=str(raw.get("name_from") or ""),
            description=str(raw.get("description") or ""),
            context=str(raw.get("context") or ""),
            target=str(raw.get("target") or ""),
            window_open=bool(raw.get("window_open")),
            hidden=bool(raw.get("hidden")),
            selector=str(raw.get("selector") or "html"),
            snippet=str(raw.get("snippet") or ""),
        )
        if not (visible_only and link.hidden):
            out.append(link)
    return tuple(out)


def normalise_name(name: str) -> str:
    """Lower case, punctuation removed, spaces squashed: 'Read more »' -> 'read more'."""
    return " ".join(_PUNCTUATION.sub(" ", name.lower()).split())


def destination(href: str) -> str:
    """The place a link goes, compared loosely: http and https alike, host in lower case
    without 'www.', no default port, no fragment, no trailing slash."""
    parts = urlsplit(href.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep the address as written
        port, host = None, parts.netloc.lower()
    if port is not None and str(port) != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    host = host.removeprefix("www.")
    scheme = "https" if scheme == "http" else scheme
    return urlunsplit((scheme, host, parts.path.rstrip("/"), parts.query, ""))
