"""What a component needs to know while a page is rendered."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from council_audit.demo.councils import Council
from council_audit.demo.markup import fill
from council_audit.demo.spec import PageSpec

# Pages that search results and link lists never offer.
UNLISTED_PREFIXES = ("/search/", "/maps/", "/private/", "/report-a-problem/sent/")


@dataclass(frozen=True)
class Context:
    council: Council
    page: PageSpec
    pages: Mapping[str, PageSpec]
    query: str = ""

    def text(self, value: str) -> str:
        """``value`` with the council's placeholders filled in."""
        return fill(value, self.council.placeholders())

    def title_of(self, path: str) -> str:
        return self.text(self.pages[path].title)

    def children(self, path: str) -> list[PageSpec]:
        return [p for p in self.pages.values() if p.parent == path and p.path != path]

    def listable(self) -> list[PageSpec]:
        """Pages a visitor could find through links (not sitemap-only or private ones)."""
        return [
            p
            for p in self.pages.values()
            if not (p.sitemap_only or p.disallowed or p.path.startswith(UNLISTED_PREFIXES))
        ]
