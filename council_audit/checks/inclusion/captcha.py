"""CAPTCHAs, which shut out many disabled people (WCAG 1.1.1, 3.3.8)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="captcha",
    title="No CAPTCHA stands in the way, or there is another way through",
    group="inclusion",
    impact="serious",
    guidance="GOV.UK Service Manual: avoid CAPTCHAs; W3C note on inaccessibility of CAPTCHA",
    help_url="https://www.w3.org/TR/turingtest/",
    how_to_fix=(
        "Prefer checks that ask nothing of people: a hidden honeypot field, rate limits, "
        "or server-side spam filtering. If you keep a CAPTCHA, offer another way through "
        "that is not a puzzle (a phone number or email address that gets the same result), "
        "and say so next to it."
    ),
    description=(
        "Picture, sound and text puzzles shut out blind, deaf-blind and dyslexic people and "
        "anyone who finds them hard; WCAG 3.3.8 does not allow a cognitive test without an "
        "alternative. Finds reCAPTCHA, hCaptcha, Cloudflare Turnstile and Friendly Captcha "
        "widgets and scripts, and elements whose id, class, name or image text says "
        "captcha. The known services offer an audio puzzle beside the visual one, which "
        "meets WCAG 1.1.1, and 3.3.8 concerns log-in steps only, so a CAPTCHA from one of "
        "them is advice (GOV.UK guidance) rather than a WCAG failure; a home-made CAPTCHA "
        "may have no alternative at all and is asked for review against 1.1.1. Some "
        "(reCAPTCHA v3, Turnstile) usually ask nothing of people, and a page may already "
        "offer another way."
    ),
)
RECAPTCHA = r"google\.com/recaptcha|recaptcha\.net|gstatic\.com/recaptcha|\bg-recaptcha\b"
PROVIDERS = (
    ("reCAPTCHA", re.compile(RECAPTCHA)),
    ("hCaptcha", re.compile(r"hcaptcha\.com|\bh-captcha\b")),
    ("Cloudflare Turnstile", re.compile(r"challenges\.cloudflare\.com/turnstile|\bcf-turnstile\b")),
    ("Friendly Captcha", re.compile(r"friendlycaptcha|\bfrc-captcha\b")),
)  # fmt: skip
CAPTCHA = re.compile(r"captcha", re.IGNORECASE)
HOME_MADE = ("1.1.1",)  # a puzzle of our own may have no non-visual alternative
MARKED = "//iframe[@src] | //script[@src] | //*[@class or @id or @name or @alt or @data-sitekey]"


def evaluate(page: PageView) -> Iterator[Outcome]:
    hits = [(el, _provider(el)) for el in page.tree.xpath(MARKED) if _is_captcha(el)]
    if not hits:
        yield Outcome("pass")
        return
    el, _ = next(((e, p) for e, p in hits if e.tag != "script"), hits[0])
    names = sorted({p for _, p in hits if p})
    which = f"a CAPTCHA ({', '.join(names)})" if names else "a CAPTCHA"
    message = (
        f"The page has {which}. Check that people who cannot solve it have another way "
        "through, such as a phone number or email address, or use a check that asks "
        "nothing of people."
    )
    snippet = lxml.html.tostring(el, encoding="unicode", with_tail=False)
    yield Outcome(
        "review",
        page.selector_for(el),
        snippet,
        message,
        extras={"providers": names, "elements": len(hits)},
        wcag=() if names else HOME_MADE,
    )


def _marks(el: lxml.html.HtmlElement) -> str:
    parts = (el.get(a, "") for a in ("src", "class", "id", "name", "alt", "data-sitekey"))
    return " ".join(parts)


def _provider(el: lxml.html.HtmlElement) -> str:
    return _provider_in(_marks(el))


def _provider_in(marks: str) -> str:
    return next((name for name, pattern in PROVIDERS if pattern.search(marks)), "")


def _is_captcha(el: lxml.html.HtmlElement) -> bool:
    if el.tag == "input" and (el.get("type") or "").lower() == "hidden":
        return False  # a token field or a honeypot: nothing people have to solve
    marks = _marks(el)
    lowered = marks.lower()
    if "captcha" not in lowered and "turnstile" not in lowered:
        return False  # every provider's pattern names one of the two
    return bool(_provider_in(marks) or CAPTCHA.search(marks))
