"""Facts about a PDF, read with pikepdf: what the document checks need, and the text of
simple PDFs (for a statement published as a PDF). No rendering."""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from typing import Any

import pikepdf

from council_audit.settings import Settings

MAX_PAGES = 200  # pages examined for text and images
MAX_TEXT = 100_000
TEXT_OPS = frozenset({"Tj", "TJ", "'", '"'})
OPERATORS = "Tj TJ ' \" Do BI Td TD T* Tm"
INFLATE_CHUNK = 1024 * 1024
MB = 1_000_000


@dataclass(frozen=True)
class InflateLimits:
    """Most bytes one page content stream, and all of them, may inflate to before they
    are parsed (the settings ``document_stream_max_inflated`` and
    ``document_max_inflated``; see :mod:`council_audit.documents.sandbox`)."""

    stream: int
    document: int

    @classmethod
    def from_settings(cls, settings: Settings) -> InflateLimits:
        return cls(settings.document_stream_max_inflated, settings.document_max_inflated)


class TooMuchContent(Exception):
    """The PDF's content streams inflate past a limit: they are not parsed."""


def inspect_pdf(body: bytes, limits: InflateLimits | None = None) -> dict[str, Any]:
    """Facts of the PDF in ``body``; ``{"error": ...}`` when it cannot be opened or its
    content inflates past ``limits``. Call it in the sandbox's child process."""
    limits = limits or InflateLimits.from_settings(Settings())
    try:
        pdf = pikepdf.open(io.BytesIO(body))
    except pikepdf.PasswordError:
        return {
            "error": "the PDF needs a password to open",
            "encrypted": True,
            "accessibility_allowed": False,
        }
    except (pikepdf.PdfError, ValueError, OSError) as exc:
        return {"error": f"not a readable PDF: {str(exc).splitlines()[0] if str(exc) else exc}"}
    with pdf:
        root = pdf.Root
        facts: dict[str, Any] = {
            "page_count": len(pdf.pages),
            "marked": _flag(root.get("/MarkInfo"), "/Marked"),
            "struct_tree": "/StructTreeRoot" in root,
            "lang": _text(root.get("/Lang")),
            "display_doc_title": _flag(root.get("/ViewerPreferences"), "/DisplayDocTitle"),
            "encrypted": bool(pdf.is_encrypted),
            "accessibility_allowed": bool(pdf.allow.accessibility) if pdf.is_encrypted else True,
            **_info(pdf),
            **_fields(root),
        }
        try:
            facts.update(_pages(pdf, limits))
        except TooMuchContent as exc:
            facts["error"] = str(exc)
    facts["tagged"] = facts["marked"] and facts["struct_tree"]
    return facts


def _flag(obj: Any, key: str) -> bool:
    try:
        return obj is not None and bool(obj.get(key, False))
    except (AttributeError, TypeError, ValueError):
        return False


def _text(obj: Any) -> str | None:
    if obj is None:
        return None
    value = str(obj).strip()
    return value or None


def _info(pdf: pikepdf.Pdf) -> dict[str, Any]:
    info = pdf.docinfo if "/Info" in pdf.trailer else None

    def get(key: str) -> str | None:
        return _text(info.get(key)) if info is not None else None

    out = {
        "title": get("/Title"),
        "created": pdf_date(get("/CreationDate")),
        "modified": pdf_date(get("/ModDate")),
        "producer": get("/Producer"),
    }
    if out["title"] and out["created"]:
        return out
    try:  # read only: the document is never written back
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            out["title"] = out["title"] or _text(xmp.get("dc:title"))
            out["created"] = out["created"] or _text(xmp.get("xmp:CreateDate"))
    except Exception:  # broken XMP is common and not our concern
        pass
    return out


def pdf_date(value: str | None) -> str | None:
    """'D:20170301120000Z' -> '2017-03-01T12:00:00' (ISO 8601, time kept when given)."""
    if not value:
        return None
    digits = "".join(ch for ch in value.removeprefix("D:")[:14] if ch.isdigit())
    if len(digits) < 4:
        return None
    year, month, day = digits[:4], digits[4:6] or "01", digits[6:8] or "01"
    out = f"{year}-{month}-{day}"
    if len(digits) >= 12:
        out += f"T{digits[8:10]}:{digits[10:12]}:{digits[12:14] or '00'}"
    return out


