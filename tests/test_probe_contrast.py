"""The contrast probe: the PNG decoder and the glyph measurement on made-up pixels, then
real Chromium through ``api.check`` on small pages that axe-core cannot settle (gradients,
background images, text shadows, SVG text), and the probe run on its own to see that it
leaves the page as it found it."""

from __future__ import annotations

import asyncio
import functools
import http.server
import struct
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from playwright.async_api import async_playwright

from council_audit import api
from council_audit.browser import launch_options
from council_audit.probes import _glyphs, contrast
from council_audit.probes._png import Image, PNGError, decode
from council_audit.session import PageResult
from council_audit.settings import Settings

# --- the PNG decoder --------------------------------------------------------------------


def _png(width: int, rows: list[bytes], filters: list[int], channels: int = 3) -> bytes:
    """A PNG whose rows are written with the given filter types (the encoder's side)."""
    bpp, out, prior = channels, b"", bytes(width * channels)
    for row, kind in zip(rows, filters, strict=True):
        enc = bytearray(len(row))
        for i, value in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b, c = prior[i], prior[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) >> 1, _paeth(a, b, c)][kind]
            enc[i] = (value - pred) & 0xFF
        out += bytes([kind]) + bytes(enc)
        prior = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, len(rows), 8, 6 if channels == 4 else 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(out))
        + chunk(b"IEND", b"")
    )


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


@pytest.mark.parametrize("channels", [3, 4])
def test_png_decodes_every_filter(channels: int) -> None:
    width = 7
    rows = [bytes((x * 37 + y * 91 + k * 13) % 256 for x in range(width) for k in range(channels))
            for y in range(5)]  # fmt: skip
    image = decode(_png(width, rows, [0, 1, 2, 3, 4], channels))
    assert (image.width, image.height) == (width, 5)
    for y, row in enumerate(rows):
        for x in range(width):
            assert image.pixel(x, y) == tuple(row[x * channels : x * channels + 3])


def test_png_refuses_other_files() -> None:
    with pytest.raises(PNGError):
        decode(b"GIF89a")


# --- the measurement on made-up pixels ----------------------------------------------------


def _pair(text: tuple, background, glyph: set) -> tuple[Image, Image]:  # type: ignore[no-untyped-def]
    """A 40x12 'screenshot' with glyph pixels in the text colour, and the same without
    them. ``background`` is a colour or a function of x."""
    shot, bare = bytearray(), bytearray()
    for y in range(12):
        for x in range(40):
            bg = background(x) if callable(background) else background
            bare += bytes(bg)
            shot += bytes(text if (x, y) in glyph else bg)
    return Image(40, 12, bytes(shot)), Image(40, 12, bytes(bare))


GLYPHS = {(x, y) for x in range(4, 36) for y in range(3, 9) if x % 4 in (0, 1)}  # strokes
LINE = [(0, 0, 40, 12)]


