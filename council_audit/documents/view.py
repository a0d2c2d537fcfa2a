"""What a document check sees: the document's kind and the facts read from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from council_audit.settings import Settings

# Regulation 4 of the Public Sector Bodies Accessibility Regulations 2018: office file
# formats published before this date are exempt unless needed for active processes.
EXEMPTION_DATE = dt.date(2018, 9, 23)
PDF_TECHNIQUES = "https://www.w3.org/WAI/WCAG22/Techniques/#pdf"
GUIDANCE = "WCAG 2.2 PDF techniques; GOV.UK guidance on publishing accessible documents"


@dataclass
class DocumentView:
    url: str
    kind: str  # pdf, docx, xlsx ...
    facts: dict[str, Any] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)

    @property
    def is_pdf(self) -> bool:
        return self.kind == "pdf" and "error" not in self.facts

    @property
    def created(self) -> dt.date | None:
        raw = str(self.facts.get("created") or "")[:10]
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return None

    @property
    def may_be_exempt(self) -> bool:
        return self.created is not None and self.created < EXEMPTION_DATE
