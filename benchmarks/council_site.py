"""A generated council website the size and shape of real UK council pages, served on
127.0.0.1 for the benchmarks (``benchmarks/realistic.py``).

Each page is 40-120 KB with about 2,000 elements: a cookie banner, a mega-menu of about
150 links, breadcrumbs, 300-1,200 words of service text with lists, a table or a form
on some pages, images, related links and a large footer, plus one shared stylesheet, a
print stylesheet and a script. Half the councils send pages the way a dynamic CMS does
(a fresh CSRF token and script nonce in every response, a generation timestamp, no
validators); the others the way a cached CMS does (``ETag`` and ``Last-Modified``,
answering ``If-None-Match`` with 304). Static files always carry validators.

Everything is derived from a seed, so two runs serve the same site. ``edit_page`` and
``edit_stylesheet`` change one page or one council's stylesheet while the site runs.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

HOST = "127.0.0.1"
SECTIONS = (
    "Bins and recycling", "Council tax", "Parking and roads", "Planning and building",
    "Housing", "Benefits and support", "Schools and education", "Libraries and leisure",
)  # fmt: skip
WORDS = (
    "council resident service apply report collection waste recycling household property "
    "payment account online form support advice local area street permit licence planning "
    "application housing tenant benefit school admission library leisure centre community "
    "contact office opening hours register vote election business rates grant funding "
    "consultation policy strategy environment health safety social care adult child family "
    "education transport road parking blue badge garden green food hygiene noise pest "
    "the a of to and for in on with your you we our can will may must should if when by"
).split()
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a7a3a3"
    "a40000000049454e44ae426082"
)
ICON = '<svg class="icon" aria-hidden="true" focusable="false"><use href="#i-arrow"/></svg>'
SPRITE = (
    '<svg xmlns="http://www.w3.org/2000/svg" style="display:none"><symbol id="i-arrow" '
    'viewBox="0 0 16 16"><path d="M2 2h12v2H2zM2 7h12v2H2zM2 12h12v2H2z"/></symbol></svg>'
)


@dataclass
class Council:
    code: str
    name: str
    pages: int
    dynamic: bool  # tokens and nonces in every response, no validators
    rng_seed: int
    edits: dict[str, int] = field(default_factory=dict)  # path -> times edited
    css_version: int = 0

    def slugs(self) -> list[str]:
        fixed = ["/", "/contact-us", "/accessibility-statement", "/privacy", "/search"]
        return fixed[: self.pages] + [
            f"/services/{_slug(self.rng_seed, i)}" for i in range(len(fixed), self.pages)
        ]


def _slug(seed: int, i: int) -> str:
    rng = random.Random(seed * 7919 + i)
    return "-".join(rng.choice(WORDS[:60]) for _ in range(3)) + f"-{i}"


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 22))]
    return " ".join(words).capitalize() + "."


def _spoken(rng: random.Random) -> str:
    """A sentence wrapped the way read-aloud tools wrap them, with a word in bold."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 22))]
    k = rng.randrange(len(words))
    words[k] = f"<strong>{words[k]}</strong>"
    return '<span class="rs">' + " ".join(words).capitalize() + ".</span>"


