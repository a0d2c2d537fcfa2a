"""The manifest: for each demo council, its pages and the barriers planted on each,
built by the same code that builds the pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from council_audit.demo.assets import IMAGES
from council_audit.demo.components import PDF_PATH
from council_audit.demo.councils import COUNCILS, Council
from council_audit.demo.pages import PAGES, build, planted
from council_audit.demo.site import REDIRECTS

MANIFEST_FILE = Path(__file__).with_name("manifest.json")


def council_manifest(council: Council) -> dict[str, Any]:
    """The pages (with title and planted barriers) and other resources of one site."""
    pages = {}
    for spec in PAGES.values():
        if spec.disallowed:
            continue
        _, doc = build(council, spec)
        pages[spec.path] = {
            "title": doc.title or "",
            "barriers": [b.as_manifest() for b in planted(council, spec.path)],
        }
    return {
        "name": council.name,
        "quality": council.quality,
        "pages": pages,
        "sitemap_only": [p.path for p in PAGES.values() if p.sitemap_only],
        "disallowed": [p.path for p in PAGES.values() if p.disallowed],
        "documents": [PDF_PATH],
        "not_html": ["/robots.txt", "/sitemap.xml", *IMAGES],
        "redirects": dict(REDIRECTS),
    }


def manifest() -> dict[str, dict[str, Any]]:
    """{council code: its manifest} for the three demo councils."""
    return {c.code: council_manifest(c) for c in COUNCILS}


def write_manifest(path: str | Path = MANIFEST_FILE) -> Path:
    """Write the manifest as indented JSON (the committed copy is ``manifest.json``)."""
    target = Path(path)
    target.write_text(json.dumps(manifest(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    return target