def test_ratio_is_wcag() -> None:
    assert _glyphs.ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert _glyphs.ratio((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


def test_flat_colours_measure_their_ratio() -> None:
    shot, bare = _pair((0x76, 0x76, 0x76), (255, 255, 255), GLYPHS)
    assert _glyphs.contrast(shot, bare, LINE, 16) == pytest.approx(4.54, abs=0.01)


def test_worst_part_of_a_background_counts() -> None:
    # dark text; the background turns dark grey in the last quarter
    shot, bare = _pair((0, 0, 0), lambda x: (255,) * 3 if x < 30 else (80,) * 3, GLYPHS)
    assert _glyphs.contrast(shot, bare, LINE, 6) == pytest.approx(2.6, abs=0.01)


def test_no_glyph_pixels_is_no_measure() -> None:
    shot, bare = _pair((255, 255, 255), (255, 255, 255), GLYPHS)
    assert _glyphs.contrast(shot, bare, LINE, 16) is None


def test_targets_skip_frames_and_cap() -> None:
    axe = {
        "incomplete": [
            {"id": "color-contrast", "nodes": [{"target": [f"#p{i}"]} for i in range(5)]},
            {"id": "color-contrast-enhanced", "nodes": [{"target": ["#p0"]}]},
            {"id": "color-contrast", "nodes": [{"target": ["iframe", "p"]}]},
            {"id": "color-contrast", "nodes": [{"target": [["#host", "p"]]}]},
            {"id": "link-in-text-block", "nodes": [{"target": ["#a"]}]},
        ]
    }
    targets = contrast._targets(axe, 3)
    assert targets == {
        "#p0": ["color-contrast", "color-contrast-enhanced"],
        "#p1": ["color-contrast"],
        "#p2": ["color-contrast"],
    }


# --- real Chromium ------------------------------------------------------------------------

GRADIENT = "background: linear-gradient(to right, #fff, {end}); width: 600px"
STRIPES = "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'>" + (
    "<rect width='4' height='8' fill='#888'/></svg>"
)
IMAGE = f"background: #777 url(data:image/svg+xml,{quote(STRIPES)})"
SHADOW = "text-shadow: 0 0 3px #000, 0 0 3px #000, 0 0 3px #000"
PAGES = {
    "gradient-pass": f'<p id="t" style="color: #222; {GRADIENT.format(end="#ccf")}">'
    "Council tax bands and payments</p>",
    "gradient-fail": f'<p id="t" style="color: #999; {GRADIENT.format(end="#66f")}">'
    "Council tax bands and payments</p>",
    "shadow-pass": f'<p id="t" style="color: #fff; {IMAGE}; {SHADOW}">Bin collection days</p>',
    "image-fail": f'<p id="t" style="color: #fff; {IMAGE}">Bin collection days</p>',
    "below-fold": '<div style="height: 2500px"></div>'
    f'<p id="t" style="color: #222; {GRADIENT.format(end="#ccf")}">Report a pothole</p>',
    "large-text": f'<h1 id="t" style="font-size: 32px; color: #888; {GRADIENT.format(end="#eef")}">'
    "Parking permits</h1>",
    "invisible": f'<p id="t" style="color: #fff; {GRADIENT.format(end="#fff")}">Nothing to see</p>',
    "transition": f'<p id="t" style="color: #222; transition: color 2s; '
    f'{GRADIENT.format(end="#ccf")}">Council tax bands and payments</p>',
    "moving": f'<p id="t" style="color: #222; {GRADIENT.format(end="#ccf")}">Live bus times</p>'
    "<script>let n = 0; (function tick() { n = (n + 7) % 200; document.getElementById('t')"
    ".style.backgroundImage = `linear-gradient(to right, #fff, rgb(${n}, ${n}, 255))`;"
    " requestAnimationFrame(tick); })();"
    "</script>",
    "svg": '<svg width="300" height="40"><text id="t" x="0" y="20">Library opening hours'
    "</text></svg>",
}


def _document(body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>Page</title></head><body>{body}</body></html>'
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root: Path = tmp_path_factory.mktemp("contrast")
    for name, body in PAGES.items():
        (root / f"{name}.html").write_text(_document(body), encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def audited(site: str) -> dict[str, PageResult]:
    result = api.check([f"{site}/{name}.html" for name in PAGES], Settings())
    return dict(zip(PAGES, result.pages, strict=True))


def _asked(page: PageResult) -> set[str]:
    rules = page.snapshot.axe["incomplete"]
    return {r["id"] for r in rules if r["id"] in contrast.THRESHOLDS}


def _reviews(page: PageResult) -> list[str]:
    return [f.check_id for f in page.findings if f.check_id in contrast.THRESHOLDS]


@pytest.mark.parametrize(
    "name", ["gradient-pass", "shadow-pass", "below-fold", "large-text", "transition", "svg"]
)
def test_clear_pass_settles_axe_review(audited: dict[str, PageResult], name: str) -> None:
    page = audited[name]
    assert page.snapshot.error is None
    assert "color-contrast" in _asked(page)
    probe = page.snapshot.facts["contrast"]
    assert [item[0] for item in probe["axe_resolved"]] == ["color-contrast"]
    assert probe["axe_resolved"][0][2].startswith("measured ")
    assert "color-contrast" not in _reviews(page)


@pytest.mark.parametrize("name", ["gradient-fail", "image-fail", "invisible", "moving"])
def test_review_kept_unless_clear_pass(audited: dict[str, PageResult], name: str) -> None:
    page = audited[name]
    assert "color-contrast" in _asked(page)
    assert page.snapshot.facts["contrast"]["axe_resolved"] == []
    assert "color-contrast" in _reviews(page)
    assert all(f.level == "warning" for f in page.findings if f.check_id == "color-contrast")


def test_measures_are_reported(audited: dict[str, PageResult]) -> None:
    found = {
        name: page.snapshot.facts["contrast"]["measured"]
        for name, page in audited.items()
        if page.snapshot.facts["contrast"]["measured"]
    }
    assert found["large-text"][0]["threshold"] == 3.0
    assert found["gradient-pass"][0]["threshold"] == 4.5
    assert found["gradient-fail"][0]["ratio"] < 4.5
    assert all(m["ms"] > 0 for ms in found.values() for m in ms)
    skipped = audited["invisible"].snapshot.facts["contrast"]["skipped"]
    assert skipped[0]["reason"].startswith("no glyph pixels")
    skipped = audited["moving"].snapshot.facts["contrast"]["skipped"]
    assert skipped[0]["reason"] == "the text or its background moves"


def test_probe_restores_style_and_scroll(site: str) -> None:
    async def go() -> tuple[dict, list]:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(**launch_options(Settings()))
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            await page.goto(f"{site}/below-fold.html")
            before = await page.evaluate(_STATE)
            snapshot = SimpleNamespace(
                axe={
                    "incomplete": [
                        {"id": "color-contrast", "nodes": [{"target": ["#t"]}]},
                        {"id": "color-contrast-enhanced", "nodes": [{"target": ["#t"]}]},
                    ]
                }
            )
            result = await contrast.run(page, snapshot, Settings())
            after = await page.evaluate(_STATE)
            await browser.close()
            return result, [before, after]

    result, (before, after) = asyncio.run(go())
    assert before == after
    verdicts = {m["rule"]: m["passes"] for m in result["measured"]}
    assert verdicts == {"color-contrast": True, "color-contrast-enhanced": True}


_STATE = """() => {
  const el = document.querySelector('#t');
  return [el.getAttribute('style'), getComputedStyle(el).color, scrollX, scrollY];
}"""
