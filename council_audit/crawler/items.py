"""What the spider yields: one item per URL it tried, rendered or not, and one item when
a council's crawl is over."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from council_audit.collect import PageSnapshot
from council_audit.findings import Finding


@dataclass(repr=False)
class PageItem:
    council_code: str
    depth: int
    referer: str | None
    snapshot: PageSnapshot
    findings: list[Finding] = field(default_factory=list)
    kind: str = "page"  # page | document
    selected_because: str = ""
    redirect: str | None = None
    duplicate_of: str | None = None  # same page as this one (rel=canonical or redirect)
    statement: bool = False  # chosen as the council's accessibility statement
    recognised: bool = False  # and reads as one
    found_by: str = ""  # the link text or URL that led to it
    document_body: bytes | None = None  # a document, to be checked
    document_facts: dict[str, Any] | None = None  # read from it in the sandbox (spider)
    document: dict[str, Any] | None = None  # its row in the documents table
    statement_text: str = ""  # the text of a statement published as a document
    link_text: str = ""
    carried_page: str | None = None  # unchanged: the previous run's page, carried forward
    baseline: dict[str, Any] | None = None  # what the next re-crawl compares (page_changes)

    def __repr__(self) -> str:  # Scrapy logs every item: keep it to one line
        snap = self.snapshot
        return (
            f"<PageItem {self.council_code} {snap.url} status={snap.status} "
            f"findings={len(self.findings)} error={snap.error!r}>"
        )


@dataclass
class CouncilDone:
    """Every page and document of one council is recorded: check its statement, close
    its part of the run."""

    council_code: str
    traps_skipped: int = 0
