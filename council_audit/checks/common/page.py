"""What a check sees of a page: its rendered HTML, parsed once, and the facts the
browser gathered. No browser and no network here."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import lxml.html
from lxml.etree import ParserError

from council_audit.settings import Settings

# Elements that are not the page's main content (nav, header, footer, banners, code).
CHROME_TAGS = ("nav", "header", "footer", "aside", "script", "style", "noscript", "template")
CHROME_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search")
COOKIE_HINTS = ("cookie", "consent", "gdpr")
# An id usable as a CSS #selector without escaping (not starting with a digit or "-digit").
CSS_IDENT = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")
T = TypeVar("T")


@dataclass
class PageView:
    url: str
    html: str
    final_url: str = ""
    status: int | None = 200
    facts: dict[str, Any] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, worked out once per page: what several checks read (the text
        units, the links) is not recomputed by each."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]  # type: ignore[no-any-return]

    @cached_property
    def tree(self) -> lxml.html.HtmlElement:
        try:
            return lxml.html.document_fromstring(self.html or "<html></html>")
        except (ParserError, ValueError):
            return lxml.html.document_fromstring("<html></html>")

    def fact(self, name: str) -> dict[str, Any] | None:
        """The browser fact or probe result ``name``, or None when it is missing or
        its gatherer failed (``{"error": ...}``)."""
        value = self.facts.get(name)
        return value if isinstance(value, dict) and "error" not in value else None

    @property
    def title(self) -> str | None:
        """The document title, or None when there is no <title> element."""
        if "title" in self.facts.get("document", {}):
            return self.facts["document"]["title"]
        found = self.tree.find(".//title")
        return None if found is None else found.text_content().strip()

    @property
    def unstyled(self) -> bool:
        """True when the browser showed the page without any of its stylesheets (the
        body kept the browser's own margin and font)."""
        return self.facts.get("document", {}).get("unstyled") is True

    @property
    def is_html(self) -> bool:
        """False for SVG and other XML documents (root element not <html>), as the
        browser saw them; True when no browser facts were gathered."""
        root = self.facts.get("document", {}).get("root")
        return not isinstance(root, str) or root.lower() == "html"

    @property
    def lang(self) -> str | None:
        """The lang attribute of <html>, or None when it is missing."""
        return self.tree.get("lang")

    @cached_property
    def main(self) -> lxml.html.HtmlElement:
        """The main content: <main> or role=main if there is one, else <body>."""
        for xpath in ("//main", "//*[@role='main']", "//body"):
            found = self.tree.xpath(xpath)
            if found:
                return found[0]
        return self.tree

    @cached_property
    def _id_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for value in self.tree.xpath("//@id"):
            counts[str(value)] = counts.get(str(value), 0) + 1
        return counts

    def selector_for(self, el: lxml.html.HtmlElement) -> str:
        """A CSS selector that finds ``el``: its id if unique, else a path of nth-childs.
        The same scheme as ``cssPath`` in council_audit/facts/_common.js."""
        el_id = el.get("id")
        if el_id and CSS_IDENT.match(el_id) and self._id_counts.get(el_id) == 1:
            return f"#{el_id}"
        parts = []
        node = el
        while node is not None and isinstance(node.tag, str) and node.tag != "html":
            parent = node.getparent()
            if parent is None:
                break
            same = [c for c in parent if isinstance(c.tag, str)]
            parts.append(f"{node.tag}:nth-child({same.index(node) + 1})")
            node = parent
        return " > ".join(["html", *reversed(parts)])


def is_chrome(el: lxml.html.HtmlElement) -> bool:
    """True for navigation, header, footer, cookie banners and other non-content."""
    if el.tag in CHROME_TAGS or el.get("role") in CHROME_ROLES:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    marker = f"{el.get('id', '')} {el.get('class', '')}".lower()
    return any(hint in marker for hint in COOKIE_HINTS)
