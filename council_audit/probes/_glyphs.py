"""Rendered text contrast from two screenshots of the same box: ``shot`` as rendered and
``bare`` with only the glyphs made transparent. Pixels that differ are glyph pixels.

The glyphs are cut into cells about two characters wide along each line of text (cut
only between glyphs), so that text colour is read locally: semi-transparent text blends
with what is under it, and a background may vary. In each cell the text colour is the
median colour of the most-different glyph pixels (fully covered by the glyph, so
anti-aliasing does not lighten it); the background is the ``bare`` shot under the glyphs
and within ``RING`` px around them. Each cell gives a low percentile of its per-pixel
luminance ratios (a few stray pixels cannot set it alone); the text's figure is the
worst cell."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

from council_audit.checks.common.styles import luminance, luminance_ratio
from council_audit.probes._png import Image

NOISE = 8  # smallest channel difference that counts as a glyph pixel
CORE = 0.95  # a cell's text colour: its glyph pixels within 5% of its largest difference
RING = 2  # px around the glyphs read as background too
PERCENTILE = 0.1
MIN_GLYPH_PIXELS = 12  # fewer in a cell: a sliver of a glyph, left out of the minimum

_CHANGED = re.compile(rb"[^\x00]+")

Rect = tuple[int, int, int, int]  # x, y, width, height in image pixels
RGB = tuple[int, int, int]


def contrast(shot: Image, bare: Image, rects: Sequence[Rect], font_px: float) -> float | None:
    """A robust worst-case contrast ratio of the text, or None when no glyph is seen."""
    if (shot.width, shot.height) != (bare.width, bare.height):
        return None
    diffs = _glyph_pixels(shot, bare)
    if len(diffs) < MIN_GLYPH_PIXELS:
        return None
    cells = _cells(diffs, _lines(shot.height, rects), max(12, int(2 * font_px)), shot.width)
    inside = _inside(shot.width, shot.height, rects)
    lows = [(len(m), _cell_low(shot, bare, m, diffs, inside)) for m in cells]
    full = [low for size, low in lows if size >= MIN_GLYPH_PIXELS]
    return min(full or [low for _, low in lows])


def ratio(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two sRGB colours."""
    return luminance_ratio(luminance(a), luminance(b))


def _glyph_pixels(shot: Image, bare: Image) -> dict[int, int]:
    """Pixel index -> largest channel difference, for pixels that differ."""
    a, b, stride = shot.rgb, bare.rgb, 3 * shot.width
    out = {}
    for row in range(shot.height):
        start = row * stride
        x, y = a[start : start + stride], b[start : start + stride]
        if x == y:
            continue
        changed = (int.from_bytes(x, "big") ^ int.from_bytes(y, "big")).to_bytes(stride, "big")
        for span in _CHANGED.finditer(changed):
            for j in range(span.start() - span.start() % 3, span.end(), 3):
                d = max(abs(x[j] - y[j]), abs(x[j + 1] - y[j + 1]), abs(x[j + 2] - y[j + 2]))
                if d >= NOISE:
                    out[(start + j) // 3] = d
    return out


def _lines(height: int, rects: Sequence[Rect]) -> list[int]:
    """For each row of pixels, the index of the line of text it belongs to (the nearest)."""
    lines = sorted({(y, y + h) for _, y, _, h in rects}) or [(0, height)]
    return [min(range(len(lines)), key=lambda k: _distance(y, lines[k])) for y in range(height)]


def _distance(y: int, span: tuple[int, int]) -> int:
    top, bottom = span
    return 0 if top <= y < bottom else min(abs(y - top), abs(y - bottom + 1))


def _cells(diffs: dict[int, int], line_of: list[int], cell_w: int, width: int) -> list[list[int]]:
    """Glyph pixels cut into cells along each line of text, at least ``cell_w`` px wide
    and cut only between glyphs (at columns without glyph pixels)."""
    by_column: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i in diffs:
        y, x = divmod(i, width)
        by_column[(line_of[y], x)].append(i)
    cells: list[list[int]] = []
    last_line, start, prev = -1, 0, -2
    for line, x in sorted(by_column):
        if line != last_line or (x > prev + 1 and x - start >= cell_w):
            cells.append([])
            last_line, start = line, x
        cells[-1].extend(by_column[(line, x)])
        prev = x
    return cells


def _text_colour(shot: Image, members: list[int], diffs: dict[int, int]) -> RGB:
    top = max(diffs[i] for i in members)
    core = [shot.rgb[3 * i : 3 * i + 3] for i in members if diffs[i] >= CORE * top]
    mid = len(core) // 2
    return tuple(sorted(c[k] for c in core)[mid] for k in range(3))  # type: ignore[return-value]


def _inside(width: int, height: int, rects: Sequence[Rect]) -> list[int]:
    """For each row, a bit mask of the columns inside the text's line boxes."""
    rows = [0] * height
    for x, y, w, h in rects:
        left, right = max(0, x), min(width, x + w)
        if right > left:
            for row in range(max(0, y), min(height, y + h)):
                rows[row] |= ((1 << (right - left)) - 1) << left
    return rows


def _cell_low(
    shot: Image, bare: Image, members: list[int], diffs: dict[int, int], inside: list[int]
) -> float:
    """The low percentile of one cell's per-pixel ratios: its text colour against the
    background under and around its glyphs."""
    text = luminance(_text_colour(shot, members, diffs))
    rgb, counts = bare.rgb, defaultdict(int)
    for i in _with_ring(members, inside, shot.width):
        counts[rgb[3 * i : 3 * i + 3]] += 1
    ratios = sorted((luminance_ratio(text, luminance(colour)), n) for colour, n in counts.items())
    rank = int(PERCENTILE * (sum(counts.values()) - 1))
    for value, n in ratios:
        rank -= n
        if rank < 0:
            return value
    return ratios[-1][0]


def _with_ring(members: list[int], inside: list[int], width: int) -> Iterator[int]:
    """The glyph pixels of a cell and the pixels within RING px around them that lie in
    the text's line boxes (not the page beside the text)."""
    rows: dict[int, int] = defaultdict(int)
    for i in members:
        y, x = divmod(i, width)
        rows[y] |= 1 << x
    wide = {y: _spread(mask) for y, mask in rows.items()}
    for y in range(max(0, min(rows) - RING), min(len(inside), max(rows) + RING + 1)):
        mask = 0
        for k in range(y - RING, y + RING + 1):
            mask |= wide.get(k, 0)
        mask = (mask & inside[y]) | rows.get(y, 0)
        while mask:
            low = mask & -mask
            yield y * width + low.bit_length() - 1
            mask ^= low


def _spread(mask: int) -> int:
    out = mask
    for k in range(1, RING + 1):
        out |= (mask << k) | (mask >> k)
    return out
