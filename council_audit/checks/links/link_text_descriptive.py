"""Link text says where the link goes (WCAG 2.4.4, 2.4.9)."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.dom import element_at
from council_audit.checks.common.link_context import has_context, heading_before
from council_audit.checks.common.links import normalise_name, page_links
from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome
from council_audit.checks.standards.link_text import NON_DESCRIPTIVE

META = CheckMeta(
    id="link-text-descriptive",
    title="Link text says where the link goes",
    group="links",
    impact="moderate",
    wcag=("2.4.4", "2.4.9"),
    guidance="GOV.UK style guide: links",
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/link-purpose-in-context.html",
    how_to_fix=(
        "Write link text that makes sense on its own, e.g. 'Pay your council tax' rather "
        "than 'Click here'. If the visible text must stay short, add the rest in "
        "visually hidden text inside the link."
    ),
    description=(
        "Screen reader users often move from link to link or list the links on a page; "
        "'click here' or 'read more' tells them nothing. Looks at links whose accessible "
        "name (from aria-labelledby, aria-label, the text and image alt text, or title) "
        "is only such a phrase. WCAG 2.4.4 lets a link's programmatically determined "
        "context say what it is for: the other text of its sentence, paragraph, list item "
        "or table cell (with its header), the item a nested list hangs from, a "
        "description (aria-describedby), or the heading before it. A link with any of "
        "these meets 2.4.4 as far as a check can tell (on real council pages the context "
        "said enough in most cases) and is reported against 2.4.9, Link Purpose (Link "
        "Only), AAA, as advice; so is a navigation menu's 'More' item that opens more of "
        "the menu (its menu is its context). A link with none of them fails 2.4.4. "
        "Hidden links are not checked."
    ),
    facts=("links",),
)

AAA_ONLY = ("2.4.9",)  # in context, the link may meet 2.4.4; alone it fails 2.4.9
MENU_WORDS = frozenset({"more", "mwy"})  # a navigation menu's overflow item
MENU_ROLES = ("nav", "navigation", "menu", "menubar")  # "nav": a misspelling CMSs use


def _menu_toggle(el: object) -> bool:
    """A navigation menu's item that opens more of the menu: in a list item of a <nav> (or
    a navigation or menu role, or of a list of three or more links), and holding or
    heading a submenu (a nested list in its item, aria-haspopup or aria-expanded), or
    going nowhere of its own (href="#")."""
    item = next((a for a in el.iterancestors() if a.tag == "li"), None)  # type: ignore[attr-defined]
    if item is None:
        return False
    in_menu = any(
        a.tag == "nav" or (a.get("role") or "").strip().lower() in MENU_ROLES
        for a in el.iterancestors()  # type: ignore[attr-defined]
    )
    if not (in_menu or _list_of_links(item)):
        return False
    opens = el.get("aria-haspopup") or el.get("aria-expanded") is not None  # type: ignore[attr-defined]
    submenu = any(d.tag in ("ul", "ol") for d in item.iterdescendants())
    nowhere = (el.get("href") or "").strip() in ("#", "")  # type: ignore[attr-defined]
    return bool(opens or submenu or nowhere)


def evaluate(page: PageView) -> Iterator[Outcome]:
    links = page_links(page)
    if links is None:
        return
    for link in links:
        if normalise_name(link.name) not in NON_DESCRIPTIVE:
            continue
        message = f"The link text '{link.name}' does not say where the link goes ({link.href})."
        el = element_at(page, link.selector)
        heading = heading_before(el) if el is not None else ""
        if link.description or (el is not None and has_context(page, el)):
            around = "the text around it"
        elif el is not None and _menu_toggle(el) and normalise_name(link.name) in MENU_WORDS:
            around = "the menu it is in (it shows more of that menu's items)"
        elif heading:
            around = f"the heading before it ('{heading[:80]}')"
        else:
            message += " Nothing around it says so either: no text beside it, no heading before it."
            yield Outcome("fail", link.selector, link.snippet, message)
            continue
        message += (
            f" People who read {around} may know (WCAG 2.4.4 allows that), but the link "
            "alone says nothing in a list of links (2.4.9, AAA)."
        )
        yield Outcome("review", link.selector, link.snippet, message, wcag=AAA_ONLY)


def _list_of_links(item: object) -> bool:
    """The list ``item`` is in has three or more items with a link, and every item but
    one has a link (the one may be the list's title: "Sibling articles")."""
    parent = item.getparent()  # type: ignore[attr-defined]
    if parent is None or parent.tag not in ("ul", "ol", "menu"):
        return False
    items = [c for c in parent if c.tag == "li"]
    linked = sum(1 for i in items if next(i.iter("a"), None) is not None)
    return linked >= 3 and linked >= len(items) - 1
