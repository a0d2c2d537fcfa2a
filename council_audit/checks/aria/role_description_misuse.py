"""Braille labels and role descriptions only on elements that can carry them (WAI-ARIA,
WCAG 1.3.1)."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="aria-role-description-misuse",
    title="Braille labels and role descriptions are on elements that can have them",
    group="aria",
    impact="minor",
    wcag=("1.3.1",),
    help_url="https://www.w3.org/TR/wai-aria-1.3/#aria-roledescription",
    how_to_fix=(
        "Use aria-roledescription, aria-brailleroledescription and aria-braillelabel only "
        "on elements with a meaningful role (a button, a region, a heading...), never on a "
        "plain <div>, <span> or <p>. Give the element the right role, or drop the attribute."
    ),
    description=(
        "WAI-ARIA forbids role descriptions and braille labels on elements whose role cannot "
        "be named (generic containers, paragraphs, text styles). Browsers and screen "
        "readers ignore them there, so whatever they were meant to say is lost. "
        "aria-label on such elements is axe-core's aria-prohibited-attr."
    ),
)

ATTRIBUTES = ("aria-roledescription", "aria-brailleroledescription", "aria-braillelabel")
# Roles that cannot be named (WAI-ARIA 1.2, 5.2.8.6) and the HTML elements that have them.
UNNAMEABLE_ROLES = frozenset(
    """caption code deletion emphasis generic insertion paragraph presentation none strong
    subscript superscript""".split()
)
UNNAMEABLE_TAGS = frozenset(
    "div span p b i u s small bdi bdo data q samp code em strong del ins sub sup".split()
)


def evaluate(page: PageView) -> Iterator[Outcome]:
    query = " | ".join(f"//*[@{name}]" for name in ATTRIBUTES)
    for el in page.tree.xpath(query):
        misused = [name for name in ATTRIBUTES if (el.get(name) or "").strip()]
        if not misused:
            continue
        selector, snippet = page.selector_for(el), _start_tag(el)
        role = role_of(el)
        if role in UNNAMEABLE_ROLES:
            for name in misused:
                yield Outcome(
                    "review",
                    selector,
                    snippet,
                    f"{name} is not allowed on an element with role {role}; it is ignored.",
                    key=name,
                )
        else:
            yield Outcome("pass", selector, snippet)


def role_of(el: lxml.html.HtmlElement) -> str:
    explicit = (el.get("role") or "").strip().lower().split()
    if explicit:
        return explicit[0]
    if el.tag in UNNAMEABLE_TAGS or (el.tag == "a" and el.get("href") is None):
        return "paragraph" if el.tag == "p" else "generic"
    return el.tag


def _start_tag(el: lxml.html.HtmlElement) -> str:
    html = lxml.html.tostring(el, encoding="unicode", with_tail=False)
    return html[: html.find(">") + 1] if ">" in html else html
