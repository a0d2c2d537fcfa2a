"""A link's programmatically determined context (WCAG 2.4.4): the text of the sentence,
paragraph, list item or table cell it sits in (with the cell's column header, technique
H79), the item a nested list hangs from (H81), leaving out the text of the links
themselves; and the heading before it (H80)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.dom import NO_TEXT_TAGS, hidden_by_markup, squash, text_of
from council_audit.checks.common.page import PageView

CONTAINERS = ("p", "li", "td", "th", "dd", "dt", "figcaption", "caption", "blockquote")
BOUNDARIES = ("body", "table", "main", "nav", "section", "article", "header", "footer")
INLINE = frozenset(
    "span strong em b i u small mark abbr cite code q time data sub sup label bdi bdo".split()
)
WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def context_text(page: PageView, link: lxml.html.HtmlElement) -> str:
    """The text around ``link`` that tells what it is for, or "" when it stands alone."""
    container, sentence_only = _container(link)
    if container is None:
        return ""
    parts: list[str] = []
    _collect_without_links(container, parts, sentence_only)
    if container.tag in ("td", "th"):
        parts.append(_column_header(container))
    if container.tag == "li":
        parts.append(_parent_item(container))
    return squash(" ".join(parts))


def has_context(page: PageView, link: lxml.html.HtmlElement) -> bool:
    return bool(WORD.search(context_text(page, link)))


def heading_before(link: lxml.html.HtmlElement) -> str:
    """The text of the nearest heading (h1-h6 or role=heading) before ``link`` in the
    document, or "" when none comes before it (technique H80)."""
    for el in _preceding(link):
        if not isinstance(el.tag, str) or hidden_by_markup(el):
            continue
        if el.tag in HEADINGS or el.get("role") == "heading":
            text = text_of(el)
            if WORD.search(text):
                return text
    return ""


def _preceding(el: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """Elements before ``el`` in document order, nearest first (not its ancestors)."""
    node = el
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            yield from reversed(list(sibling.iter()))
        node = node.getparent()


def _parent_item(item: lxml.html.HtmlElement) -> str:
    """The own text of the list item a nested list sits in (technique H81)."""
    lst = item.getparent()
    parent = lst.getparent() if lst is not None else None
    if parent is None or parent.tag != "li":
        return ""
    parts: list[str] = []
    _collect_without_links(parent, parts, True)
    return " ".join(parts)


def _container(
    link: lxml.html.HtmlElement,
) -> tuple[lxml.html.HtmlElement | None, bool]:
    """The paragraph, list item or cell holding the link; else its parent, of which only
    the inline text beside the link (its sentence) counts."""
    for ancestor in link.iterancestors():
        if ancestor.tag in CONTAINERS:
            return ancestor, False
        if ancestor.tag in BOUNDARIES:
            break
    parent = link.getparent()
    if parent is not None and parent.tag not in ("body", "html"):
        return parent, True
    return None, True


def _collect_without_links(el: lxml.html.HtmlElement, parts: list[str], inline: bool) -> None:
    parts.append(el.text or "")
    for child in el:
        if isinstance(child.tag, str) and child.tag not in NO_TEXT_TAGS:
            is_link = child.tag in ("a", "area") or child.get("role") == "link"
            skip = is_link or (inline and child.tag not in INLINE)
            if not skip and not hidden_by_markup(child):
                _collect_without_links(child, parts, inline)
        parts.append(child.tail or "")


def _column_header(cell: lxml.html.HtmlElement) -> str:
    row = cell.getparent()
    table = next((a for a in cell.iterancestors("table")), None)
    if row is None or table is None:
        return ""
    column = [c for c in row if c.tag in ("td", "th")].index(cell)
    for first in table.iter("tr"):
        heads = [c for c in first if c.tag in ("td", "th")]
        if first is row or column >= len(heads):
            return ""
        return text_of(heads[column]) if heads[column].tag == "th" else ""
    return ""
