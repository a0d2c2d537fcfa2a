"""A small PNG decoder for the browser's own screenshots: 8-bit RGB or RGBA, not
interlaced (what Chromium writes through Playwright), so no imaging library is needed."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {2: 3, 6: 4}  # colour type -> channels (RGB, RGBA)


class PNGError(ValueError):
    """Not a PNG this decoder reads."""


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    rgb: bytes  # width * height * 3 bytes, row by row

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * 3
        return self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]


def decode(data: bytes) -> Image:
    """Decode an 8-bit RGB/RGBA non-interlaced PNG into RGB bytes (alpha dropped:
    screenshots are opaque)."""
    if not data.startswith(SIGNATURE):
        raise PNGError("not a PNG")
    header, idat = _chunks(data)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in _CHANNELS or interlace:
        raise PNGError(f"unsupported PNG: depth {depth}, colour type {colour}")
    channels = _CHANNELS[colour]
    raw = _unfilter(zlib.decompress(idat), width * channels, height, channels)
    if channels == 4:
        rgb = bytearray(width * height * 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = raw[0::4], raw[1::4], raw[2::4]
        raw = rgb
    return Image(width, height, bytes(raw))


def _chunks(data: bytes) -> tuple[bytes, bytes]:
    pos, header, idat = len(SIGNATURE), b"", []
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if len(header) != 13 or not idat:
        raise PNGError("PNG without header or image data")
    return header, b"".join(idat)


def _unfilter(data: bytes, stride: int, height: int, bpp: int) -> bytearray:
    out = bytearray(stride * height)
    prior = bytearray(stride)
    pos = 0
    for y in range(height):
        kind = data[pos]
        line = bytearray(data[pos + 1 : pos + 1 + stride])
        pos += 1 + stride
        if kind:
            _FILTERS[kind](line, prior, bpp)
        out[y * stride : (y + 1) * stride] = line
        prior = line
    return out


def _sub(line: bytearray, prior: bytearray, bpp: int) -> None:
    for i in range(bpp, len(line)):
        line[i] = (line[i] + line[i - bpp]) & 0xFF


def _up(line: bytearray, prior: bytearray, bpp: int) -> None:
    line[:] = bytes((x + y) & 0xFF for x, y in zip(line, prior, strict=True))


def _average(line: bytearray, prior: bytearray, bpp: int) -> None:
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        line[i] = (line[i] + ((left + prior[i]) >> 1)) & 0xFF


def _paeth(line: bytearray, prior: bytearray, bpp: int) -> None:
    for i in range(bpp):  # no left neighbour: the predictor is the byte above
        line[i] = (line[i] + prior[i]) & 0xFF
    for i in range(bpp, len(line)):
        a, b, c = line[i - bpp], prior[i], prior[i - bpp]
        pa, pb = abs(b - c), abs(a - c)  # |p - a|, |p - b| for p = a + b - c
        pc = abs(a + b - c - c)
        if pa <= pb and pa <= pc:
            line[i] = (line[i] + a) & 0xFF
        elif pb <= pc:
            line[i] = (line[i] + b) & 0xFF
        else:
            line[i] = (line[i] + c) & 0xFF


_FILTERS = {1: _sub, 2: _up, 3: _average, 4: _paeth}
