"""The page shell: head, header with navigation, breadcrumbs, main content and footer.
Solid colours and large targets, so the shell itself passes axe-core; only planted
barriers should be found."""

from __future__ import annotations

import html

from council_audit.demo.councils import Council
from council_audit.demo.spec import Doc

NAV = (
    ("/bins/", "Bins"), ("/council-tax/", "Council tax"), ("/parking/", "Parking"),
    ("/planning/", "Planning"), ("/housing/", "Housing"), ("/benefits/", "Benefits"),
    ("/schools/", "Schools"), ("/libraries/", "Libraries"),
    ("/report-a-problem/", "Report a problem"),
)  # fmt: skip
FOOTER = (
    ("/contact/", "Contact us"), ("/accessibility/", "Accessibility statement"),
    ("/privacy/", "Privacy notice"), ("/news/", "News"), ("/search/", "Search"),
    ("/blue-badge/", "Blue Badges"), ("/cymraeg/", "Cymraeg"),
)  # fmt: skip

CSS = """
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:1.1rem;line-height:1.5;
color:#0b0c0c;background:#fff}
.wrap{max-width:960px;margin:0 auto;padding:0 16px}
main p,main li,main dd,main label,main .hint{max-width:34em}
a{color:%(link)s;text-decoration:underline}
a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid %(accent)s;
outline-offset:0;background:%(accent)s;color:#0b0c0c}
.skip-link{position:absolute;left:-9999px}.skip-link:focus{left:8px;top:8px;padding:8px}
.site-header{background:%(header_bg)s;color:%(header_fg)s}
.site-header a{color:%(header_fg)s}
.masthead{display:flex;justify-content:space-between;align-items:center;padding:12px 0}
.logo{font-size:1.5rem;font-weight:bold;text-decoration:none;padding:8px 0}
.site-header ul,.site-footer ul,.breadcrumbs ol{list-style:none;margin:0;padding:0;
display:flex;flex-wrap:wrap;gap:4px 20px}
.site-header nav ul{padding:8px 0 12px}
.site-header nav a,.site-footer a,.breadcrumbs a,.masthead a{display:inline-block;
padding:6px 0;min-height:24px}
.breadcrumbs{margin:16px 0}
main{padding-bottom:32px}
.page-title,h1{font-size:2.2rem;font-weight:bold;margin:16px 0}
.link-list{list-style:none;padding:0}.link-list li{margin:0 0 16px}
.link-list a{display:inline-block;padding:4px 0;font-weight:bold}
.summary{display:block}
table{border-collapse:collapse;margin:16px 0}
th,td{border-bottom:1px solid #505a5f;padding:8px 16px 8px 0;text-align:left}
caption{text-align:left;font-weight:bold;padding:8px 0}
.form .field,.form fieldset{margin:0 0 20px}
.form label,.field-label,legend{display:block;font-weight:bold}
.hint{display:block;color:#505a5f}
input,select,textarea{font:inherit;padding:6px;border:2px solid #0b0c0c;min-height:28px}
input[type=radio]{width:24px;height:24px;margin:4px 8px 4px 0;vertical-align:middle}
.radio{display:flex;align-items:center;margin:6px 0}.radio label{font-weight:normal}
.button{font:inherit;padding:8px 16px;background:%(header_bg)s;color:%(header_fg)s;
border:0;min-height:40px}
.icon-button{width:40px;height:40px}
.hero img,.area-map img,iframe{max-width:100%%;border:0;display:block}
.notice-bar{background:#0b0c0c;color:#fff;padding:8px 16px}
.site-footer{background:%(footer_bg)s;color:%(footer_fg)s;padding:24px 0;margin-top:32px}
.site-footer a{color:%(footer_fg)s}
.footer-columns{display:flex;flex-wrap:wrap;gap:24px 48px}
.footer-title{font-weight:bold;margin:0 0 8px}
.site-footer .footer-columns ul{flex-direction:column;gap:4px}
@media (max-width:640px){.masthead{flex-direction:column;align-items:flex-start}
h1,.page-title{font-size:1.8rem}table{font-size:1rem}}
@media print{.site-header nav,.site-footer nav,.breadcrumbs,.skip-link{display:none}
a{color:#000}body{font-size:12pt}}
"""