class CouncilSite:
    """The pages, stylesheet and script of one generated council."""

    def __init__(self, council: Council, base_url: str) -> None:
        self.council = council
        self.base_url = base_url
        self.slugs = council.slugs()
        self.titles = {s: self._title(i) for i, s in enumerate(self.slugs)}
        self.started = formatdate(time.time() - 86400, usegmt=True)
        self._chrome: str | None = None
        self._footer: str | None = None

    def _title(self, i: int) -> str:
        fixed = ("Home", "Contact us", "Accessibility statement", "Privacy notice", "Search")
        if i < len(fixed):
            return fixed[i]
        rng = random.Random(self.council.rng_seed * 31 + i)
        return f"{rng.choice(SECTIONS)}: {' '.join(rng.choice(WORDS[:60]) for _ in range(3))}"

    # --- shared regions ------------------------------------------------------------------
    def mega_menu(self) -> str:
        if self._chrome is None:
            rng = random.Random(self.council.rng_seed)
            cols = []
            for s, section in enumerate(SECTIONS):
                links = "".join(
                    f'<li class="mm__item"><div class="mm__wrap">'
                    f'<a class="mm__link" '
                    f'href="{self.slugs[(s * 19 + k) % len(self.slugs)]}">'
                    f'{ICON}<span class="mega-menu__text">{self.titles[self.slugs[(s * 19 + k) % len(self.slugs)]]}'
                    f"</span>"
                    f"</a></div></li>"
                    for k in range(rng.randint(16, 22))
                )  # fmt: skip
                cols.append(
                    f'<li class="nav__section"><button class="nav__toggle" aria-expanded="false"'
                    f' aria-controls="menu-{s}">{section}{ICON}</button>'
                    f'<div class="mega-menu" id="menu-{s}" hidden><div class="mega-menu__inner">'
                    f'<h2 class="mega-menu__title">{section}</h2><ul class="mega-menu__list">'
                    f"{links}</ul></div></div></li>"
                )
            self._chrome = (
                '<div class="cookie-banner" role="region" aria-label="Cookies on this site">'
                "<p>We use cookies to make this site work and to understand how you use it.</p>"
                '<button class="button" type="button">Accept analytics cookies</button> '
                '<button class="button" type="button">Reject analytics cookies</button></div>'
                '<a class="skip-link" href="#main">Skip to main content</a>'
                '<header class="site-header"><div class="site-header__inner">'
                f'<a class="site-header__logo" href="/"><img src="/assets/logo.png" '
                f'alt="{self.council.name}" width="180" height="50"></a>'
                '<form class="site-search" action="/search" method="get" role="search">'
                '<label for="q" class="visually-hidden">Search this site</label>'
                '<input id="q" name="q" type="search"><button type="submit">Search</button>'
                f'</form></div><nav class="nav" aria-label="Main"><ul class="nav__list">'
                f"{''.join(cols)}</ul></nav></header>"
            )
        return self._chrome

    def footer(self) -> str:
        if self._footer is None:
            rng = random.Random(self.council.rng_seed + 1)
            cols = "".join(
                f'<div class="footer__col"><h2 class="footer__heading">{section}</h2>'
                '<ul class="footer__list">'
                + "".join(
                    f'<li class="footer__item"><a class="footer__link" '
                    f'href="{rng.choice(self.slugs)}">{ICON}<span>{" ".join(rng.choice(WORDS[:60]) for _ in range(2))}</span>'
                    f"</a></li>"
                    for _ in range(9)
                )
                + "</ul></div>"
                for section in SECTIONS[:6]
            )  # fmt: skip
            social = "".join(
                f'<li><a href="https://social.example/{n}">{ICON}<span>{n}</span></a></li>'
                for n in ("Facebook", "X", "Instagram", "YouTube", "LinkedIn")
            )
            self._footer = (
                f'<footer class="site-footer"><div class="footer__cols">{cols}</div>'
                f'<ul class="footer__social">{social}</ul><p class="footer__legal">'
                f"&copy; {self.council.name}. All content is available under the Open "
                'Government Licence v3.0. <a href="/accessibility-statement">Accessibility statement'
                '</a> <a href="/privacy">Privacy</a> <a href="/contact-us">Contact us</a></p></footer>'
            )
        return self._footer

    # --- pages ---------------------------------------------------------------------------
    def page(self, path: str) -> str:
        i = self.slugs.index(path)
        rng = random.Random(self.council.rng_seed * 1009 + i)
        title = self.titles[path]
        edits = self.council.edits.get(path, 0)
        words_wanted = rng.randint(300, 1200)
        body, words = [], 0
        while words < words_wanted:
            if rng.random() < 0.18:
                items = "".join(f"<li>{_spoken(rng)}</li>" for _ in range(rng.randint(3, 7)))
                body.append(f"<ul class='list list--bullet'>{items}</ul>")
            else:
                sentences = [_spoken(rng) for _ in range(rng.randint(2, 5))]
                link = self.slugs[rng.randrange(len(self.slugs))]
                sentences[0] += f' <a href="{link}">{self.titles[link]}</a>'
                body.append(
                    '<div class="paragraph paragraph--type--text paragraph--view-mode--default"'
                    f' data-paragraph-id="{rng.randrange(99999)}"><div class="field field--text">'
                    f"<p>{' '.join(sentences)}</p></div></div>"
                )
            words += len(body[-1].split()) - 2
            if rng.random() < 0.12:
                n = rng.randrange(1000)
                body.append(
                    f'<figure class="figure"><img src="/assets/photo-{n}.png" '
                    f'alt="{_sentence(rng)[:60]}" width="600" height="400" loading="lazy">'
                    f"<figcaption>{_sentence(rng)}</figcaption></figure>"
                )
            if rng.random() < 0.15:
                body.append(f"<h2>{_sentence(rng)[:50]}</h2>")
        cards = "".join(
            f'<li class="card"><div class="card__inner"><a class="card__link" href="{c}">'
            f'{ICON}<span class="card__title">{self.titles[c]}</span></a>'
            f'<p class="card__text"><span>{_sentence(rng)}</span></p></div></li>'
            for c in rng.sample(self.slugs, min(rng.randint(10, 50), len(self.slugs)))
        )
        body.append(f'<ul class="cards">{cards}</ul>')
        settings_json = ",".join(
            f'"{rng.choice(WORDS)}_{k}":"{rng.randrange(10**12)}"'
            for k in range(rng.randint(0, 1000))
        )
        body.append(
            f'<script type="application/json" data-cms-settings>{{{settings_json}}}</script>'
        )
        if edits:
            body.insert(0, f"<p class='notice'>Updated notice number {edits}.</p>")
        if i % 5 == 2:
            body.append(self._table(rng))
        if i % 4 == 1:
            body.append(self._form(rng))
        related = "".join(
            f'<li><a href="{s}">{self.titles[s]}</a></li>'
            for s in rng.sample(self.slugs, min(8, len(self.slugs)))
        )
        crumbs = (
            '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>'
            '<li><a href="/">Home</a></li>'
            f'<li><a href="{self.slugs[max(1, i - 1) % len(self.slugs)]}">{title.split(":")[0]}'
            f'</a></li><li aria-current="page">{title}</li></ol></nav>'
        )
        token = secrets.token_urlsafe(32) if self.council.dynamic else "static"
        nonce = secrets.token_urlsafe(16) if self.council.dynamic else "static"
        stamp = (
            f"<!-- page generated {time.strftime('%Y-%m-%dT%H:%M:%S')} -->"
            if self.council.dynamic
            else ""
        )
        return (
            f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8">{stamp}'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="csrf-token" content="{token}">'
            f"<title>{title} | {self.council.name}</title>"
            f'<link rel="stylesheet" href="/assets/site.css?v={self.council.code}">'
            '<link rel="stylesheet" href="/assets/print.css" media="print">'
            f'<script nonce="{nonce}">window.dataLayer = window.dataLayer || [];</script>'
            f'<script type="application/ld+json">{{"@type":"GovernmentOrganization",'
            f'"name":"{self.council.name}","url":"{self.base_url}/"}}</script>'
            f"</head><body>{SPRITE}{self.mega_menu()}"
            f'<div class="page"><div class="page__inner">{crumbs}'
            f'<main id="main" class="main"><h1>{title}</h1>'
            f'<div class="content"><div class="content__body">{"".join(body)}</div></div>'
            f'<form class="feedback" action="/feedback" method="post">'
            f'<input type="hidden" name="__RequestVerificationToken" value="{token}">'
            "<fieldset><legend>Was this page useful?</legend>"
            '<input type="radio" id="fb-y" name="useful" value="yes"><label for="fb-y">Yes</label>'
            '<input type="radio" id="fb-n" name="useful" value="no"><label for="fb-n">No</label>'
            '</fieldset><button type="submit">Send</button></form></main>'
            f'<aside class="related" aria-label="Related pages"><h2>Related pages</h2>'
            f"<ul>{related}</ul></aside></div></div>{self.footer()}"
            f'<script src="/assets/site.js" defer></script></body></html>'
        )

    def _table(self, rng: random.Random) -> str:
        rows = "".join(
            f"<tr><th scope='row'>{rng.choice(WORDS[:60]).title()}</th>"
            f"<td>{rng.randint(1, 999)}</td><td>£{rng.randint(10, 900)}.00</td>"
            f"<td>{rng.choice(WORDS[:60])}</td></tr>"
            for _ in range(rng.randint(6, 20))
        )
        return (
            "<table class='table'><caption>Charges for this service</caption><thead><tr>"
            "<th scope='col'>Item</th><th scope='col'>Number</th><th scope='col'>Charge</th>"
            f"<th scope='col'>Notes</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def _form(self, rng: random.Random) -> str:
        fields = "".join(
            f'<div class="form-group"><label for="f{k}">{_sentence(rng)[:30]}</label>'
            f'<span class="hint" id="f{k}-hint">{_sentence(rng)[:70]}</span>'
            f'<input id="f{k}" name="f{k}" type="text" aria-describedby="f{k}-hint"></div>'
            for k in range(rng.randint(3, 8))
        )
        return (
            '<form class="service-form" action="/apply" method="post"><h2>Apply online</h2>'
            f'{fields}<button type="submit" class="button">Continue</button></form>'
        )

    # --- static files --------------------------------------------------------------------
    def stylesheet(self) -> str:
        rng = random.Random(self.council.rng_seed + 2)
        brand = f"#{rng.randrange(0x202020, 0x505050):06x}"
        rules = [
            "body{font-family:Arial,sans-serif;font-size:1.1875rem;line-height:1.5;margin:0;"
            "color:#0b0c0c}",
            f".site-header{{background:{brand};color:#fff;padding:1rem}}",
            ".site-header a,.nav__toggle{color:#fff}",
            ".nav__list{display:flex;flex-wrap:wrap;list-style:none;margin:0;padding:0}",
            ".nav__toggle{background:none;border:0;font:inherit;padding:.5rem 1rem}",
            ".mega-menu[hidden]{display:none}",
            ".page__inner{max-width:960px;margin:0 auto;padding:0 1rem}",
            ".breadcrumbs ol{list-style:none;padding:0;display:flex;gap:.5rem}",
            "a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}",
            ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;"
            "clip:rect(0 0 0 0)}",
            ".skip-link{position:absolute;left:-9999px}.skip-link:focus{left:0}",
            ".cookie-banner{background:#f3f2f1;padding:1rem}",
            ".site-footer{background:#f3f2f1;padding:2rem 1rem;margin-top:2rem}",
            ".footer__cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr))}",
            ".button{background:#00703c;color:#fff;border:0;padding:.5rem 1rem}",
            ".table{border-collapse:collapse;width:100%}.table td,.table th{border-bottom:"
            "1px solid #b1b4b6;padding:.5rem;text-align:left}",
            ".icon{fill:currentColor;vertical-align:middle}",
            "img{max-width:100%;height:auto}",
        ]
        rules += [
            f".c-{k}{{margin:{k % 7}px;padding:{k % 5}px}}" for k in range(200)
        ]  # a CMS theme's bulk
        if self.council.css_version:
            rules.append(f".notice{{border-left:{self.council.css_version}px solid {brand}}}")
        return "\n".join(rules)

    def script(self) -> str:
        return (
            "document.querySelectorAll('.nav__toggle').forEach(function (b) {"
            " b.addEventListener('click', function () {"
            " var m = document.getElementById(b.getAttribute('aria-controls'));"
            " var open = b.getAttribute('aria-expanded') === 'true';"
            " b.setAttribute('aria-expanded', String(!open)); m.hidden = open; }); });"
        )

    def robots(self) -> str:
        return f"User-agent: *\nAllow: /\nSitemap: {self.base_url}/sitemap.xml\n"

    def sitemap(self) -> str:
        locs = "".join(f"<url><loc>{self.base_url}{s}</loc></url>" for s in self.slugs)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
        )

    def resolve(self, path: str) -> tuple[int, str, bytes, bool]:
        """(status, content type, body, static) for a path."""
        if path in self.titles:
            return 200, "text/html; charset=utf-8", self.page(path).encode(), False
        if path == "/assets/site.css":
            return 200, "text/css", self.stylesheet().encode(), True
        if path == "/assets/print.css":
            return 200, "text/css", b"body{font-size:12pt}nav,footer{display:none}", True
        if path == "/assets/site.js":
            return 200, "text/javascript", self.script().encode(), True
        if path.startswith("/assets/") and path.endswith(".png"):
            return 200, "image/png", PIXEL_PNG, True
        if path == "/robots.txt":
            return 200, "text/plain", self.robots().encode(), True
        if path == "/sitemap.xml":
            return 200, "application/xml", self.sitemap().encode(), True
        return 404, "text/html; charset=utf-8", b"<!doctype html><title>Not found</title>", True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: CouncilSite


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        site = self.server.site
        status, ctype, body, static = site.resolve(urlsplit(self.path).path or "/")
        validators = static or not site.council.dynamic
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if validators and status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if validators and status == 200:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", site.started)
            self.send_header("Cache-Control", "max-age=0, must-revalidate")
        else:
            self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: no line per request."""


class CouncilSites:
    """``councils`` generated councils of ``pages`` pages each, each on its own port."""

    def __init__(self, councils: int = 6, pages: int = 50, seed: int = 11) -> None:
        self.councils = [
            Council(f"BEN{n}", f"Benchmark Borough Council {n}", pages, n % 2 == 0, seed + n)
            for n in range(councils)
        ]
        self.sites: dict[str, CouncilSite] = {}
        self._servers: list[_Server] = []

    def __enter__(self) -> CouncilSites:
        for c in self.councils:
            server = _Server((HOST, 0), _Handler)
            server.site = CouncilSite(c, f"http://{HOST}:{server.server_address[1]}")
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self._servers.append(server)
            self.sites[c.code] = server.site
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def register_rows(self) -> list[dict[str, Any]]:
        return [
            {"code": c.code, "name": c.name, "short_name": c.name, "nation": "England",
             "region": "Benchmark", "type": "NMD", "homepage_url": self.sites[c.code].base_url + "/"}
            for c in self.councils
        ]  # fmt: skip

    def urls(self) -> list[str]:
        return [site.base_url + s for site in self.sites.values() for s in site.slugs]

    def edit_page(self, code: str, path: str) -> None:
        council = self.sites[code].council
        council.edits[path] = council.edits.get(path, 0) + 1

    def edit_stylesheet(self, code: str) -> None:
        self.sites[code].council.css_version += 1


if __name__ == "__main__":
    with CouncilSites() as sites:
        sizes = []
        for site in sites.sites.values():
            for s in site.slugs:
                sizes.append(len(site.page(s).encode()))
        print(f"{len(sizes)} pages, {min(sizes) // 1024}-{max(sizes) // 1024} KB")
