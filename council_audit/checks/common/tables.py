"""Tables as checks see them: their own rows and cells (not those of nested tables),
header cells, names, and the signs that a table lays out a page rather than holding
data. Shared by the layout-table, data-table-headers and table-header-empty checks,
so that one table is never both a layout table and a data table without headers."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.dom import hidden_by_markup, idref_text, squash, text_of
from council_audit.checks.common.page import PageView

SECTIONS = ("thead", "tbody", "tfoot")
HEADER_ROLES = frozenset({"columnheader", "rowheader"})
PRESENTATIONAL = frozenset({"presentation", "none"})
BLOCK_TAGS = ("p", "ul", "ol", "dl", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "form")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
FIELD_TAGS = ("input", "select", "textarea")
EMBEDDED = (*FIELD_TAGS, "button", "img", "svg", "canvas", "object", "embed")
MANY_BLOCKS = 4
LINK_GRID = 0.75
DATA_ROLES = frozenset({"table", "grid", "treegrid"})
DATA_ATTRIBUTES = ("aria-rowcount", "aria-colcount", "aria-label", "aria-labelledby", "summary")


def tables(page: PageView) -> Iterator[lxml.html.HtmlElement]:
    """Every table not hidden by its markup, in document order."""
    for table in page.tree.iter("table"):
        if not hidden_by_markup(table):
            yield table


def rows(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The table's own rows, in order (rows of nested tables are theirs)."""
    found = []
    for child in table:
        if child.tag == "tr":
            found.append(child)
        elif child.tag in SECTIONS:
            found.extend(c for c in child if c.tag == "tr")
    return found


def cells(row: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [c for c in row if c.tag in ("td", "th")]


def all_cells(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [c for row in rows(table) for c in cells(row)]


def is_header(cell: lxml.html.HtmlElement) -> bool:
    return cell.tag == "th" or cell.get("role") in HEADER_ROLES


def is_presentational(table: lxml.html.HtmlElement) -> bool:
    return (table.get("role") or "").strip().lower() in PRESENTATIONAL


def has_header_markup(table: lxml.html.HtmlElement) -> bool:
    """Header cells, or cells that point at headers with scope or headers."""
    return any(is_header(c) or c.get("scope") or c.get("headers") for c in all_cells(table))


def caption_text(table: lxml.html.HtmlElement) -> str:
    caption = next((c for c in table if c.tag == "caption"), None)
    return "" if caption is None else text_of(caption)


def table_name(page: PageView, table: lxml.html.HtmlElement) -> str:
    """The table's accessible name: aria-labelledby, aria-label, caption or title."""
    return (
        idref_text(page, table.get("aria-labelledby"))
        or squash(table.get("aria-label") or "")
        or caption_text(table)
        or squash(table.get("title") or "")
    )


def figure_caption(table: lxml.html.HtmlElement) -> str:
    """The <figcaption> of a <figure> that holds just this table (WordPress's table block)."""
    figure = table.getparent()
    if figure is None or figure.tag != "figure" or len(list(figure.iter("table"))) != 1:
        return ""
    caption = next((c for c in figure if c.tag == "figcaption"), None)
    return "" if caption is None else text_of(caption)


def header_text(page: PageView, cell: lxml.html.HtmlElement) -> str:
    """What a header cell says; a cell holding a control, image or icon is taken to say
    something (its name is not worked out here)."""
    text = (
        idref_text(page, cell.get("aria-labelledby"))
        or squash(cell.get("aria-label") or "")
        or text_of(cell)
        or squash(cell.get("title") or "")
    )
    if not text and any(True for _ in cell.iterdescendants(*EMBEDDED)):
        return "(embedded content)"
    return text


def layout_signs(table: lxml.html.HtmlElement) -> list[str]:
    """Why a table without headers or caption looks like page layout, not data."""
    grid = rows(table)
    widths = [len(cells(r)) for r in grid]
    signs = []
    if any(True for _ in table.iterdescendants("table")):
        signs.append("it holds another table")
    if any(True for _ in table.iterdescendants(*HEADING_TAGS)):
        signs.append("it holds headings")
    if any(True for _ in table.iterdescendants("form")) or _form_rows(grid) >= 2:
        signs.append("it lays out a form")
    blocks = sum(1 for _ in table.iterdescendants(*BLOCK_TAGS))
    if blocks >= MANY_BLOCKS:
        signs.append("its cells hold paragraphs or lists")
    if len(grid) == 1 and max(widths) <= 1:
        if blocks and not signs:
            signs.append("its one cell wraps paragraphs or lists")
    elif grid and max(widths) <= 1:
        signs.append("it has one column")
    elif len(grid) == 1:
        signs.append("it has one row")
    if _link_grid(table):
        signs.append("its cells are just links or images")
    return signs


def _form_rows(grid: list[lxml.html.HtmlElement]) -> int:
    return sum(1 for r in grid if any(True for _ in r.iter(*FIELD_TAGS)))


def _link_grid(table: lxml.html.HtmlElement) -> bool:
    filled = [c for c in all_cells(table) if text_of(c) or any(True for _ in c.iter("img"))]
    if len(filled) < 2:
        return False
    linked = [c for c in filled if _only_link(c)]
    return len(linked) / len(filled) >= LINK_GRID


def _only_link(cell: lxml.html.HtmlElement) -> bool:
    links = list(cell.iter("a"))
    if not links:
        return False
    return len(" ".join(text_of(a) for a in links)) >= len(text_of(cell))


def is_layout(table: lxml.html.HtmlElement) -> bool:
    """No headers, no caption, no sign the author meant a data table, and at least one
    sign of layout (role=presentation tables say so themselves and are not counted)."""
    if is_presentational(table) or has_header_markup(table) or caption_text(table):
        return False
    if declared_data(table):
        return False
    return bool(layout_signs(table))


def declared_data(table: lxml.html.HtmlElement) -> bool:
    """An explicit table role (table, grid, treegrid) or ARIA table attributes: the
    author says it holds data, whatever it looks like."""
    role = (table.get("role") or "").strip().lower().split()
    if role and role[0] in DATA_ROLES:
        return True
    return any(table.get(attr) for attr in DATA_ATTRIBUTES)


def inside_layout_table(table: lxml.html.HtmlElement) -> bool:
    return any(is_layout(a) or is_presentational(a) for a in table.iterancestors("table"))
