"""Tables used to lay out the page say so with role=presentation (WCAG 1.3.1)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.dom import outer_html
from council_audit.checks.common.page import PageView
from council_audit.checks.common.tables import (
    inside_layout_table,
    is_layout,
    is_presentational,
    layout_signs,
    tables,
)
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="layout-table",
    title="Tables are not used for page layout",
    group="structure",
    impact="moderate",
    wcag=("1.3.1",),
    help_url="https://www.w3.org/WAI/tutorials/tables/",
    how_to_fix=(
        "Lay the page out with CSS (flexbox or grid) instead of a table. If the table "
        'cannot be removed yet, add role="presentation" so screen readers do not announce '
        "rows and columns that mean nothing."
    ),
    description=(
        "Tables with no header cells and no caption that hold other tables, headings, "
        "forms or several paragraphs and lists, have a single row or column, or are just "
        "a grid of links: screen readers announce them as data tables. Tables with "
        "role=presentation pass. A heuristic, so it asks for review. Opt-in: on real "
        "council pages most tables it flagged were layout tables that browsers already "
        "expose as layout (no header cells), which WCAG 1.3.1 does not fail."
    ),
    opt_in=True,
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    for table in tables(page):
        if inside_layout_table(table):
            continue  # the outer table's finding covers it
        selector, snippet = page.selector_for(table), outer_html(table, 300)
        if is_presentational(table) or not is_layout(table):
            yield Outcome("pass", selector, snippet)
            continue
        signs = layout_signs(table)
        message = (
            f"This table looks like page layout ({'; '.join(signs)}) but has no "
            'role="presentation", so screen readers announce it as a data table.'
        )
        yield Outcome("review", selector, snippet, message, extras={"signs": signs})
