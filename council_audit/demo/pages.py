"""Every page of a demo site, and how one council's version of a page is built:
page text, then that council's planted barriers, then the shared layout."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from council_audit.demo import layout, markup
from council_audit.demo.barriers import Barrier, barrier
from council_audit.demo.components import render_component
from council_audit.demo.content_info import INFO
from council_audit.demo.content_people import (
    BENEFITS,
    BLUE_BADGE,
    HOUSING,
    LIBRARIES,
    REPORT,
    SCHOOLS,
)
from council_audit.demo.content_services import BINS, COUNCIL_TAX, PARKING, PLANNING
from council_audit.demo.context import Context
from council_audit.demo.councils import PLANTED, Council
from council_audit.demo.forms import fallback_form
from council_audit.demo.spec import FORM_SLOT, Doc, PageSpec

PAGES: Mapping[str, PageSpec] = MappingProxyType(
    {
        p.path: p
        for p in (
            *INFO, *BINS, *COUNCIL_TAX, *PARKING, *PLANNING, *HOUSING, *BENEFITS,
            BLUE_BADGE, *SCHOOLS, *LIBRARIES, *REPORT,
        )
    }
)  # fmt: skip
NOT_FOUND = PageSpec(
    "/404/",
    "Page not found",
    body="""
If you typed the web address, check it is correct. If you pasted the web address, check
you copied the entire address.

You can [search this website](/search/) or go to the [home page](/).
""",
)
EMBED_PREFIX = "/maps/"


def planted(council: Council, path: str, fixed: tuple[str, ...] = ()) -> list[Barrier]:
    """The barriers planted on this council's page at ``path`` (less those ``fixed``)."""
    return [barrier(b) for b in PLANTED[council.code].get(path, ()) if b not in fixed]


def build(
    council: Council, spec: PageSpec, query: str = "", fixed: tuple[str, ...] = ()
) -> tuple[str, Doc]:
    """The HTML of one council's version of a page, and the document it was built from;
    ``fixed`` names barriers the council has since fixed on this page."""
    ctx = Context(council, spec, PAGES, query)
    doc = Doc(
        title=f"{ctx.text(spec.title)} – {council.name}",
        h1=ctx.text(spec.h1),
        text=spec.body,
        lang=spec.lang,
        content_lang=spec.lang,
        description=ctx.text(spec.summary),
    )
    barriers = planted(council, spec.path, fixed) if spec is PAGES.get(spec.path) else []
    for b in barriers:
        b.edit(doc, spec.path)
    doc.body = markup.render(ctx.text(doc.text), lambda n, a: render_component(ctx, n, a))
    _place_form_snippets(doc)
    for b in barriers:
        if b.rework:
            doc.body = b.rework(doc.body)
    if spec.path.startswith(EMBED_PREFIX):
        return layout.embed(council, doc), doc
    return layout.page(council, doc, breadcrumbs(ctx)), doc


def _place_form_snippets(doc: Doc) -> None:
    if doc.form and FORM_SLOT in doc.body:
        doc.body = doc.body.replace(FORM_SLOT, "".join(doc.form), 1)
    elif doc.form:
        doc.end.append(fallback_form(doc.form))
    doc.body = doc.body.replace(FORM_SLOT, "")


def breadcrumbs(ctx: Context) -> list[tuple[str, str]]:
    """(href, text) of the pages above this one, starting with Home."""
    crumbs: list[tuple[str, str]] = []
    parent = ctx.page.parent
    while parent is not None and parent in PAGES:
        text = "Home" if parent == "/" else ctx.title_of(parent)
        crumbs.insert(0, (parent, text))
        parent = PAGES[parent].parent
    return crumbs
