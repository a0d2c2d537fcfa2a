"""Data tables mark their header cells (WCAG 1.3.1)."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.dom import outer_html, text_of
from council_audit.checks.common.page import PageView
from council_audit.checks.common.tables import (
    all_cells,
    cells,
    has_header_markup,
    is_layout,
    is_presentational,
    rows,
    tables,
)
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="data-table-headers",
    title="Data tables have header cells",
    group="structure",
    impact="serious",
    wcag=("1.3.1",),
    help_url="https://www.w3.org/WAI/tutorials/tables/",
    how_to_fix=(
        'Mark the cells that head each column or row as <th> (with scope="col" or '
        'scope="row"), not bold <td>s.'
    ),
    description=(
        "Data tables (two or more rows and columns of filled cells, not laid out as page "
        "layout) whose first row or column reads as headers (in <thead>, bold, or labels "
        "over a column of figures or links) but has no <th> and no scope or headers "
        "attributes fail: screen readers cannot say which column a value is in. A table "
        "with no headers to convey (a list of downloads, dates and events) is not "
        "flagged; a two-column table of bold labels and their values, read label then "
        "value, asks for review. A missing caption is the separate table-caption-missing check."
    ),
)
MIN_ROWS = MIN_COLUMNS = 2
MIN_FILLED = 4
LABEL_WORDS = 5  # longest column heading, in words


def evaluate(page: PageView) -> Iterator[Outcome]:
    for table in tables(page):
        if is_presentational(table) or is_layout(table):
            continue
        selector, snippet = page.selector_for(table), outer_html(table, 300)
        if not has_header_markup(table):
            looks = _headers_shown(table) if _holds_data(table) else ""
            if looks == "first column" and _widest(table) == 2:
                message = (
                    "This two-column table's bold first column reads as labels for the"
                    " values beside it. Read in order, each label comes just before its"
                    " value; moving down the values, screen readers cannot say which label"
                    ' a value has. Mark the labels as <th scope="row"> (or use a'
                    " description list)."
                )
                yield Outcome("review", selector, snippet, message, key="headers")
            elif looks:
                message = (
                    f"This data table's {looks} reads as headers but is not marked up as"
                    " header cells (<th>), so screen readers cannot say which row or"
                    " column a value belongs to."
                )
                yield Outcome("fail", selector, snippet, message, key="headers")
            continue
        yield Outcome("pass", selector, snippet, key="headers")


def _holds_data(table: lxml.html.HtmlElement) -> bool:
    filled = [c for c in all_cells(table) if text_of(c)]
    return (
        len(rows(table)) >= MIN_ROWS and _widest(table) >= MIN_COLUMNS and len(filled) >= MIN_FILLED
    )


def _widest(table: lxml.html.HtmlElement) -> int:
    return max((len(cells(r)) for r in rows(table)), default=0)


def _headers_shown(table: lxml.html.HtmlElement) -> str:
    """Which cells of a table without header markup are shown as headers: "first row"
    (in <thead>, all bold, or labels over a column of figures or links), "first column"
    (all bold), or "" (nothing reads as a header: a list of downloads, of dates and
    events, has no headers to convey)."""
    grid = [cells(r) for r in rows(table)]
    first, body = grid[0], grid[1:]
    if first and (first[0].getparent().getparent().tag == "thead" or all(map(_bold, first))):
        return "first row"
    if first and all(map(_label, first)) and _column_of_values(first, body):
        return "first row"
    if (
        len(grid) >= MIN_ROWS
        and all(row and _bold(row[0]) for row in grid)
        and any(len(row) > 1 and not _bold(row[1]) for row in grid)
    ):
        return "first column"
    return ""


def _bold(cell: lxml.html.HtmlElement) -> bool:
    """All of the cell's text is in <strong> or <b> (or bold by its own style)."""
    text = text_of(cell)
    if not text:
        return False
    style = (cell.get("style") or "").replace(" ", "").lower()
    if "font-weight:bold" in style or "font-weight:700" in style:
        return True
    strong = "".join(
        text_of(e) for e in cell.iter("strong", "b") if e.getparent().tag not in ("strong", "b")
    )
    return strong.replace(" ", "") == text.replace(" ", "")


def _label(cell: lxml.html.HtmlElement) -> bool:
    """Short text with no figures and no link: what a column heading looks like."""
    text = text_of(cell)
    return (
        bool(text)
        and len(text.split()) <= LABEL_WORDS
        and not any(ch.isdigit() for ch in text)
        and next(cell.iter("a"), None) is None
    )


def _column_of_values(first: list, body: list[list]) -> bool:
    """Some column under ``first`` holds, in every body row, figures or a link."""
    for i in range(len(first)):
        column = [row[i] for row in body if len(row) > i]
        if column and all(_value(c) for c in column):
            return True
    return False


def _value(cell: lxml.html.HtmlElement) -> bool:
    return any(ch.isdigit() for ch in text_of(cell)) or next(cell.iter("a"), None) is not None
