"""The demo councils' accessibility statements, one of each quality the statement checks
tell apart: a good one (GDS model, reviewed recently, problems listed with WCAG
references and future fix dates), an out-of-date one (reviewed long ago, fix dates
passed, no WCAG references, EASS not named), and a model statement left unedited
(placeholders in brackets, claims full compliance, no contact, no enforcement).

Dates are relative to the day the page is served, so each stays in its class."""

from __future__ import annotations

import datetime as dt

GOOD = """
This accessibility statement applies to the {council} website.

This website is run by {council}. We want as many people as possible to be able to use
it. You should be able to zoom in up to 400% without the text spilling off the screen and
navigate most of the website using just a keyboard or speech recognition software.

## How accessible this website is

Some parts of this website are not fully accessible:

- some older PDF documents are not fully accessible to screen reader software
- the library map does not work well with a keyboard

## Feedback and contact information

If you need information on this website in a different format like accessible PDF, large
print, easy read, audio recording or braille, email {email} or call {phone}. We will
consider your request and get back to you in 5 working days.

## Reporting accessibility problems with this website

We are always looking to improve the accessibility of this website. If you find any
problems not listed on this page, [contact us](/contact/) or email {email}.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018
(the accessibility regulations). If you are not happy with how we respond to your
complaint, contact the Equality Advisory and Support Service (EASS).

## Compliance status

This website is partially compliant with the Web Content Accessibility Guidelines
version 2.2 AA standard, due to the non-compliances listed below.

## Non-accessible content

Some of our older PDF documents are not tagged. This fails WCAG 2.2 success criterion
1.3.1 (info and relationships). We plan to replace them by {fix_date}.

The library map cannot be used with a keyboard. This fails WCAG 2.2 success criterion
2.1.1 (keyboard). We plan to fix this by {fix_date}.

## Disproportionate burden

We are not currently claiming that any accessibility problems would be a disproportionate
burden to fix.

## Preparation of this accessibility statement

This statement was prepared on {prepared}. It was last reviewed on {reviewed}.

This website was last tested on {reviewed}. The test was carried out by {council}.
"""

OUT_OF_DATE = """
This statement is about the website of {council}. We want as many people as possible to
be able to use it.

## Compliance status

This website is partially compliant with the Web Content Accessibility Guidelines
version 2.1 AA standard.

## Non-accessible content

Some images do not have a text alternative. Some form fields have no label. We plan to
fix these problems by {old_fix_date}.

## Feedback and contact information

Tell us if you find a problem that is not on this page. Email {email}.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the
accessibility regulations.

## Preparation of this accessibility statement

This statement was prepared on {old_prepared}. It was last reviewed on {old_reviewed}.
"""

TEMPLATE = """
This accessibility statement applies to [website name].

This website is run by [name of organisation]. We want as many people as possible to be
able to use this website.

## Compliance status

This website is fully compliant with the Web Content Accessibility Guidelines version 2.2
AA standard.

## Feedback and contact information

If you need information on this website in a different format, [insert contact details].

## Preparation of this accessibility statement

This statement was prepared on [date]. It was last reviewed on [date].
"""

BODIES = {"good": GOOD, "typical": OUT_OF_DATE, "poor": TEMPLATE}


def statement_markup(quality: str, today: dt.date | None = None) -> str:
    """Markup-lite text of the statement for a council of this quality; council
    placeholders ({council}, {email}, {phone}) are left for the page builder."""
    today = today or dt.date.today()
    dates = {
        "prepared": _day(today - dt.timedelta(days=400)),
        "reviewed": _day(today - dt.timedelta(days=60)),
        "fix_date": _month(today + dt.timedelta(days=240)),
        "old_prepared": _day(today - dt.timedelta(days=1200)),
        "old_reviewed": _day(today - dt.timedelta(days=600)),
        "old_fix_date": _month(today - dt.timedelta(days=400)),
    }
    text = BODIES[quality]
    for name, value in dates.items():
        text = text.replace("{" + name + "}", value)
    return text


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _month(d: dt.date) -> str:
    return f"{d:%B %Y}"
