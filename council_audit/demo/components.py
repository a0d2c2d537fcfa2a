"""``{{component}}`` blocks of page bodies: link lists, tables, the embedded map,
the PDF link, search results and the forms."""

from __future__ import annotations

import html
from collections.abc import Callable

from council_audit.demo import markup
from council_audit.demo.context import Context
from council_audit.demo.forms import FORMS
from council_audit.demo.pdf import guide_pdf
from council_audit.demo.statements import statement_markup

Component = Callable[[Context, str], str]

HOME_SERVICES = (
    "/bins/", "/council-tax/", "/parking/", "/planning/", "/housing/", "/benefits/",
    "/blue-badge/", "/schools/", "/libraries/", "/report-a-problem/",
)  # fmt: skip
BAND_RATIOS = (("A", 6, "up to £40,000"), ("B", 7, "£40,001 to £52,000"),
               ("C", 8, "£52,001 to £68,000"), ("D", 9, "£68,001 to £88,000"),
               ("E", 11, "£88,001 to £120,000"), ("F", 13, "£120,001 to £160,000"),
               ("G", 15, "£160,001 to £320,000"), ("H", 18, "over £320,000"))  # fmt: skip
BAND_D = {"DWB": 2150.40, "DTY": 2087.12, "DPR": 2241.96}
AREAS = (("Central", "Monday", "Tuesday"), ("North", "Tuesday", "Wednesday"),
         ("South", "Wednesday", "Thursday"), ("East", "Thursday", "Friday"),
         ("West", "Friday", "Monday"))  # fmt: skip
PDF_PATH = "/documents/council-tax-guide.pdf"


def link_list(ctx: Context, paths: list[str]) -> str:
    items = "".join(
        f'<li{_lang_of_part(ctx, p)}><a href="{p}">{html.escape(ctx.title_of(p))}</a>'
        f'<span class="summary">{html.escape(ctx.text(ctx.pages[p].summary))}</span></li>'
        for p in paths
    )
    return f'<ul class="link-list">{items}</ul>'


def _lang_of_part(ctx: Context, path: str) -> str:
    """A well-built council marks a link to a page in another language (the Welsh page)
    with that language (WCAG 3.1.2); the others, like many real councils, do not."""
    lang = ctx.pages[path].lang
    return f' lang="{lang}"' if ctx.council.quality == "good" and lang != "en-GB" else ""


def children(ctx: Context, arg: str) -> str:
    return link_list(ctx, [p.path for p in ctx.children(ctx.page.path)])


def services(ctx: Context, arg: str) -> str:
    return link_list(ctx, list(HOME_SERVICES))


def news_list(ctx: Context, arg: str) -> str:
    return link_list(ctx, [p.path for p in ctx.children("/news/")])


def latest_news(ctx: Context, arg: str) -> str:
    recent = [p.path for p in ctx.children("/news/")][:3]
    return link_list(ctx, recent) + '<p><a href="/news/">All news</a></p>'


def table(caption: str, head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join(
        f'<tr><th scope="row">{r[0]}</th>' + "".join(f"<td>{c}</td>" for c in r[1:]) + "</tr>"
        for r in rows
    )
    return f"<table><caption>{caption}</caption><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def bands_table(ctx: Context, arg: str) -> str:
    band_d = BAND_D[ctx.council.code]
    rows = [(band, value, f"£{band_d * ninths / 9:,.2f}") for band, ninths, value in BAND_RATIOS]
    return table(
        "Council tax for a year, by band", ("Band", "Value in 1991", "Yearly charge"), rows
    )


def collection_table(ctx: Context, arg: str) -> str:
    head = ("Area", "Rubbish and recycling", "Garden waste")
    return table("Collection days by area", head, list(AREAS))


def pdf_link(ctx: Context, arg: str) -> str:
    size = max(1, round(len(guide_pdf(ctx.council.name, ctx.council.quality)) / 1024))
    return f'<p><a href="{PDF_PATH}">Council tax guide 2025 to 2026 (PDF, {size} KB)</a></p>'


def library_map(ctx: Context, arg: str) -> str:
    return (
        f'<iframe src="/maps/libraries/" title="Map of libraries in {ctx.council.short_name}" '
        'width="600" height="320"></iframe>'
        '<p><a href="/maps/libraries/">Open the map of libraries on its own page</a></p>'
    )


def map_image(ctx: Context, arg: str) -> str:
    return (
        '<img src="/images/library-map.svg" width="560" height="240" '
        f'alt="Map of {ctx.council.short_name} with the six libraries marked">'
    )


def address(ctx: Context, arg: str) -> str:
    c = ctx.council
    return f"<address>{c.name}<br>Council Offices<br>Market Street<br>{c.town}<br>{c.postcode}</address>"


def search_results(ctx: Context, arg: str) -> str:
    words = [w for w in ctx.query.lower().split() if w]
    if not words:
        popular = [p.path for p in ctx.listable() if p.parent == "/"][:8]
        return "<p>Here are our most popular pages.</p>" + link_list(ctx, popular)
    found = [
        p.path
        for p in ctx.listable()
        if any(w in f"{ctx.text(p.title)} {p.summary}".lower() for w in words)
    ]
    said = html.escape(ctx.query)
    if not found:
        return f"<p>No pages match ‘{said}’. Try a different word.</p>"
    return f"<p>{len(found)} pages match ‘{said}’.</p>" + link_list(ctx, found)


def accessibility_statement(ctx: Context, arg: str) -> str:
    """The council's statement: good, out of date, or an unedited template."""
    text = ctx.text(statement_markup(ctx.council.quality))
    return markup.render(text, lambda name, arg: "")


COMPONENTS: dict[str, Component] = {
    "children": children,
    "services": services,
    "news-list": news_list,
    "latest-news": latest_news,
    "bands-table": bands_table,
    "collection-table": collection_table,
    "pdf-link": pdf_link,
    "library-map": library_map,
    "map-image": map_image,
    "address": address,
    "search-results": search_results,
    "accessibility-statement": accessibility_statement,
    **FORMS,
}


def render_component(ctx: Context, name: str, arg: str) -> str:
    """HTML for ``{{name:arg}}`` (KeyError for an unknown component)."""
    return COMPONENTS[name](ctx, arg)
