"""What tells a re-crawl that a page is unchanged since the council's last complete run,
so its findings can be carried forward instead of audited again in the browser.

A page is unchanged when all of these hold:

- its HTML is the same: the server answers a conditional request (``If-None-Match`` /
  ``If-Modified-Since`` with the previous run's ``ETag`` / ``Last-Modified``) with 304,
  or the HTML's digest is the same once what changes on every request is taken out
  (script nonces, CSRF and form tokens, ASP.NET view state, timestamps, comments);
- it uses the same stylesheets and scripts (by address), and each is the same (a 304,
  or the same digest of its bytes);
- the audit would be the same: the same checks at the same versions, the same settings
  that change findings, the same browser (:func:`audit_key`).

Anything else, or any doubt (a resource that could not be fetched), audits the page.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml.etree import ParserError

TOKEN_NAMES = r"[^\"'>]*(?:csrf|xsrf|token|nonce|verification|viewstate|eventvalidation|form_build_id)[^\"'>]*"
VOLATILE = [
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"\snonce=(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I), ""),
    # <input name="__RequestVerificationToken" value="..."> and <meta name="csrf-token" content="...">
    (
        re.compile(
            rf"(<(?:input|meta)\b[^>]*?\b(?:name|id)=[\"']{TOKEN_NAMES}[\"'][^>]*?)"
            r"\b(value|content)=(\"[^\"]*\"|'[^']*')",
            re.I,
        ),
        r"\1\2=''",
    ),
    (
        re.compile(
            rf"(<(?:input|meta)\b[^>]*?)\b(value|content)=(\"[^\"]*\"|'[^']*')"
            rf"([^>]*?\b(?:name|id)=[\"']{TOKEN_NAMES}[\"'])",
            re.I,
        ),
        r"\1\2=''\4",
    ),
    (
        re.compile(
            r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\b"
        ),
        "<time>",
    ),
]


def html_digest(body: bytes | str) -> str:
    """The digest of a page's HTML with what changes on every request taken out."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    for pattern, repl in VOLATILE:
        text = pattern.sub(repl, text)
    return hashlib.sha256(text.encode()).hexdigest()


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def page_resources(html: str, base_url: str) -> list[str]:
    """The stylesheets and scripts the page's HTML loads, as absolute addresses, sorted."""
    try:
        tree = lxml.html.document_fromstring(html or "<html></html>")
    except (ParserError, ValueError):
        return []
    base = tree.find(".//base[@href]")
    base_url = urljoin(base_url, base.get("href")) if base is not None else base_url
    found = set()
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "stylesheet" in rel and link.get("href"):
            found.add(urljoin(base_url, link.get("href").strip()))
    for script in tree.iter("script"):
        if script.get("src"):
            found.add(urljoin(base_url, script.get("src").strip()))
    return sorted(u for u in found if u.startswith(("http://", "https://")))


def audit_key(run: dict[str, Any]) -> str | None:
    """A digest of everything besides the page that decides its findings, from the run's
    record: the checks it runs with their versions and the settings that change findings
    (``runs.checks_digest``, see :mod:`council_audit.results.runrecord`), the tool,
    axe-core and browser versions. None for a run that did not record what it ran."""
    if not run.get("checks_digest"):
        return None
    key = [run.get(k) for k in ("checks_digest", "tool_version", "axe_core_version")]
    key.append(run.get("browser_version"))
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()


def conditional_headers(previous: dict[str, Any] | None) -> dict[str, str]:
    """``If-None-Match`` / ``If-Modified-Since`` from a previous response's validators."""
    headers = {}
    if previous and previous.get("etag"):
        headers["If-None-Match"] = previous["etag"]
    if previous and previous.get("last_modified"):
        headers["If-Modified-Since"] = previous["last_modified"]
    return headers


def validators(headers: Any) -> dict[str, str | None]:
    """The ``ETag`` and ``Last-Modified`` of a Scrapy response's headers."""

    def get(name: str) -> str | None:
        value = headers.get(name)
        return value.decode("latin-1") if value else None

    return {"etag": get("ETag"), "last_modified": get("Last-Modified")}
