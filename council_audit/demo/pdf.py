"""A tiny, valid PDF 1.4 document written byte by byte: one A4 page of text."""

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


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content(council_name: str) -> bytes:
    lines = [council_name, *LINES]
    ops = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
    ops += [f"({_escape(line)}) Tj T*" for line in lines]
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _objects(council_name: str) -> list[bytes]:
    stream = _content(council_name)
    title = _escape(f"Council tax guide 2025 to 2026 - {council_name}")
    return [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Title ({title}) /Producer (council-audit demo) >>".encode("latin-1"),
    ]


@lru_cache(maxsize=8)
def guide_pdf(council_name: str) -> bytes:
    """The council tax guide PDF for one council."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(_objects(council_name), start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(offsets) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
