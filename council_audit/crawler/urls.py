"""URL rules of the crawl: which links are pages, documents, or not for us."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from council_audit.scope import static_refusal

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
    """Why the crawler will not fetch ``url``, or None when it may: the scope decision
    without DNS (:func:`council_audit.scope.static_refusal`)."""
    return static_refusal(url, allow_loopback)


# --- hosts, redirects, session ids (issue 4) ----------------------------------------------
DEFAULT_PORTS = {"http": 80, "https": 443}
SESSION_PARAMS = frozenset(
    "jsessionid phpsessid sid sessionid session_id sessid cfid cftoken aspsessionid".split()
)
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^/?#;]*", re.I)


def site_host(url: str) -> str:
    """The host with its port when not the scheme's default: ``www.x.gov.uk``,
    ``127.0.0.1:8042``. http and https on default ports give the same site host."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        return host
    if port and port != DEFAULT_PORTS.get(parts.scheme):
        return f"{host}:{port}"
    return host


def bare(host: str) -> str:
    return host.removeprefix("www.")


def host_allowed(url: str, hosts: Iterable[str]) -> bool:
    """Whether ``url`` is on one of ``hosts`` (with or without ``www.``)."""
    return bare(site_host(url)) in {bare(h.lower()) for h in hosts}


def strip_session(url: str) -> str:
    """``url`` without session ids (``;jsessionid=...``, ``?PHPSESSID=...``)."""
    parts = urlsplit(url)
    path = _PATH_SESSION.sub("", parts.path)
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if not _is_session_param(k)]
    if path == parts.path and len(kept) == len(query):
        return url
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(kept), parts.fragment))


def _is_session_param(name: str) -> bool:
    low = name.lower()
    return low in SESSION_PARAMS or low.startswith("aspsessionid")


def redirect_kind(original: str, final: str, hosts: Iterable[str]) -> str | None:
    """None when ``final`` is ``original``; else off-site (not on ``hosts``),
    https-upgrade (http to https on the same host name), same-site or allowed-host."""
    if not final or canonical(final) == canonical(original):
        return None
    if not host_allowed(final, hosts):
        return "off-site"
    a, b = urlsplit(original), urlsplit(final)
    if (a.scheme, b.scheme) == ("http", "https") and bare(a.hostname or "") == bare(
        b.hostname or ""
    ):
        return "https-upgrade"
    return "same-site" if bare(site_host(original)) == bare(site_host(final)) else "allowed-host"
