"""Tiny, valid PDF 1.4 documents written byte by byte: one A4 page each. The good
council's guide is tagged (structure tree, marked content), states its language and
shows its title; the typical council's is untagged; the poor council's is a "scan" (an
image, no text, no language, no title)."""

from __future__ import annotations

from functools import lru_cache

LINES = (
    "Council tax guide 2025 to 2026",
    "",
    "Council tax pays for local services such as bins, parks and libraries.",
    "Your bill shows your band, the charge for the year and how to pay.",
    "You may pay less if you live alone or have a low income.",
    "Call us if you find it hard to pay. We can help.",
)
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _lines(council_name: str) -> list[str]:
    return [line for line in (council_name, *LINES) if line]


def _content(council_name: str, tagged: bool) -> bytes:
    ops = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
    for n, line in enumerate(_lines(council_name)):
        shown = f"({_escape(line)}) Tj T*"
        ops.append(f"/P <</MCID {n}>> BDC {shown} EMC" if tagged else shown)
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _info(council_name: str) -> bytes:
    title = _escape(f"Council tax guide 2025 to 2026 - {council_name}")
    return f"<< /Title ({title}) /Producer (council-audit demo) /CreationDate (D:20250301090000Z) >>".encode(
        "latin-1"
    )


def _page(contents: str, resources: bytes, extra: bytes = b"") -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
        + resources
        + f" /Contents {contents} 0 R".encode()
        + extra
        + b" >>"
    )


def _untagged(council_name: str) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page("4", b"<< /Font << /F1 5 0 R >> >>"),
        _stream(_content(council_name, tagged=False)),
        FONT,
        _info(council_name),
    ]


def _tagged(council_name: str) -> list[bytes]:
    count = len(_lines(council_name))
    first = 9  # object number of the first paragraph element
    paragraphs = " ".join(f"{first + n} 0 R" for n in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) /MarkInfo << /Marked true >> "
        b"/StructTreeRoot 7 0 R /ViewerPreferences << /DisplayDocTitle true >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page("4", b"<< /Font << /F1 5 0 R >> >>", b" /StructParents 0"),
        _stream(_content(council_name, tagged=True)),
        FONT,
        _info(council_name),
        f"<< /Type /StructTreeRoot /K 8 0 R /ParentTree << /Nums [0 [{paragraphs}]] >> >>".encode(),
        f"<< /Type /StructElem /S /Document /P 7 0 R /K [{paragraphs}] >>".encode(),
    ]
    objects += [
        f"<< /Type /StructElem /S /P /P 8 0 R /Pg 3 0 R /K {n} >>".encode() for n in range(count)
    ]
    return objects


def _scanned(council_name: str) -> list[bytes]:
    pixels = bytes((n * 37) % 256 for n in range(16 * 16))
    draw = b"q 451 0 0 698 72 72 cm /Im1 Do Q"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page("4", b"<< /XObject << /Im1 5 0 R >> >>"),
        _stream(draw),
        _stream(
            pixels,
            b" /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray"
            b" /BitsPerComponent 8",
        ),
        b"<< /Producer (council-audit demo scanner) /CreationDate (D:20170110090000Z) >>",
    ]


BUILDERS = {"good": _tagged, "typical": _untagged, "poor": _scanned}


@lru_cache(maxsize=8)
def guide_pdf(council_name: str, quality: str = "typical") -> bytes:
    """The council tax guide PDF for one council (tagged, untagged or scanned)."""
    objects = BUILDERS[quality](council_name)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    info = next(n for n, body in enumerate(objects, start=1) if b"/Producer" in body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(offsets) + 1, info)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