def _pages(pdf: pikepdf.Pdf, limits: InflateLimits) -> dict[str, Any]:
    text_pages = image_only = 0
    chunks: list[str] = []
    size = inflated = 0
    for number, page in enumerate(list(pdf.pages)[:MAX_PAGES], start=1):
        for stream in _content_streams(page):
            one = inflated_size(stream, limits.stream)
            if one > limits.stream:
                raise TooMuchContent(
                    f"a content stream of page {number} inflates to more than"
                    f" {limits.stream // MB:,} MB: the PDF was not read (a decompression bomb?)"
                )
            inflated += one
            if inflated > limits.document:
                raise TooMuchContent(
                    f"the PDF's page content inflates to more than {limits.document // MB:,} MB"
                    f" by page {number}: the PDF was not read (a decompression bomb?)"
                )
        has_text, has_image, words = _page_content(page)
        text_pages += has_text
        image_only += has_image and not has_text
        if size < MAX_TEXT and words:
            chunks.append(words)
            size += len(words)
    return {
        "text_pages": text_pages,
        "image_only_pages": image_only,
        "text": "\n".join(chunks)[:MAX_TEXT],
    }


def out_of_memory(exc: Exception) -> None:
    """qpdf reports a failed allocation as a decoding error: raise it as the MemoryError
    it is, so that the sandbox records the memory limit rather than an unreadable page."""
    if "bad_alloc" in str(exc):
        raise MemoryError(str(exc)) from exc


def _content_streams(page: pikepdf.Page) -> list[pikepdf.Stream]:
    try:
        contents = page.obj.get("/Contents")
    except (pikepdf.PdfError, ValueError):
        return []
    items = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return [c for c in items if isinstance(c, pikepdf.Stream)]


def inflated_size(stream: pikepdf.Stream, cap: int) -> int:
    """How many bytes ``stream`` decodes to, counting no further than just past ``cap``:
    Flate is inflated a chunk at a time and thrown away; other filters are decoded whole
    (the sandbox's memory limit bounds them)."""
    try:
        filters = stream.get("/Filter")
        names = (
            [str(f) for f in filters]
            if isinstance(filters, pikepdf.Array)
            else ([str(filters)] if filters is not None else [])
        )
        if not names:
            return len(stream.read_raw_bytes())
        if names not in (["/FlateDecode"], ["/Fl"]):
            return len(stream.read_bytes())
        data = stream.read_raw_bytes()
    except (pikepdf.PdfError, ValueError) as exc:
        out_of_memory(exc)
        return 0  # unreadable: parse_content_stream will say so
    inflater, total = zlib.decompressobj(), 0
    try:
        while data and total <= cap:
            total += len(inflater.decompress(data, INFLATE_CHUNK))
            data = inflater.unconsumed_tail
    except zlib.error:
        pass
    return total


def _page_content(page: pikepdf.Page) -> tuple[bool, bool, str]:
    try:
        instructions = pikepdf.parse_content_stream(page, OPERATORS)
    except (pikepdf.PdfError, ValueError) as exc:
        out_of_memory(exc)
        return False, False, ""
    images = _image_names(page)
    has_text = has_image = False
    parts: list[str] = []
    for operands, operator in instructions:
        op = str(operator)
        if op in TEXT_OPS:
            has_text = True
            parts.append(_shown(operands))
        elif op in ("Td", "TD", "T*", "Tm"):
            parts.append("\n" if op != "Tm" else " ")
        elif op == "BI" or (op == "Do" and operands and str(operands[0]) in images):
            has_image = True
    text = " ".join("".join(parts).split(" "))
    return (
        has_text,
        has_image,
        "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip()),
    )


def _image_names(page: pikepdf.Page) -> set[str]:
    try:
        xobjects = page.Resources.get("/XObject") or {}
        return {str(name) for name, obj in xobjects.items() if obj.get("/Subtype") == "/Image"}
    except (AttributeError, KeyError, TypeError, ValueError):
        return set()


def _shown(operands: list[Any]) -> str:
    out = []
    for operand in operands:
        items = operand if isinstance(operand, pikepdf.Array) else [operand]
        for item in items:
            if isinstance(item, pikepdf.String):
                out.append(bytes(item).decode("latin-1", "replace"))
            elif isinstance(item, (int, float, pikepdf.Object)) and _number(item) < -200:
                out.append(" ")
    return "".join(out)


def _number(item: Any) -> float:
    try:
        return float(item)
    except (TypeError, ValueError):
        return 0.0


def _fields(root: pikepdf.Dictionary) -> dict[str, int]:
    form = root.get("/AcroForm")
    fields = list(_walk_fields(form.get("/Fields") or [])) if form is not None else []
    unnamed = sum(1 for f in fields if not _text(f.get("/TU")))
    return {"form_fields": len(fields), "unnamed_form_fields": unnamed}


def _walk_fields(fields: Any, depth: int = 0) -> Any:
    for field in fields:
        kids = field.get("/Kids")
        if kids is not None and depth < 10 and any("/T" in k for k in kids):
            yield from _walk_fields(kids, depth + 1)
        else:
            yield field
