"""Lists are marked up as lists, not typed as bullet characters (WCAG 1.3.1)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html

from council_audit.checks.common.dom import outer_html, squash, text_of
from council_audit.checks.common.page import PageView, is_chrome
from council_audit.checks.common.text import words
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="fake-list",
    title="Lists are marked up as lists",
    group="structure",
    impact="moderate",
    wcag=("1.3.1",),
    help_url="https://www.w3.org/WAI/tutorials/page-structure/content/#lists",
    how_to_fix=(
        "Use <ul> with <li> items for bullet points and <ol> for numbered steps, instead "
        "of paragraphs or line breaks that start with '•', '-' or '1.'. Screen readers then "
        "say it is a list and how many items it has."
    ),
    description=(
        "Three or more paragraphs in a row, or lines split by <br>, that start with a "
        "bullet character, a dash, or consecutive numbers or letters ('1.', '2)', 'a)'). "
        "Runs of paragraphs starting with a bullet or dash fail; numbered runs and "
        "<br>-separated lines are asked for review."
    ),
)
BULLET = re.compile(r"^([•●·▪■◦‣►▸➢➤∙⁃○□✓✔]|[-–—](?=\s)|\*(?=\s))\s*(?=\S)")
NUMBER = re.compile(r"^\(?(\d{1,2})[.)]\s+(?=\S)")
LETTER = re.compile(r"^\(?([a-hA-H])[.)]\s+(?=\S)")
CERTAIN_BULLETS = frozenset("•●·▪■◦‣►▸➢➤∙⁃○□-–—")
BLOCK_TAGS = ("p", "div")
LINE_HOLDERS = ("p", "div", "td", "dd", "li", "blockquote")
NOT_TEXT = frozenset({"pre", "code", "textarea", "script", "style", "template", "noscript"})
BLOCK_CHILDREN = ("p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section")
MIN_ITEMS = 3
CLAUSE_WORDS = 50  # numbered paragraphs longer than this are clauses of a document


@dataclass(frozen=True)
class Marker:
    kind: str  # "bullet", "number" or "letter"
    value: str
    shown: str = ""  # as written, e.g. "2)"


def marker(text: str) -> Marker | None:
    """The list marker a line of text starts with, if any."""
    text = text.lstrip()
    for kind, pattern in (("bullet", BULLET), ("number", NUMBER), ("letter", LETTER)):
        match = pattern.match(text)
        if match:
            return Marker(kind, match.group(1).lower(), match.group(0).strip())
    return None


def follows(a: Marker, b: Marker) -> bool:
    """True when ``b`` can be the item after ``a`` in one list."""
    if a.kind != b.kind:
        return False
    if a.kind == "bullet":
        return a.value == b.value
    if a.kind == "number":
        return int(b.value) == int(a.value) + 1
    return ord(b.value) == ord(a.value) + 1


def runs(texts: list[str]) -> Iterator[tuple[int, int, Marker]]:
    """(start, end, first marker) of each stretch of MIN_ITEMS or more texts whose markers follow on."""
    start = 0
    while start < len(texts):
        first = marker(texts[start])
        end = start + 1
        while first and end < len(texts):
            nxt, prev = marker(texts[end]), marker(texts[end - 1])
            if not (nxt and prev and follows(prev, nxt)):
                break
            end += 1
        if first and end - start >= MIN_ITEMS:
            yield start, end, first
        start = end


def evaluate(page: PageView) -> Iterator[Outcome]:
    for container in _containers(page.main):
        blocks = [c for c in container if c.tag in BLOCK_TAGS and not _has_blocks(c)]
        yield from _block_runs(page, container, blocks)
        if container.tag in LINE_HOLDERS and any(True for _ in container.iterchildren("br")):
            yield from _line_runs(page, container)


def _containers(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """Elements of the main content whose children may be list-like, chrome left out."""
    yield root
    for child in root:
        if not isinstance(child.tag, str) or child.tag in NOT_TEXT:
            continue
        hidden = child.get("hidden") is not None or child.get("aria-hidden") == "true"
        if hidden or (root.tag == "body" and is_chrome(child)):
            continue
        yield from _containers(child)


def _has_blocks(el: lxml.html.HtmlElement) -> bool:
    return any(True for _ in el.iterchildren(*BLOCK_CHILDREN))


def _block_runs(
    page: PageView, container: lxml.html.HtmlElement, blocks: list[lxml.html.HtmlElement]
) -> Iterator[Outcome]:
    """Paragraphs (or text-only divs) that follow each other and start with markers."""
    for group in _adjacent(blocks):
        texts = [squash(el.text_content()) for el in group]
        for start, end, first in runs(texts):
            items = group[start:end]
            certain = first.kind == "bullet" and first.value in CERTAIN_BULLETS
            certain = certain and all(el.tag == "p" for el in items)
            if _clauses(first, texts[start:end]):
                continue
            status = "fail" if certain else "review"
            what = "paragraphs" if all(el.tag == "p" for el in items) else "blocks"
            message = (
                f"{len(items)} {what} in a row start with '{_shown(first)}': this looks like "
                "a list that is not marked up as one."
            )
            extras = {"items": len(items), "marker": first.value}
            yield Outcome(
                status, page.selector_for(items[0]), outer_html(items[0]), message, extras=extras
            )


def _adjacent(blocks: list[lxml.html.HtmlElement]) -> list[list[lxml.html.HtmlElement]]:
    """The blocks in groups of next-door siblings (line breaks between them allowed)."""
    groups: list[list[lxml.html.HtmlElement]] = []
    for el in blocks:
        previous = el.getprevious()
        while previous is not None and (not isinstance(previous.tag, str) or previous.tag == "br"):
            previous = previous.getprevious()
        if groups and previous is groups[-1][-1]:
            groups[-1].append(el)
        else:
            groups.append([el])
    return groups


def _line_runs(page: PageView, holder: lxml.html.HtmlElement) -> Iterator[Outcome]:
    """Lines of one element, split by <br>, that start with markers."""
    lines = _lines(holder)
    for start, end, first in runs(lines):
        if _clauses(first, lines[start:end]):
            continue
        message = (
            f"{end - start} lines split by line breaks start with '{_shown(first)}': this "
            "looks like a list that is not marked up as one."
        )
        extras = {"items": end - start, "marker": first.value}
        yield Outcome(
            "review",
            page.selector_for(holder),
            outer_html(holder),
            message,
            key=f"lines-{start}",
            extras=extras,
        )


def _lines(el: lxml.html.HtmlElement) -> list[str]:
    """The element's text split at its own <br> children."""
    lines, current = [], [el.text or ""]
    for child in el:
        if child.tag == "br":
            lines.append(squash(" ".join(current)))
            current = []
        elif isinstance(child.tag, str):
            current.append(text_of(child))
        current.append(child.tail or "")
    lines.append(squash(" ".join(current)))
    return [line for line in lines if line]


def _clauses(first: Marker, texts: list[str]) -> bool:
    """Long numbered paragraphs: the numbered clauses of a policy, not a fake list."""
    if first.kind == "bullet":
        return False
    return sum(len(words(t)) for t in texts) / len(texts) > CLAUSE_WORDS


def _shown(first: Marker) -> str:
    return first.shown or first.value
