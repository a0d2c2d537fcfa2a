"""CSV cells a spreadsheet would run as formulas (OWASP's advice on CSV injection): a
cell that starts with ``=``, ``+``, ``-``, ``@``, TAB or CR, even after leading spaces or
line breaks, gets a leading apostrophe. Used by ``report --format csv`` and by every CSV
the public site serves (``datasette/plugins/council_audit_csv.py``)."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: Any) -> Any:
    """``value`` with a leading apostrophe when it is text a spreadsheet would read as a
    formula; numbers and other values unchanged."""
    if isinstance(value, str) and (
        value.startswith(FORMULA_STARTS) or value.lstrip(" \t\r\n").startswith(FORMULA_STARTS)
    ):
        return "'" + value
    return value


def defuse_cell(cell: str) -> str:
    """:func:`defuse` for a cell of CSV text, where numbers are text too: "-5" and "+1.5"
    stay numbers, "-1+cmd" and "=1+1" are defused."""
    if cell[:1] in "+-" and _is_number(cell):
        return cell
    return defuse(cell)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lower().lstrip("+-") not in ("inf", "infinity", "nan")
