"""Planted barriers: each barrier id names a change to a page's markup and the checks
that must find it. The page builder applies these same objects, so the manifest and
the pages cannot drift apart."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from council_audit.demo.complex_text import complex_body
from council_audit.demo.spec import Doc

# Every check id a barrier may name: axe-core 4.12 rule ids and our built-in checks.
AXE_CHECK_IDS = frozenset(
    {
        "image-alt", "label", "color-contrast", "link-name", "button-name", "html-has-lang",
        "document-title", "heading-order", "landmark-one-main", "region", "select-name",
        "list", "frame-title", "meta-viewport", "input-image-alt", "area-alt",
        "empty-heading", "page-has-heading-one", "autocomplete-valid",
    }
)  # fmt: skip
BUILTIN_CHECK_IDS = frozenset(
    {
        "page-title", "document-language", "reading-age", "link-text-descriptive",
        "placeholder-only-label", "radio-group-fieldset", "label-in-name",
        "language-mismatch", "captcha", "text-justified", "text-clipped",
        "frame-excluded-from-tab-order", "keyboard-trap",
    }
)  # fmt: skip
ALLOWED_CHECK_IDS = AXE_CHECK_IDS | BUILTIN_CHECK_IDS

GENERIC_TITLES = ("Untitled", "Page", "Welcome")
ZOOM_LOCKED = "width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no"


@dataclass(frozen=True)
class Barrier:
    id: str
    check_ids: tuple[str, ...]
    description: str
    edit: Callable[[Doc, str], None] = lambda doc, path: None  # before the body is rendered
    rework: Callable[[str], str] | None = None  # on the rendered body HTML

    def as_manifest(self) -> dict[str, object]:
        return {"id": self.id, "check_ids": list(self.check_ids), "description": self.description}


def _add(slot: str, snippet: str) -> Callable[[Doc, str], None]:
    def edit(doc: Doc, path: str) -> None:
        getattr(doc, slot).append(snippet)

    return edit


def _set(**values: object) -> Callable[[Doc, str], None]:
    def edit(doc: Doc, path: str) -> None:
        for name, value in values.items():
            setattr(doc, name, value)

    return edit


def _generic_title(doc: Doc, path: str) -> None:
    doc.title = GENERIC_TITLES[sum(map(ord, path)) % len(GENERIC_TITLES)]


def _wrong_language(doc: Doc, path: str) -> None:
    doc.lang = "cy" if doc.content_lang.startswith("en") else "en"


def _complex_language(doc: Doc, path: str) -> None:
    doc.text = complex_body(path, doc.text)


def _untitle_iframe(body: str) -> str:
    if "<iframe" not in body:
        return body + '\n<iframe src="/maps/libraries/" width="600" height="300"></iframe>'
    return re.sub(r'(<iframe[^>]*?)\s+title="[^"]*"', r"\1", body, count=1)


SNIPPETS = MappingProxyType(
    {
        "img": '<div class="hero"><img src="/images/banner.svg" width="640" height="160"></div>',
        "label": (
            '<div class="field"><span class="field-label">Reference number (optional)</span>'
            '<input type="text" name="reference"></div>'
        ),
        "contrast": (
            '<p class="small-print" style="color:#aaaaaa;background-color:#ffffff">'
            "Charges are reviewed every April. Page last checked by the web team.</p>"
        ),
        "icon-link": (
            '<div class="icon-links"><a href="/contact/" class="icon-link">'
            '<img src="/images/icon-phone.svg" alt="" width="32" height="32"></a></div>'
        ),
        "button": (
            '<div class="field"><button type="button" class="icon-button">'
            '<span class="icon"></span></button></div>'
        ),
        "heading": "<h4>Before you start</h4>",
        "notice": (
            '<div class="notice-bar"><p>Our customer service centre is closed on bank holidays. '
            "You can still report problems online.</p></div>"
        ),
        "select": (
            '<div class="field"><span class="field-label">Choose your area</span>'
            '<select name="area"><option>Central</option><option>North</option>'
            "<option>South</option><option>East</option><option>West</option></select></div>"
        ),
        "list": (
            '<ul class="quick-links"><div><a href="/contact/">Contact us</a></div>'
            '<div><a href="/news/">Latest news</a></div></ul>'
        ),
        "image-input": (
            '<div class="field"><input type="image" src="/images/go.svg" name="go" '
            'width="32" height="32"></div>'
        ),
        "area": (
            '<div class="area-map"><img src="/images/area-map.svg" width="400" height="200" '
            'alt="Map of the district, split into east and west" usemap="#district-areas">'
            '<map name="district-areas">'
            '<area shape="rect" coords="0,0,200,200" href="/planning/apply/">'
            '<area shape="rect" coords="200,0,400,200" href="/planning/comment/" '
            'alt="East: comment on an application"></map></div>'
        ),
        "empty-heading": '<h2 class="section-title"><span class="icon"></span></h2>',
        "click-here": '<p class="more"><a href="/contact/">Click here</a></p>',
        "placeholder": (
            '<div class="field"><input type="text" name="street" '
            'placeholder="Street name" autocomplete="address-line1"></div>'
        ),
        "radios": (
            '<div class="field"><p class="field-label">Type of problem</p>'
            '<input type="radio" id="problem-fly" name="problem" value="fly-tipping">'
            '<label for="problem-fly">Fly-tipping</label>'
            '<input type="radio" id="problem-graffiti" name="problem" value="graffiti">'
            '<label for="problem-graffiti">Graffiti</label></div>'
        ),
        "voice-label": (
            '<p class="more">Questions? <a href="/contact/" aria-label="Get in touch with the '
            'council">Contact us</a></p>'
        ),
        "polish": (
            '<div class="notice"><p>Informacja dla mieszkańców: odpady zielone odbieramy co dwa '
            "tygodnie od marca do listopada. Pojemnik należy wystawić przed godziną siódmą rano "
            "w dniu odbioru.</p></div>"
        ),
        "captcha": (
            '<div class="field captcha"><img src="/images/captcha.svg" width="160" height="50" '
            'alt="Security check"><label for="captcha-answer">Type the letters in the picture'
            '</label><input type="text" id="captcha-answer" name="captcha_answer"></div>'
        ),
        "justified": (
            '<p style="text-align:justify;max-width:34em">We collect garden waste every other '
            "week from March to November. Put your brown bin out by 7am on your collection day, "
            "with the lid closed, and bring it back in once it has been emptied. We cannot take "
            "soil, rubble or plant pots.</p>"
        ),
        "clipped": (
            '<div class="summary" style="height:1.5em;overflow:hidden;max-width:22em">'
            "Bulky waste collections cost £25 for up to three items. Book online or by phone, "
            "and put the items out by 7am on the day we give you.</div>"
        ),
        "frame-untabbable": (
            '<iframe src="/maps/libraries/" title="Map of our libraries" tabindex="-1" '
            'width="600" height="320"></iframe>'
        ),
        "focus-trap": (
            '<div class="field"><label for="postcode">Postcode</label>'
            '<input type="text" id="postcode" name="postcode" autocomplete="postal-code" '
            'onblur="if (!/^[A-Z]{1,2}[0-9]/i.test(this.value)) '
            'setTimeout(() => this.focus(), 10)"></div>'
        ),
        "autocomplete": (
            '<div class="field"><label for="customer-ref">Customer reference</label>'
            '<input type="text" id="customer-ref" name="customer_ref" autocomplete="nonsense">'
            "</div>"
        ),
    }
)

_ALL = (
    Barrier("img-missing-alt", ("image-alt",), "Banner image with no alt attribute.",
            _add("top", SNIPPETS["img"])),
    Barrier("input-missing-label", ("label",),
            "Text input whose visible label is not tied to it (no <label>, no aria-label).",
            _add("form", SNIPPETS["label"])),
    Barrier("low-contrast-text", ("color-contrast",),
            "Small print in #aaaaaa on white (contrast 2.3:1).", _add("end", SNIPPETS["contrast"])),
    Barrier("icon-link-no-name", ("link-name",),
            "Link whose only content is an icon image with empty alt text.",
            _add("end", SNIPPETS["icon-link"])),
    Barrier("empty-button", ("button-name",), "Icon button with no text or accessible name.",
            _add("form", SNIPPETS["button"])),
    Barrier("html-no-lang", ("html-has-lang", "document-language"),
            "The <html> element has no lang attribute.", _set(lang=None)),
    Barrier("missing-title", ("document-title", "page-title"),
            "The page has no <title> element.", _set(title=None)),
    Barrier("generic-title", ("page-title",),
            "The <title> is a generic word that does not say what the page is.", _generic_title),
    Barrier("skipped-heading-level", ("heading-order",),
            "An h4 straight after the h1 (levels 2 and 3 skipped).", _add("top", SNIPPETS["heading"])),
    Barrier("no-main-landmark", ("landmark-one-main", "region"),
            "No <main> landmark: the content sits in a plain <div>, outside any landmark.",
            _set(main_tag="div")),
    Barrier("content-outside-landmarks", ("region",),
            "A notice bar above the header, outside every landmark.",
            _add("before_header", SNIPPETS["notice"])),
    Barrier("select-no-label", ("select-name",), "Drop-down list with no label.",
            _add("form", SNIPPETS["select"])),
    Barrier("list-bad-children", ("list",), "A <ul> whose children are <div>s, not <li>s.",
            _add("end", SNIPPETS["list"])),
    Barrier("iframe-no-title", ("frame-title",), "Embedded map <iframe> with no title.",
            rework=_untitle_iframe),
    Barrier("zoom-disabled", ("meta-viewport",),
            "The viewport meta tag stops zooming (maximum-scale=1, user-scalable=no).",
            _set(viewport=ZOOM_LOCKED)),
    Barrier("image-input-no-alt", ("input-image-alt",),
            'An <input type="image"> button with no alt text.',
            _add("form", SNIPPETS["image-input"])),
    Barrier("area-no-alt", ("area-alt",),
            "Clickable image map with an <area> link that has no alt text.",
            _add("end", SNIPPETS["area"])),
    Barrier("empty-heading", ("empty-heading",), "A heading with no text in it.",
            _add("top", SNIPPETS["empty-heading"])),
    Barrier("no-h1", ("page-has-heading-one",),
            "The page title is styled text in a <div>; the page has no h1.",
            _set(heading_tag="div")),
    Barrier("autocomplete-invalid", ("autocomplete-valid",),
            'A form field with an invalid autocomplete value ("nonsense").',
            _add("form", SNIPPETS["autocomplete"])),
    Barrier("wrong-language", ("document-language",),
            "The page text is in Welsh but <html> says English (or the other way round).",
            _wrong_language),
    Barrier("click-here-link", ("link-text-descriptive",),
            'A link that says only "Click here", alone in its paragraph.',
            _add("end", SNIPPETS["click-here"])),
    Barrier("placeholder-only-label", ("placeholder-only-label",),
            "A text field labelled only by its placeholder, which disappears as people type.",
            _add("form", SNIPPETS["placeholder"])),
    Barrier("radios-without-fieldset", ("radio-group-fieldset",),
            "Radio buttons whose question is plain text, not a fieldset legend.",
            _add("form", SNIPPETS["radios"])),
    Barrier("voice-label-mismatch", ("label-in-name",),
            'A link that shows "Contact us" but is named "Get in touch with the council", so '
            "voice control users cannot say what they see.", _add("end", SNIPPETS["voice-label"])),
    Barrier("unmarked-polish", ("language-mismatch",),
            "A notice in Polish inside an English page, with no lang attribute on it.",
            _add("end", SNIPPETS["polish"])),
    Barrier("captcha-puzzle", ("captcha",),
            "A picture CAPTCHA on a form, with no other way to prove you are a person.",
            _add("form", SNIPPETS["captcha"])),
    Barrier("justified-text", ("text-justified",),
            "A paragraph of main content set in justified text.", _add("end", SNIPPETS["justified"])),
    Barrier("clipped-text", ("text-clipped",),
            "A summary box one and a half lines high, overflow hidden, cutting its text off.",
            _add("end", SNIPPETS["clipped"])),
    Barrier("frame-out-of-tab-order", ("frame-excluded-from-tab-order",),
            'A map <iframe> with tabindex="-1", so keyboard users cannot reach its links.',
            _add("end", SNIPPETS["frame-untabbable"])),
    Barrier("postcode-focus-trap", ("keyboard-trap",),
            "A postcode field that takes focus back until a valid postcode is typed, so "
            "keyboard users cannot move on.", _add("form", SNIPPETS["focus-trap"])),
    Barrier("complex-language", ("reading-age",),
            "Main content in long, jargon-heavy sentences (reading age well over 12).",
            _complex_language),
)  # fmt: skip
BARRIERS: MappingProxyType[str, Barrier] = MappingProxyType({b.id: b for b in _ALL})


def barrier(barrier_id: str) -> Barrier:
    """The barrier with this id (KeyError if there is none)."""
    return BARRIERS[barrier_id]
