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
        "layout) with no <th> and no scope or headers attributes fail: screen readers "
        "cannot say which column a value is in. A missing caption is the separate "
        "table-caption-missing check."
    ),
)
MIN_ROWS = MIN_COLUMNS = 2
MIN_FILLED = 4


def evaluate(page: PageView) -> Iterator[Outcome]:
    for table in tables(page):
        if is_presentational(table) or is_layout(table):
            continue
        selector, snippet = page.selector_for(table), outer_html(table, 300)
        if not has_header_markup(table):
            if _holds_data(table):
                message = (
                    "This data table has no header cells (<th>), so screen readers cannot "
                    "say which row or column a value belongs to."
                )
                yield Outcome("fail", selector, snippet, message, key="headers")
            continue
        yield Outcome("pass", selector, snippet, key="headers")


def _holds_data(table: lxml.html.HtmlElement) -> bool:
    grid = rows(table)
    filled = [c for c in all_cells(table) if text_of(c)]
    widest = max((len(cells(r)) for r in grid), default=0)
    return len(grid) >= MIN_ROWS and widest >= MIN_COLUMNS and len(filled) >= MIN_FILLED
