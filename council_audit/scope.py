"""The one scope decision (issue #10): may council-audit send a request to this URL?

Every request goes through it: Scrapy's (the register homepage, robots.txt, sitemaps,
pages, documents: :class:`council_audit.crawler.middlewares.ScopeMiddleware`, and the DNS
resolver Scrapy connects with), and the browser's (the route filter
:func:`council_audit.routing.browser_route`, and the filtering proxy every Chromium
request passes, :mod:`council_audit.proxy`, which also sees redirects and pins the
address it checked). ``docs/security.md`` says what is enforced where.

A host is read as browsers read it (the WHATWG URL standard): percent-decoded, mapped
(fullwidth digits, ideographic full stops, upper case), a trailing dot dropped, and a
host that ends in a number parsed as IPv4 the lenient way (``127.1``, ``0x7f000001``,
``2130706433``, ``0177.0.0.1``). Then it is refused when it is, or resolves to, an
address that is not public: loopback, private, link-local, CGNAT, multicast, reserved,
unspecified, or an IPv4-mapped, 6to4, NAT64 or Teredo form of one of those. Names that
only ever mean an internal service (``localhost`` and ``*.localhost``, ``*.internal``,
``*.local``, ``*.home.arpa``...) are refused without asking DNS.

``allow_loopback`` (the tests and the demo) lets loopback addresses through, and only
those of the sites being audited when a :class:`Scope` is given them (so a hostile page
on 127.0.0.1 still cannot reach a service on 127.0.0.2). Other private ranges stay
refused.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
INTERNAL_NAMES = frozenset({"localhost", "metadata", "metadata.google.internal", "instance-data"})
INTERNAL_SUFFIXES = (
    ".localhost", ".local", ".internal", ".home.arpa", ".localdomain", ".lan", ".intranet",
)  # fmt: skip
CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
FORBIDDEN = set(" \t\n\r#/:<>?@[\\]^|%\x00")
DNS_TIMEOUT_S = 10.0
DNS_CACHE_S = 300.0
LOOPBACK_HINT = "loopback address (set allow_loopback to crawl it)"


class BadHost(ValueError):
    """A host no browser would accept."""


def canonical_host(raw: str) -> str:
    """``raw`` (a URL's host, brackets kept for IPv6) as a browser reads it: a lower-case
    name, or the text form of an IP address. Raises :class:`BadHost`."""
    if raw.startswith("["):
        if not raw.endswith("]"):
            raise BadHost(f"unclosed IPv6 address {raw!r}")
        try:
            return str(ipaddress.IPv6Address(raw[1:-1]))
        except ValueError:
            raise BadHost(f"bad IPv6 address {raw!r}") from None
    host = unicodedata.normalize("NFKC", unquote(raw)).translate(DOTS).lower()
    if not host or FORBIDDEN & set(host):
        raise BadHost(f"bad host name {raw!r}")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise BadHost(f"bad international host name {raw!r}") from None
    if _ends_in_number(host):
        return str(parse_ipv4(host))
    return host.rstrip(".") or host


def _ends_in_number(host: str) -> bool:
    labels = host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    last = labels[-1]
    return bool(last) and (last.isdigit() or _is_hex(last))


def _is_hex(label: str) -> bool:
    return label[:2] in ("0x", "0X") and all(c in "0123456789abcdefABCDEF" for c in label[2:])


def parse_ipv4(host: str) -> ipaddress.IPv4Address:
    """The WHATWG IPv4 parser: 1 to 4 parts, each decimal, octal (leading 0) or hex
    (0x); the last part fills the remaining bytes."""
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if len(parts) > 4:
        raise BadHost(f"bad IPv4 address {host!r}")
    numbers = [_ipv4_number(p, host) for p in parts]
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        raise BadHost(f"IPv4 address out of range {host!r}")
    value = numbers[-1]
    for i, n in enumerate(numbers[:-1]):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def _ipv4_number(part: str, host: str) -> int:
    try:
        if _is_hex(part):
            return int(part[2:] or "0", 16)
        if len(part) > 1 and part.startswith("0"):
            return int(part[1:], 8)
        return int(part, 10)
    except ValueError:
        raise BadHost(f"bad IPv4 address {host!r}") from None


def embedded(addr: Address) -> Address:
    """The IPv4 address inside an IPv4-mapped, IPv4-compatible, 6to4, NAT64 or Teredo
    IPv6 address (``addr`` itself otherwise)."""
    if isinstance(addr, ipaddress.IPv4Address):
        return addr
    if addr.ipv4_mapped:
        return addr.ipv4_mapped
    if addr.sixtofour:
        return addr.sixtofour
    if addr.teredo:
        return addr.teredo[1]
    if any(addr in net for net in NAT64) or (int(addr) >> 32 == 0 and int(addr) > 1):
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return addr


def address_refusal(addr: Address, allow_loopback: bool = False) -> str | None:
    """Why ``addr`` may not be contacted, or None when it is a public address (or a
    loopback one with ``allow_loopback``)."""
    inner = embedded(addr)
    shown = str(addr) if inner == addr else f"{addr} (= {inner})"
    if inner.is_loopback:
        return None if allow_loopback else f"{shown} is a {LOOPBACK_HINT}"
    if inner.is_unspecified:
        return f"{shown} is unspecified (it reaches this machine)"
    if isinstance(inner, ipaddress.IPv4Address) and inner in CGNAT:
        return f"{shown} is shared address space (CGNAT)"
    if inner.is_link_local:
        return f"{shown} is link-local (cloud metadata services live there)"
    if inner.is_private:
        return f"{shown} is a private address"
    if inner.is_multicast:
        return f"{shown} is a multicast address"
    if inner.is_reserved or not inner.is_global:
        return f"{shown} is a reserved address"
    return None


@dataclass
class Target:
    """A URL's scheme, canonical host and port, or why it has none."""

    scheme: str
    host: str
    port: int | None
    address: Address | None

    @property
    def site(self) -> str:
        """host:port, as :func:`council_audit.crawler.urls.site_host` writes it."""
        shown = f"[{self.host}]" if ":" in self.host else self.host
        default = {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(self.scheme)
        return shown if self.port in (None, default) else f"{shown}:{self.port}"


def target(url: str) -> Target:
    """Parse ``url``'s host the browser's way. Raises :class:`BadHost`."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise BadHost(f"unreadable address {url!r}: {exc}") from None
    netloc = parts.netloc.rpartition("@")[2]
    if netloc.startswith("["):
        raw, _, rest = netloc.partition("]")
        raw += "]"
        port_text = rest.removeprefix(":")
    else:
        raw, _, port_text = netloc.partition(":")
    host = canonical_host(raw) if raw else ""
    port = None
    if port_text:
        if not port_text.isdigit() or int(port_text) > 65535:
            raise BadHost(f"bad port {port_text!r}")
        port = int(port_text)
    try:
        address: Address | None = ipaddress.ip_address(host)
    except ValueError:
        address = None
    return Target(parts.scheme.lower(), host, port, address)


def name_refusal(host: str, allow_loopback: bool) -> str | None:
    """Names that only ever mean an internal service."""
    if host == "localhost" or host.endswith(".localhost"):
        return None if allow_loopback else f"{host} is a {LOOPBACK_HINT}"
    if host in INTERNAL_NAMES or host.endswith(INTERNAL_SUFFIXES) or "." not in host:
        return f"{host} is an internal host name"
    return None


def static_refusal(url: str, allow_loopback: bool = False) -> str | None:
    """The decision without DNS: scheme, host syntax, IP literals, internal names."""
    try:
        t = target(url)
    except BadHost as exc:
        return str(exc)
    if t.scheme not in ("http", "https"):
        return f"scheme {t.scheme or '(none)'!r} is not http(s)"
    if not t.host:
        return "no host"
    if t.address is not None:
        return address_refusal(t.address, allow_loopback)
    return name_refusal(t.host, allow_loopback)


@dataclass
class Scope:
    """The decision for one crawl or one ``check``: ``allow_loopback``, and the sites
    (host:port) whose loopback addresses may be contacted (None: any loopback site)."""

    allow_loopback: bool = False
    loopback_sites: frozenset[str] | None = None
    _dns: dict[str, tuple[float, list[Address]]] = field(default_factory=dict, repr=False)

    @classmethod
    def for_urls(cls, urls: Iterable[str], allow_loopback: bool) -> Scope:
        sites = set()
        for url in urls:
            try:
                sites.add(target(url).site)
            except BadHost:
                continue
        return cls(allow_loopback, frozenset(sites))

    def loopback_ok(self, site: str) -> bool:
        return self.allow_loopback and (self.loopback_sites is None or site in self.loopback_sites)

    def check_static(self, url: str) -> str | None:
        """:func:`static_refusal`, with loopback allowed only for this scope's sites."""
        try:
            t = target(url)
        except BadHost as exc:
            return str(exc)
        reason = static_refusal(url, self.allow_loopback)
        if reason is None and self.is_loopback(t) and not self.loopback_ok(t.site):
            return f"{t.site} is a loopback address outside the sites being audited"
        return reason

    @staticmethod
    def is_loopback(t: Target) -> bool:
        if t.address is not None:
            return embedded(t.address).is_loopback
        return t.host == "localhost" or t.host.endswith(".localhost")

    async def check(self, url: str) -> str | None:
        """The whole decision: :meth:`check_static`, then every address the host name
        resolves to (a name that does not resolve is left to fail by itself)."""
        return (await self.decide(url))[0]

    async def decide(self, url: str) -> tuple[str | None, list[Address]]:
        """:meth:`check`, and the addresses checked (connect to one of these and no other,
        so that a second DNS answer cannot swap in a private address)."""
        reason = self.check_static(url)
        if reason is not None:
            return reason, []
        t = target(url)
        if t.address is not None:
            return None, [t.address]
        found = await self.resolve(t.host)
        for addr in found:
            refused = address_refusal(addr, self.allow_loopback)
            if refused is None and embedded(addr).is_loopback and not self.loopback_ok(t.site):
                refused = f"{addr}, a loopback address outside the sites being audited"
            if refused:
                return f"{t.host} resolves to {refused}", []
        return None, found

    async def resolve(self, host: str) -> list[Address]:
        cached = self._dns.get(host)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, None, type=socket.SOCK_STREAM), DNS_TIMEOUT_S
            )
            found = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
        except (OSError, TimeoutError, ValueError, UnicodeError):
            found = []
        self._dns[host] = (time.monotonic() + DNS_CACHE_S, found)
        return found
