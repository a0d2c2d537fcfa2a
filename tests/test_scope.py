"""The one scope decision (issue #10): every spelling of an internal address a browser
would accept is refused, public addresses pass, and allow_loopback opens loopback only
(and, in a Scope, only the audited sites)."""

from __future__ import annotations

import asyncio

import pytest

from council_audit.proxy import parse_head
from council_audit.scope import Scope, canonical_host, static_refusal

REFUSED = [
    "http://127.0.0.1/", "http://127.1/", "http://0x7f000001/", "http://2130706433/",
    "http://0177.0.0.1/", "http://017700000001/", "http://0x7f.1/", "http://0x7F.0.0.1/",
    "http://%31%32%37.0.0.1/", "http://１２７.０.０.１/", "http://127。0。0。1/",
    "http://localhost/", "http://localhost./", "http://LOCALHOST/", "http://council.localhost/",
    "http://[::1]/", "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/", "http://[2002:7f00:1::]/", "http://[64:ff9b::7f00:1]/",
    "http://[::127.0.0.1]/",
]  # fmt: skip
PRIVATE = [
    "http://0/", "http://0.0.0.0/", "http://10.0.0.1/", "http://172.16.5.4/",
    "http://192.168.1.1/", "http://169.254.169.254/", "http://0xa9fea9fe/",
    "http://100.64.0.1/", "http://100.127.255.254/", "http://224.0.0.1/",
    "http://240.0.0.1/", "http://255.255.255.255/", "http://[fe80::1]/", "http://[fc00::1]/",
    "http://[fd12:3456::1]/", "http://[ff02::1]/", "http://[::ffff:10.0.0.1]/",
    "http://[2002:a9fe:a9fe::]/", "http://[64:ff9b::a9fe:a9fe]/", "http://metadata.google.internal/", "http://metadata/",
    "http://printer.local/", "http://router.home.arpa/", "http://intranet/",
]  # fmt: skip
BAD = [
    "http://", "http://[::1", "http://a b/", "http://x.gov.uk:99999/", "http://256.1.1.1/",
    "http://1.2.3.4.5/", "http://0x7g.0.0.1/", "ftp://example.gov.uk/", "javascript:alert(1)",
    "file:///etc/passwd",
]  # fmt: skip
PUBLIC = [
    "https://www.leeds.gov.uk/", "http://8.8.8.8/", "http://[2606:4700:4700::1111]/",
    "https://EXAMPLE.gov.uk./bins", "http://1.1.1.1:8080/", "https://xn--bcher-kva.example/",
]  # fmt: skip


@pytest.mark.parametrize("url", REFUSED)
def test_loopback_spellings_are_refused_unless_allowed(url: str) -> None:
    assert static_refusal(url, allow_loopback=False)
    assert static_refusal(url, allow_loopback=True) is None


@pytest.mark.parametrize("url", PRIVATE)
def test_private_and_internal_addresses_are_refused_even_with_loopback(url: str) -> None:
    assert static_refusal(url, allow_loopback=False)
    assert static_refusal(url, allow_loopback=True)


@pytest.mark.parametrize("url", BAD)
def test_unusable_addresses_are_refused_with_a_reason(url: str) -> None:
    reason = static_refusal(url)
    assert reason and "Traceback" not in reason


@pytest.mark.parametrize("url", PUBLIC)
def test_public_addresses_pass(url: str) -> None:
    assert static_refusal(url) is None


@pytest.mark.parametrize(
    ("raw", "host"),
    [("127.1", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("%31%32%37.0.0.1", "127.0.0.1"),
     ("１２７.０.０.１", "127.0.0.1"), ("WWW.Leeds.GOV.uk.", "www.leeds.gov.uk"),
     ("[::FFFF:127.0.0.1]", "::ffff:7f00:1"), ("bücher.example", "xn--bcher-kva.example")],
)  # fmt: skip
def test_hosts_are_read_as_browsers_read_them(raw: str, host: str) -> None:
    assert canonical_host(raw) == host


def test_loopback_is_allowed_only_for_the_audited_sites() -> None:
    scope = Scope.for_urls(["http://127.0.0.1:8042/"], allow_loopback=True)
    assert scope.check_static("http://127.0.0.1:8042/page") is None
    assert scope.check_static("http://127.1:8042/page") is None  # same site, other spelling
    assert "outside the sites" in (scope.check_static("http://127.0.0.2:8042/") or "")
    assert "outside the sites" in (scope.check_static("http://127.0.0.1:9999/") or "")
    assert "outside the sites" in (scope.check_static("http://localhost:8042/") or "")
    assert scope.check_static("http://10.0.0.1:8042/")


def test_host_names_are_resolved_and_refused_when_internal() -> None:
    scope = Scope(allow_loopback=False)
    reason, addresses = asyncio.run(scope.decide("http://localhost.localdomain/"))
    assert reason  # an internal name, refused without asking DNS
    scope._dns["evil.example"] = (float("inf"), [__import__("ipaddress").ip_address("10.1.2.3")])
    assert "resolves to 10.1.2.3" in (asyncio.run(scope.check("http://evil.example/")) or "")
    reason, addresses = asyncio.run(Scope().decide("http://8.8.8.8/"))
    assert reason is None and [str(a) for a in addresses] == ["8.8.8.8"]


def test_the_proxy_reads_requests_and_tunnels() -> None:
    method, url, port, request = parse_head(
        b"GET http://a.example:8080/x?y=1 HTTP/1.1\r\nHost: a.example:8080\r\n"
        b"Proxy-Connection: keep-alive\r\n\r\n"
    )
    assert (method, url, port) == (b"GET", "http://a.example:8080/x?y=1", 8080)
    assert request.startswith(b"GET /x?y=1 HTTP/1.1\r\n") and b"Proxy-Connection" not in request
    assert request.endswith(b"Connection: close\r\n\r\n")
    method, url, port, _ = parse_head(b"CONNECT b.example:443 HTTP/1.1\r\n\r\n")
    assert (method, url, port) == (b"CONNECT", "https://b.example:443/", 443)
    with pytest.raises(ValueError):
        parse_head(b"GET /relative HTTP/1.1\r\n\r\n")
