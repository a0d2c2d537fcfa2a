"""The two data shapes of the demo sites: what a page says (:class:`PageSpec`, shared by
all three councils) and the document being built for one council (:class:`Doc`), which
barriers change before the layout turns it into HTML."""

from __future__ import annotations

from dataclasses import dataclass, field

FORM_SLOT = "<!--form-slot-->"
DEFAULT_VIEWPORT = "width=device-width, initial-scale=1"


@dataclass(frozen=True)
class PageSpec:
    """One page of a demo site. ``body`` is markup-lite text (see :mod:`.markup`) with
    ``{council}``-style placeholders and ``{{component}}`` lines."""

    path: str
    title: str
    body: str
    parent: str | None = "/"
    summary: str = ""
    heading: str = ""  # the h1, when it differs from the title
    lang: str = "en-GB"
    sitemap_only: bool = False  # listed in sitemap.xml but linked from no page
    disallowed: bool = False  # under /private/, kept out by robots.txt
    in_sitemap: bool = True

    @property
    def h1(self) -> str:
        return self.heading or self.title


@dataclass
class Doc:
    """One council's rendering of a page, before the layout wraps it in the page shell."""

    title: str | None
    h1: str
    text: str  # markup-lite source; barriers may rewrite it
    body: str = ""  # the rendered HTML of ``text``
    description: str = ""
    lang: str | None = "en-GB"
    content_lang: str = "en-GB"
    viewport: str = DEFAULT_VIEWPORT
    heading_tag: str = "h1"
    main_tag: str = "main"
    before_header: list[str] = field(default_factory=list)
    top: list[str] = field(default_factory=list)  # straight after the h1
    form: list[str] = field(default_factory=list)  # inside the page's first form
    end: list[str] = field(default_factory=list)  # at the end of the main content
