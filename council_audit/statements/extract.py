"""The text of a statement page: main content only, headings kept as ``## `` lines and
list items as ``- `` lines, and the links to contact or feedback forms in it."""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import ParserError

from council_audit.checks.common.page import is_chrome

MAX_CHARS = 100_000
BLOCKS = {"p", "li", "td", "th", "dt", "dd", "blockquote", "address", "figcaption", "caption"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
FEEDBACK_LINK = re.compile(r"contact|feedback|report|complain|form|email us|cysylltu|adborth", re.I)


def page_text(html: str) -> tuple[str, list[str]]:
    """(text, texts of links to contact or feedback forms) of the page's main content."""
    try:
        tree = lxml.html.document_fromstring(html or "<html></html>")
    except (ParserError, ValueError):
        return "", []
    root = _main(tree)
    lines: list[str] = []
    _walk(root, lines)
    links = []
    for a in root.iter("a"):
        text = " ".join(a.text_content().split())
        href = a.get("href") or ""
        if href.startswith("mailto:") or FEEDBACK_LINK.search(f"{text} {href}"):
            links.append(text or href)
    return "\n".join(lines)[:MAX_CHARS], links[:50]


def _main(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for xpath in ("//main", "//*[@role='main']", "//body"):
        found = tree.xpath(xpath)
        if found:
            return found[0]
    return tree


def _walk(el: lxml.html.HtmlElement, lines: list[str]) -> None:
    for child in el:
        if not isinstance(child.tag, str) or (is_chrome(child) and child.tag != "header"):
            continue
        if child.tag in HEADINGS:
            lines.append("## " + " ".join(child.text_content().split()))
        elif child.tag in BLOCKS and not child.xpath(".//p|.//li|.//table"):
            text = " ".join(child.text_content().split())
            if text:
                lines.append(("- " if child.tag == "li" else "") + text)
        else:
            if child.text and child.text.strip() and child.tag not in ("script", "style"):
                lines.append(" ".join(child.text.split()))
            _walk(child, lines)
