"""Scrapy's DNS resolver, with the scope decision on the answer (issue #10): a host name
that resolves to a refused address (:func:`council_audit.scope.address_refusal`) fails
to resolve. Scrapy connects to the address this resolver returned (and caches it), so
the address checked is the address used: a second, different DNS answer cannot
redirect a plain request (robots.txt, a sitemap, a document) to a private address."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from typing import Any

from scrapy.crawler import Crawler
from scrapy.resolver import CachingThreadedResolver
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError

from council_audit.scope import address_refusal


class ScopedResolver(CachingThreadedResolver):
    allow_loopback = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> ScopedResolver:
        resolver = super().from_crawler(crawler, reactor)
        settings = crawler.settings.get("COUNCIL_AUDIT_SETTINGS")
        resolver.allow_loopback = bool(settings and settings.allow_loopback)
        return resolver

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:  # noqa: N802
        return super().getHostByName(name, timeout).addCallback(self._checked, name)

    def _checked(self, address: str, name: str) -> str:
        try:
            refused = address_refusal(ipaddress.ip_address(address), self.allow_loopback)
        except ValueError:
            refused = f"unreadable address {address!r}"
        if refused:
            raise DNSLookupError(f"{name} resolves to {refused}: refused")
        return address
