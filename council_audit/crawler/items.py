"""What the spider yields: one item per URL it tried, rendered or not."""

from __future__ import annotations

from dataclasses import dataclass, field

from council_audit.collect import PageSnapshot
from council_audit.findings import Finding


@dataclass(repr=False)
class PageItem:
    council_code: str
    depth: int
    referer: str | None
    snapshot: PageSnapshot
    findings: list[Finding] = field(default_factory=list)

    def __repr__(self) -> str:  # Scrapy logs every item: keep it to one line
        snap = self.snapshot
        return (
            f"<PageItem {self.council_code} {snap.url} status={snap.status} "
            f"findings={len(self.findings)} error={snap.error!r}>"
        )
