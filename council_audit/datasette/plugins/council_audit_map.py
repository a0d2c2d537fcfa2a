"""A hex map of UK councils with the league measure drawn on it, as server-side SVG (no
JavaScript, nothing from another server), for the home page and the league table.

Each council is one hexagon of an equal-area hex cartogram (``hexmaps/``, Open
Innovations, MIT), keyed by GSS code. A council with results is coloured by its figure
and links to its page; one without is white with a grey outline and says "no results".
Councils that are not on the map (county councils, the fictional demo councils, other
bodies) are drawn in a row beneath it. The template ``_hexmap.html`` draws the geometry
made here, with a legend and a list of the figures as the text alternative.

Self-contained (Datasette and the standard library only), like the site plugin.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

from datasette import hookimpl

HEXJSON = Path(__file__).parent / "hexmaps" / "uk-local-authority-districts-2023.hexjson"
SIZE = 9.0  # a hexagon's radius in SVG units
MARGIN = 12.0
# Light (fewest errors) to dark (most): viridis, distinguishable with colour-blindness
# and in greyscale. Every hexagon has a dark outline, so none relies on fill contrast.
PALETTE = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
TEXT_ON = ("#0b0c0c", "#0b0c0c", "#ffffff", "#ffffff", "#ffffff")
NO_DATA = "#ffffff"


@functools.lru_cache(maxsize=1)
def hexes() -> dict[str, dict[str, Any]]:
    return json.loads(HEXJSON.read_text(encoding="utf-8"))["hexes"]


def corners(cx: float, cy: float, size: float = SIZE) -> str:
    """A pointy-topped hexagon's corners as an SVG points list."""
    points = []
    for i in range(6):
        angle = math.radians(60 * i - 30)
        points.append(f"{cx + size * math.cos(angle):.1f},{cy + size * math.sin(angle):.1f}")
    return " ".join(points)


def bins(values: list[float]) -> list[float]:
    """Upper bounds of five equal bands from 0 to a round number at or above the
    largest value."""
    top = max(values or [0.0])
    step = nice_step(top / 5) if top > 0 else 0.2
    return [round(step * (i + 1), 6) for i in range(5)]


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^n at or above ``raw``."""
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


def band(value: float, bounds: list[float]) -> int:
    for i, upper in enumerate(bounds):
        if value <= upper:
            return i
    return len(bounds) - 1


def number(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text or "0"


def hex_map(
    councils: list[dict[str, Any]], measure: str, label: str, href: Any, suffix: str = ""
) -> dict[str, Any]:
    """The map's geometry: ``councils`` are league rows (``council_code``,
    ``council_name``, ``gss_code`` and ``measure``); ``href(code)`` makes a council's
    link."""
    values = [c[measure] for c in councils if c.get(measure) is not None]
    bounds = bins(values)
    by_gss = {c["gss_code"]: c for c in councils if c.get("gss_code")}
    width = math.sqrt(3) * SIZE
    grid = hexes()
    top_r = max(h["r"] for h in grid.values())
    left_q = min(h["q"] for h in grid.values())
    drawn, seen = [], set()
    for gss, h in sorted(grid.items(), key=lambda kv: (-kv[1]["r"], kv[1]["q"])):
        cx = MARGIN + (h["q"] - left_q) * width + (width / 2 if h["r"] % 2 else 0) + width / 2
        cy = MARGIN + (top_r - h["r"]) * 1.5 * SIZE + SIZE
        council = by_gss.get(gss)
        if council is not None:
            seen.add(council["council_code"])
        drawn.append(cell(council, h["n"], cx, cy, (measure, label, suffix), bounds, href))
    height = MARGIN + (top_r - min(h["r"] for h in grid.values())) * 1.5 * SIZE + 2 * SIZE
    map_width = MARGIN * 2 + (max(h["q"] for h in grid.values()) - left_q + 1.5) * width
    others = [c for c in councils if c["council_code"] not in seen]
    extra_top = height + MARGIN + 18
    per_row = max(int((map_width - 2 * MARGIN) // (width * 1.8)), 1)
    extra = []
    for i, council in enumerate(others):
        cx = MARGIN + (i % per_row) * width * 1.8 + width
        cy = extra_top + (i // per_row) * 3 * SIZE + 1.4 * SIZE
        extra.append(
            cell(
                council,
                council["council_name"],
                cx,
                cy,
                (measure, label, suffix),
                bounds,
                href,
                1.4,
            )
        )
    rows_of_extra = math.ceil(len(others) / per_row) if others else 0
    total_height = (extra_top + rows_of_extra * 3 * SIZE + MARGIN) if others else height
    return {
        "hexes": drawn,
        "extra": extra,
        "extra_top": extra_top,
        "width": round(map_width, 1),
        "height": round(total_height, 1),
        "label": label,
        "legend": legend(bounds, suffix),
        "suffix": suffix,
        "with_data": sorted(
            (c for c in councils if c.get(measure) is not None),
            key=lambda c: (c[measure], c["council_name"]),
        ),
        "measure": measure,
        "no_data": len(grid) - len(seen),
    }


def cell(
    council: dict[str, Any] | None,
    name: str,
    cx: float,
    cy: float,
    shown: tuple[str, str, str],
    bounds: list[float],
    href: Any,
    scale: float = 1.0,
) -> dict[str, Any]:
    measure, label, suffix = shown
    value = None if council is None else council.get(measure)
    shade = None if value is None else band(value, bounds)
    words = f"{name}: no results" if value is None else f"{name}: {number(value)}{suffix} {label}"
    return {
        "points": corners(cx, cy, SIZE * scale),
        "x": round(cx, 1),
        "y": round(cy, 1),
        "fill": NO_DATA if shade is None else PALETTE[shade],
        "text_fill": "#0b0c0c" if shade is None else TEXT_ON[shade],
        "code": council["council_code"] if council else None,
        "href": href(council["council_code"]) if council else None,
        "words": words,
        "has_data": value is not None,
    }


def legend(bounds: list[float], suffix: str = "") -> list[dict[str, str]]:
    out, lower = [], 0.0
    for colour, upper in zip(PALETTE, bounds, strict=True):
        high, low = number(upper) + suffix, number(lower) + suffix
        text = f"up to {high}" if lower == 0 else f"over {low} to {high}"
        out.append({"fill": colour, "text": text})
        lower = upper
    out.append({"fill": NO_DATA, "text": "no results"})
    return out


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.globals["hex_map"] = hex_map
