"""Files that are not pages: images, robots.txt and sitemap.xml."""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from xml.sax.saxutils import escape

_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">{body}</svg>\n'

IMAGES = MappingProxyType(
    {
        "/images/banner.svg": _SVG.format(
            w=640, h=160,
            body='<rect width="640" height="160" fill="#2e7d32"/>'
            '<circle cx="540" cy="80" r="50" fill="#a5d6a7"/>'
            '<rect x="40" y="50" width="120" height="80" rx="8" fill="#1b5e20"/>',
        ),
        "/images/icon-phone.svg": _SVG.format(
            w=32, h=32,
            body='<rect width="32" height="32" rx="6" fill="#1d4f91"/>'
            '<rect x="11" y="6" width="10" height="20" rx="2" fill="#fff"/>',
        ),
        "/images/go.svg": _SVG.format(
            w=32, h=32,
            body='<rect width="32" height="32" rx="4" fill="#0b0c0c"/>'
            '<path d="M10 8 L24 16 L10 24 Z" fill="#fff"/>',
        ),
        "/images/area-map.svg": _SVG.format(
            w=400, h=200,
            body='<rect width="200" height="200" fill="#c5e1a5"/>'
            '<rect x="200" width="200" height="200" fill="#90caf9"/>',
        ),
        "/images/library-map.svg": _SVG.format(
            w=560, h=240,
            body='<rect width="560" height="240" fill="#e0e0e0"/>'
            + "".join(
                f'<circle cx="{x}" cy="{y}" r="10" fill="#1d3557"/>'
                for x, y in ((280, 120), (280, 40), (280, 200), (480, 120), (80, 120))
            ),
        ),
        "/images/captcha.svg": _SVG.format(
            w=160, h=50,
            body='<rect width="160" height="50" fill="#f0f0f0"/>'
            '<path d="M5 40 L40 10 L80 35 L120 12 L155 38" stroke="#999" fill="none"/>'
            '<text x="20" y="34" font-size="24" font-family="serif" fill="#555" '
            'transform="rotate(-4 80 25)">x7Kq9</text>',
        ),
    }
)  # fmt: skip


def robots_txt(base_url: str) -> str:
    """robots.txt: keep crawlers out of /private/ and point them at the sitemap."""
    return f"User-agent: *\nDisallow: /private/\n\nSitemap: {base_url}/sitemap.xml\n"


def sitemap_xml(base_url: str, paths: Iterable[str]) -> str:
    urls = "".join(f"<url><loc>{escape(base_url + p)}</loc></url>\n" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    )
