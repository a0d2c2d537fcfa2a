"""URL rules of the crawl: which links are pages, documents, or not for us."""

from __future__ import annotations

import ipaddress
import posixpath
from urllib.parse import urlsplit

from w3lib.url import canonicalize_url

DOCUMENT_EXTENSIONS = frozenset(
    "pdf doc docx xls xlsx ppt pptx odt ods odp rtf csv txt epub".split()
)
SKIP_EXTENSIONS = frozenset(
    """jpg jpeg png gif webp svg ico bmp tif tiff avif mp3 mp4 m4a m4v mov avi wmv webm ogg
    wav flac zip gz tgz rar 7z exe msi dmg iso apk css js json xml rss atom woff woff2 ttf
    eot ics""".split()
)


def canonical(url: str) -> str:
    """The URL without fragment, with query arguments sorted (our dedupe key)."""
    return canonicalize_url(url, keep_fragments=False)


def extension(url: str) -> str:
    return posixpath.splitext(urlsplit(url).path)[1].lstrip(".").lower()


def is_document(url: str) -> bool:
    return extension(url) in DOCUMENT_EXTENSIONS


def is_skipped(url: str) -> bool:
    return extension(url) in SKIP_EXTENSIONS


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def refused_reason(url: str, allow_loopback: bool) -> str | None:
    """Why the crawler will not fetch ``url``, or None when it may."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r} is not http(s)"
    host = parts.hostname or ""
    if not host:
        return "no host"
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        return "loopback host name" if host == "localhost" and not allow_loopback else None
    if addr.is_loopback:
        return None if allow_loopback else "loopback address (set allow_loopback to crawl it)"
    if addr.is_private or addr.is_link_local or addr.is_reserved or addr.is_multicast:
        return f"address {addr} is private, link-local or reserved"
    return None
