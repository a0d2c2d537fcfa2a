"""Checking one fetched document: read its facts, run the document checks, and build its
``documents`` row. A document created before 23 September 2018 may be exempt: its
findings say so (and carry ``may_be_exempt``); they are never dropped."""

from __future__ import annotations

import dataclasses
import mimetypes
from typing import Any

from council_audit.checks.registry import Registry
from council_audit.checks.subjects import document_registry
from council_audit.crawler import urls
from council_audit.documents import sandbox
from council_audit.documents.view import EXEMPTION_DATE, DocumentView
from council_audit.findings import Finding
from council_audit.settings import Settings

OFFICE = frozenset("doc docx xls xlsx ppt pptx odt ods odp rtf".split())
EXEMPT_NOTE = (
    f" The document says it was created before {EXEMPTION_DATE:%d %B %Y}, so it may be exempt "
    "from the accessibility regulations (unless people need it to use a service today)."
)
FACT_COLUMNS = (
    "page_count", "lang", "title", "text_pages", "image_only_pages", "form_fields",
    "unnamed_form_fields", "producer",
)  # fmt: skip
FLAG_COLUMNS = ("tagged", "display_doc_title", "encrypted", "accessibility_allowed")


def kind_of(url: str, content_type: str) -> str:
    ext = urls.extension(url)
    if ext in urls.DOCUMENT_EXTENSIONS:
        return ext
    guessed = mimetypes.guess_extension(content_type.split(";")[0].strip()) or ""
    return guessed.lstrip(".") or "unknown"


def document_kind(url: str, content_type: str, body: bytes) -> str:
    """pdf, an office extension, or what the address or content type says."""
    kind = kind_of(url, content_type)
    return "pdf" if kind == "pdf" or body[:5] == b"%PDF-" else kind


def needs_reading(kind: str) -> bool:
    return kind == "pdf" or kind in OFFICE


def check_document(
    url: str,
    content_type: str,
    body: bytes,
    settings: Settings,
    registry: Registry | None = None,
    facts: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], list[Finding], str]:
    """(documents row fields, findings, extracted text) for one document. Its ``facts``
    are read in a sandboxed child (:mod:`council_audit.documents.sandbox`) unless given
    (the crawl reads them with :func:`~council_audit.documents.sandbox.inspect_async`)."""
    kind = document_kind(url, content_type, body)
    if facts is None:
        facts = sandbox.inspect(kind, body, settings) if needs_reading(kind) else {}
    view = DocumentView(url=url, kind=kind, facts=facts, settings=settings)
    findings = (registry or document_registry()).run(view)  # type: ignore[arg-type]
    if view.may_be_exempt:
        findings = [_exempt(f) for f in findings]
    return document_fields(view, findings), findings, str(facts.get("text") or "")


def _exempt(f: Finding) -> Finding:
    return dataclasses.replace(
        f, message=f.message + EXEMPT_NOTE, extras={**f.extras, "may_be_exempt": True}
    )


def document_fields(view: DocumentView, findings: list[Finding]) -> dict[str, Any]:
    f = view.facts
    row: dict[str, Any] = {c: f.get(c) for c in FACT_COLUMNS}
    row.update({c: int(bool(f[c])) if c in f else None for c in FLAG_COLUMNS})
    row.update(
        kind=view.kind,
        checked=int(view.is_pdf or (view.kind in OFFICE and bool(f) and "note" not in f)),
        error=f.get("error") or f.get("note"),
        created_at=f.get("created"),
        modified_at=f.get("modified"),
        may_be_exempt=int(view.may_be_exempt),
        errors=sum(x.level == "error" for x in findings),
        warnings=sum(x.level == "warning" for x in findings),
    )
    return row
