"""Errors that a page shown without its stylesheets cannot prove.

When none of a page's stylesheets reached the browser (a CDN that failed, a saved copy),
what it looks like is not what its visitors see: colours, sizes, layout and which
elements are shown all come from the CSS that is missing. On such a page an error of a
check judged from the rendering, or on an element that the site's CSS conventionally
hides (class ``hidden``, ``d-none``...), becomes a review that says why. Nothing is
dropped: the finding stays, at warning level, for a person to look at on the real site.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from council_audit.checks.common.page import PageView
from council_audit.checks.standards.wcag import finding_level, level_extras
from council_audit.findings import Finding

# axe-core's rules judged from the rendering: colours, target sizes, what is focusable
# (display:none in the missing CSS takes an element out of the tab order) and scrolling.
AXE_RULES = frozenset(
    {
        "color-contrast",
        "target-size",
        "link-in-text-block",
        "aria-hidden-focus",
        "scrollable-region-focusable",
    }
)
# Classes that hide an element in the common CSS frameworks and CMS themes.
HIDING_CLASSES = frozenset(
    {"hidden", "hide", "d-none", "js-hidden", "is-hidden", "u-hidden", "display-none", "invisible"}
)
_CLASS = re.compile(r"""^<[a-zA-Z][^>]*?\sclass\s*=\s*["']([^"']*)["']""")
NOTE = (
    "This page was shown without its stylesheets (none of them loaded), so how it looks "
    "could not be judged: check this on the page as visitors see it."
)
HIDDEN_NOTE = (
    "This page was shown without its stylesheets, and this element has the class '{}', "
    "which the site's CSS usually uses to hide it: check whether visitors meet it."
)


def review_unstyled(
    findings: Iterable[Finding], page: PageView, reads_styles: set[str]
) -> list[Finding]:
    """``findings`` with every error that the page's missing stylesheets leave unproven
    turned into a review (see the module's docstring). ``reads_styles``: the built-in
    checks whose metadata says they are judged from the rendering."""
    out = list(findings)
    if not page.unstyled:
        return out
    for i, f in enumerate(out):
        if f.level != "error":
            continue
        hiding = sorted(HIDING_CLASSES & set(_classes(f.snippet)))
        if hiding:
            note = HIDDEN_NOTE.format(hiding[0])
        elif f.check_id in AXE_RULES or f.check_id in reads_styles:
            note = NOTE
        else:
            continue
        level = finding_level(False, f.wcag)
        out[i] = dataclasses.replace(
            f,
            level=level,  # type: ignore[arg-type]
            message=f"{note} {f.message}",
            extras={**f.extras, **level_extras(level, False), "unstyled": True},
        )
    return out


def _classes(snippet: str) -> list[str]:
    match = _CLASS.match(snippet.lstrip())
    return match.group(1).lower().split() if match else []