def _css(council: Council) -> str:
    p = council.palette
    colours = {k: getattr(p, k) for k in p.__dataclass_fields__}
    css = CSS % colours
    if council.quality == "good":  # every image shrinks to fit a phone, maps included
        css += "main img{max-width:100%;height:auto}\n"
    return " ".join(line.strip() for line in css.splitlines())


def _links(items: tuple[tuple[str, str], ...]) -> str:
    return "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in items)


def head(council: Council, doc: Doc) -> str:
    title = "" if doc.title is None else f"<title>{html.escape(doc.title)}</title>"
    about = html.escape(doc.description or council.name)
    return (
        f'<head><meta charset="utf-8"><meta name="viewport" content="{doc.viewport}">'
        f'{title}<meta name="description" content="{about}">'
        f"<style>{_css(council)}</style></head>"
    )


def shell_lang(doc: Doc) -> str:
    """Header, navigation and footer are English; say so when the page is not."""
    return "" if (doc.lang or "en").startswith("en") else ' lang="en-GB"'


def header(council: Council, doc: Doc) -> str:
    skip = (
        ""
        if council.quality == "poor"
        else ('<a class="skip-link" href="#main-content">Skip to main content</a>')
    )
    return (
        f'{skip}{"".join(doc.before_header)}<header class="site-header"{shell_lang(doc)}>'
        f'<div class="wrap"><div class="masthead"><a class="logo" href="/">{council.name}</a>'
        '<a href="/search/">Search</a></div>'
        f'<nav aria-label="Main"><ul>{_links(NAV)}</ul></nav></div></header>'
    )


def breadcrumbs(crumbs: list[tuple[str, str]], doc: Doc) -> str:
    if not crumbs:
        return ""
    items = "".join(f'<li><a href="{href}">{html.escape(text)}</a></li>' for href, text in crumbs)
    return (
        f'<nav class="breadcrumbs" aria-label="Breadcrumb"{shell_lang(doc)}><ol>{items}</ol></nav>'
    )


def main(doc: Doc, extra: str = "") -> str:
    cls = ' class="page-title"' if doc.heading_tag == "div" else ""
    heading = f"<{doc.heading_tag}{cls}>{html.escape(doc.h1)}</{doc.heading_tag}>"
    inner = heading + "".join(doc.top) + doc.body + "".join(doc.end) + extra
    return f'<{doc.main_tag} id="main-content">{inner}</{doc.main_tag}>'


def footer(council: Council, doc: Doc) -> str:
    home = '<li><a href="/">Home</a></li>'
    return (
        f'<footer class="site-footer"{shell_lang(doc)}><div class="wrap">'
        '<nav aria-label="Footer" class="footer-columns">'
        f'<div><p class="footer-title">About this website</p><ul>{home}{_links(FOOTER)}</ul></div>'
        f'<div><p class="footer-title">Services</p><ul>{_links(NAV)}</ul></div></nav>'
        f"<p>© 2025 {council.name}, Council Offices, Market Street, {council.town} "
        f"{council.postcode}. Phone {council.phone}.</p></div></footer>"
    )


def page(council: Council, doc: Doc, crumbs: list[tuple[str, str]]) -> str:
    """The whole HTML document for one page."""
    lang = "" if doc.lang is None else f' lang="{doc.lang}"'
    return (
        f"<!DOCTYPE html>\n<html{lang}>{head(council, doc)}<body>{header(council, doc)}"
        f'<div class="wrap">{breadcrumbs(crumbs, doc)}{main(doc)}</div>'
        f"{footer(council, doc)}</body></html>\n"
    )


def embed(council: Council, doc: Doc) -> str:
    """A bare page made to sit in an iframe (the library map)."""
    lang = "" if doc.lang is None else f' lang="{doc.lang}"'
    home = f'<p><a href="/">Go to the {council.name} website</a></p>'
    return (
        f"<!DOCTYPE html>\n<html{lang}>{head(council, doc)}<body>{main(doc, home)}</body></html>\n"
    )
