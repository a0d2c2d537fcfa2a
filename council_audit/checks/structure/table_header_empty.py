"""Table header cells are not empty (WCAG 1.3.1)."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.dom import outer_html, squash
from council_audit.checks.common.page import PageView
from council_audit.checks.common.tables import (
    cells,
    header_text,
    is_header,
    is_presentational,
    rows,
    tables,
)
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="table-header-empty",
    title="Table header cells are not empty",
    group="structure",
    impact="moderate",
    wcag=("1.3.1",),
    help_url="https://www.w3.org/WAI/tutorials/tables/two-headers/",
    how_to_fix=(
        "Put the column or row's name in every <th>. A cell with nothing to say should be "
        "a <td>; the empty top-left corner of a table with row and column headers should "
        "be a <td> too (or be given a name such as 'Area')."
    ),
    description=(
        "Empty <th> cells (no text, no aria-label) in a table that has other headers: "
        "screen readers read out an empty header for every cell below or beside it. The "
        "top-left corner of a table with both row and column headers is asked for review, "
        "and so is an empty header over a column of images or icons only (file types, "
        "thumbnails), whose alt text may say enough. "
        "axe-core's empty-table-header is a best practice; this one is WCAG 1.3.1."
    ),
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    for table in tables(page):
        if is_presentational(table):
            continue
        grid = [cells(r) for r in rows(table)]
        headers = [c for row in grid for c in row if is_header(c)]
        empty = [h for h in headers if not header_text(page, h)]
        if len(empty) == len(headers):
            continue  # no named headers: not a table with headers to compare
        for cell in empty:
            selector, snippet = page.selector_for(cell), outer_html(cell)
            if _corner(page, cell, grid):
                message = (
                    "The top-left header cell is empty. Make it a <td>, or name what the "
                    "row headers are."
                )
                yield Outcome("review", selector, snippet, message)
            elif _over_pictures(cell, grid):
                message = (
                    "This header cell is empty, over a column of images or icons only: if"
                    " their alt text says what each is (a file type, a thumbnail), nothing"
                    " is lost; if the column holds information, name it."
                )
                yield Outcome("review", selector, snippet, message)
            else:
                message = "This header cell is empty, so the cells it heads have no header."
                yield Outcome("fail", selector, snippet, message)
        yield Outcome("pass", page.selector_for(table), "")


def _corner(page: PageView, cell: lxml.html.HtmlElement, grid: list[list]) -> bool:
    """The first cell of the first row, in a table with column and row headers."""
    if not grid or not grid[0] or grid[0][0] is not cell:
        return False
    column_headers = any(is_header(c) and header_text(page, c) for c in grid[0][1:])
    row_headers = any(row and is_header(row[0]) and header_text(page, row[0]) for row in grid[1:])
    return column_headers and row_headers


def _over_pictures(cell: lxml.html.HtmlElement, grid: list[list]) -> bool:
    """A column header (first row) whose column's other cells hold images and no text."""
    if not grid or cell not in grid[0]:
        return False
    i = grid[0].index(cell)
    column = [row[i] for row in grid[1:] if len(row) > i]
    return bool(column) and all(
        not squash(c.text_content()) and next(c.iter("img", "svg"), None) is not None
        for c in column
    )
