"""Which of axe-core's failures are WCAG A/AA failures, by the W3C ACT rules.

Each axe-core rule names the ACT rules it implements (``actIds``), and each ACT rule's
*accessibility requirements mapping* says which success criteria its failure means are
not satisfied, and which are only related ("secondary": a failure may or may not fail
them). axe-core tags its ARIA-validity rules with 4.1.2, but the ACT rules they implement
map 1.3.1 and 4.1.2 as secondary only: an unknown role, an attribute a role does not
support or a misspelt value is ignored by browsers, and what a user meets depends on
what is left (``role="accordion"`` on a ``div`` changes nothing; on a control that has
no other role, its role is lost). So a violation of one of these rules is a finding to
review (``warning``), worded for what to look at, never an error by itself. Where a
loss is certain, other rules report it as an error: a control without a name
(``button-name``, ``aria-command-name``, ``link-name``), a list without its items
(``aria-required-children``), an item outside its list (``aria-required-parent``).

The mapping was read from the ACT rules' test-case file (``ruleAccessibilityRequirements``
of each rule, W3C ACT Task Force), for axe-core 4.12.1. ``tests/test_act_mapping.py``
checks it against ``../shared/corpora/act-rules`` and axe-core's own ``actIds``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Secondary:
    """An axe-core rule whose ACT rule maps its WCAG criteria as secondary only."""

    act: str  # the ACT rule it implements
    review: str  # what a web team should check: the start of the finding's message


SECONDARY: dict[str, Secondary] = {
    "aria-roles": Secondary(
        "674b10",
        "Review: this role value does not exist, so browsers ignore it and use the"
        " element's own role. If the element is a control or a landmark, give it a role"
        " that exists; otherwise remove the role attribute.",
    ),
    "aria-deprecated-role": Secondary(
        "674b10",
        "Review: this role is deprecated and may not be announced. If users need to"
        " know what the element is, use a current role or the HTML element for it.",
    ),
    "aria-valid-attr": Secondary(
        "5f99a7",
        "Review: this ARIA attribute does not exist (perhaps misspelt), so browsers"
        " ignore it. If it was meant to give a name, state or relationship, that is"
        " missing.",
    ),
    "aria-valid-attr-value": Secondary(
        "6a7281",
        "Review: this ARIA attribute's value is not one it allows, so browsers ignore it"
        " or use its default. Check whether users need the state or relationship it was"
        " meant to give (a menu button's aria-expanded, a field's aria-describedby).",
    ),
    "aria-allowed-attr": Secondary(
        "5c01ea",
        "Review: this element's role does not support this ARIA attribute, so browsers"
        " ignore it. Check that the state users need is still conveyed.",
    ),
    "aria-conditional-attr": Secondary(
        "5c01ea",
        "Review: on this element its own state is exposed, not this ARIA attribute (for"
        " example aria-checked on a native checkbox or radio). Check that the native"
        " state matches what is shown.",
    ),
    "aria-prohibited-attr": Secondary(
        "5c01ea",
        "Review: this element cannot be given a name (a div or span without a role),"
        " so screen readers may ignore its aria-label or aria-labelledby. Check whether"
        " that name says something the element's own text does not.",
    ),
    "aria-required-attr": Secondary(
        "4e8ab6",
        "Review: this role lacks a state it requires, so browsers use the default (for"
        " example 'not checked', 'collapsed'). Check whether that default is ever wrong.",
    ),
    "duplicate-id-aria": Secondary(
        "3ea0c8",
        "Review: another element has the same id, and ARIA or a label refers to it; the"
        " reference goes to the first. Check that each element keeps its name or"
        " relationship.",
    ),
}


# axe-core rules with no ACT rule whose failures, judged one by one on real council pages
# (benchmarks/precision), lost nothing a user needs by themselves: a finding to review.
JUDGED: dict[str, Secondary] = {
    "list": Secondary(
        "",
        "Review: this list holds something other than list items (text such as a '>'"
        " separator, a div, a link wrapped round an item, an empty list). Browsers"
        " usually still expose its items; check that the list and its number of items"
        " are announced as they are shown.",
    ),
    "listitem": Secondary(
        "",
        "Review: this list item is not directly in a list (its list's role was changed,"
        " or it sits in a div or a link), so it may not be announced as one of a list's"
        " items. Check that the group it belongs to is still clear.",
    ),
}
REVIEW_ONLY: dict[str, Secondary] = {**SECONDARY, **JUDGED}

# The autofill field names of the HTML standard: the user's own information (1.3.5).
AUTOFILL_TOKENS = frozenset(
    """name honorific-prefix given-name additional-name family-name honorific-suffix
    nickname username new-password current-password one-time-code organization-title
    organization street-address address-line1 address-line2 address-line3 address-level4
    address-level3 address-level2 address-level1 country country-name postal-code cc-name
    cc-given-name cc-additional-name cc-family-name cc-number cc-exp cc-exp-month
    cc-exp-year cc-csc cc-type transaction-currency transaction-amount language bday
    bday-day bday-month bday-year sex url photo tel tel-country-code tel-national
    tel-area-code tel-local tel-local-prefix tel-local-suffix tel-extension email impp
    webauthn""".split()
)
_AUTOCOMPLETE = re.compile(r"""\bautocomplete\s*=\s*["']?([^"'>]*)""", re.IGNORECASE)
# An autocomplete value with none of those names is ignored by browsers and fails 1.3.5
# only if the field asks for the user's own information, which it does not say (the
# design systems' "mot-month" is a vehicle's MOT date): a review. A malformed value that
# names the user's information ("on email") stays an error.
UNKNOWN_AUTOCOMPLETE = Secondary(
    "",
    "Review: this autocomplete value names none of the user's details that browsers fill"
    " in, so they ignore it. If the field asks for the user's own information (WCAG"
    " 1.3.5), use the token for it (such as bday-month); otherwise remove the attribute.",
)


def node_review(rule_id: str, node_html: str) -> Secondary | None:
    """What to review instead, when this failure of ``rule_id`` on the element
    ``node_html`` is of a kind that loses nothing by itself (see above)."""
    if rule_id != "autocomplete-valid":
        return None
    match = _AUTOCOMPLETE.search(node_html)
    tokens = set(match.group(1).lower().split()) if match else set()
    return None if tokens & AUTOFILL_TOKENS else UNKNOWN_AUTOCOMPLETE


# ACT rules withdrawn from the published set: 3ea0c8 (ids are unique) tested 4.1.1
# Parsing, which WCAG 2.2 made obsolete.
WITHDRAWN = frozenset({"3ea0c8"})


def catalogue_note(rule_id: str, act_ids: list[str]) -> str:
    """The check catalogue's word on how a rule's findings are levelled."""
    if rule_id in JUDGED:
        return (
            "No ACT rule; judged on real council pages, its failures lost nothing a user"
            " needs by themselves: a finding to review (warning), not an error."
        )
    if rule_id in SECONDARY:
        act = SECONDARY[rule_id].act
        how = ("was withdrawn with 4.1.1 Parsing" if act in WITHDRAWN
               else "maps its WCAG criteria as secondary")  # fmt: skip
        return f"ACT rule {act} {how}: a failure is a finding to review (warning), not an error."
    note = (
        f"ACT rules {', '.join(act_ids)}: a failure is an error of the criteria it names."
        if act_ids
        else ""
    )
    if rule_id == "autocomplete-valid":
        note += (
            " A value that names none of the user's details browsers fill in is ignored by"
            " them: a review (warning), as it fails 1.3.5 only on a field for the user's"
            " own information."
        )
    return note.strip()
