"""Data tables with header cells say what they show in a caption (GOV.UK Design System)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.dom import outer_html
from council_audit.checks.common.page import PageView
from council_audit.checks.common.tables import (
    figure_caption,
    has_header_markup,
    is_layout,
    is_presentational,
    rows,
    table_name,
    tables,
)
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="table-caption-missing",
    title="Data tables have a caption",
    group="structure",
    impact="minor",
    guidance="GOV.UK Design System: tables use a caption saying what they show",
    help_url="https://design-system.service.gov.uk/components/table/",
    how_to_fix=(
        "Say what the table shows in a <caption> as its first child, e.g. "
        "<caption>Bin collection days by area</caption>."
    ),
    description=(
        "Data tables with header cells but no caption, aria-label or aria-labelledby (or "
        "figcaption of a figure holding only the table) are asked for review. The GOV.UK "
        "Design System gives every table a caption so people know what it holds before "
        "reading it. WCAG does not require a caption, so this is not scored against WCAG."
    ),
)
MIN_ROWS = 2


def evaluate(page: PageView) -> Iterator[Outcome]:
    for table in tables(page):
        if is_presentational(table) or is_layout(table) or not has_header_markup(table):
            continue
        if len(rows(table)) < MIN_ROWS:
            continue
        selector, snippet = page.selector_for(table), outer_html(table, 300)
        if table_name(page, table) or figure_caption(table):
            yield Outcome("pass", selector, snippet)
        else:
            message = "This data table has no <caption> (or aria-label) saying what it shows."
            yield Outcome("review", selector, snippet, message)
