"""Metadata of office documents (Word, Excel, PowerPoint and OpenDocument files are zip
archives with a metadata part): title, language, dates. Older binary formats are
recorded without metadata."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

OOXML_CORE = "docProps/core.xml"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
MAX_PART = 1_000_000  # bytes of the metadata part read, never more (a zip bomb's part is cut)
ODF_META = "meta.xml"
NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def inspect_office(body: bytes) -> dict[str, Any]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
    except zipfile.BadZipFile:
        return {"note": "an older binary office format: metadata not read"}
    with archive:
        names = set(archive.namelist())
        part = OOXML_CORE if OOXML_CORE in names else ODF_META if ODF_META in names else None
        if part is None:
            return {}
        try:
            with archive.open(part) as handle:
                tree = etree.fromstring(handle.read(MAX_PART), PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, ValueError):
            return {}
    return {
        "title": _first(tree, ".//dc:title"),
        "lang": _first(tree, ".//dc:language"),
        "created": _first(tree, ".//dcterms:created") or _first(tree, ".//meta:creation-date"),
        "modified": _first(tree, ".//dcterms:modified") or _first(tree, ".//dc:date"),
    }


def _first(tree: etree._Element, path: str) -> str | None:
    found = tree.find(path, NS)
    return found.text.strip() if found is not None and found.text and found.text.strip() else None
