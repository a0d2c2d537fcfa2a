"""Facts about a PDF, read with pikepdf: what the document checks need, and the text of
simple PDFs (for a statement published as a PDF). No rendering."""

from __future__ import annotations

import io
from typing import Any

import pikepdf

MAX_PAGES = 200  # pages examined for text and images
MAX_TEXT = 100_000
TEXT_OPS = frozenset({"Tj", "TJ", "'", '"'})
OPERATORS = "Tj TJ ' \" Do BI Td TD T* Tm"


def inspect_pdf(body: bytes) -> dict[str, Any]:
    """Facts of the PDF in ``body``; ``{"error": ...}`` when it cannot be opened."""
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
            **_pages(pdf),
            **_fields(root),
        }
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


def _pages(pdf: pikepdf.Pdf) -> dict[str, Any]:
    text_pages = image_only = 0
    chunks: list[str] = []
    size = 0
    for page in list(pdf.pages)[:MAX_PAGES]:
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


def _page_content(page: pikepdf.Page) -> tuple[bool, bool, str]:
    try:
        instructions = pikepdf.parse_content_stream(page, OPERATORS)
    except (pikepdf.PdfError, ValueError):
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
