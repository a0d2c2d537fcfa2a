"""Links in running text told apart from it by colour alone (WCAG 1.4.1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import contrast, items, page_wide, plural
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="colour-only-links",
    title="Links in text do not rely on colour alone",
    group="visual",
    impact="serious",
    wcag=("1.4.1",),
    help_url="https://www.w3.org/WAI/WCAG22/Techniques/general/G183",
    how_to_fix=(
        "Underline links in paragraphs (text-decoration: underline), as the GOV.UK Design "
        "System does. If a link is not underlined, its colour needs a contrast of 3:1 with "
        "the text around it and an underline or other change on hover and focus."
    ),
    description=(
        "People who cannot tell the colours apart cannot find links marked by colour alone. "
        "Looks at links inside blocks of running text with no underline, border, "
        "background, font weight, style, size or font change. Links whose colour has under "
        "3:1 contrast with the text are axe-core's link-in-text-block failures and are not "
        "repeated here; this check asks for review of the rest (3:1 or more is enough only "
        "with a cue on hover and focus, which a static page cannot show) and of links in "
        "the same colour as their text. One finding per page."
    ),
    facts=("visual_links",),
    reads_styles=True,
)
REQUIRED = 3.0


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("visual_links")
    if found is None:
        return
    same, enough = [], []
    for link in items(found, "colour_only"):
        ratio = contrast(link.get("colour", ""), link.get("text_colour", ""))
        if ratio is None:
            continue
        if link.get("colour") == link.get("text_colour"):
            same.append(link)
        elif ratio >= REQUIRED:
            enough.append({**link, "contrast": round(ratio, 2)})
    if not (same or enough):
        yield Outcome("pass")
    if same:
        message = (
            "Links in text look just like the text around them, in the same colour with no "
            f"underline ({plural(len(same), 'link')})."
        )
        yield page_wide("review", same, len(same), message, "same-colour")
    if enough:
        yield page_wide("review", enough, len(enough), _message(enough), "colour-only")


def _message(links: list[dict[str, Any]]) -> str:
    low = min(link["contrast"] for link in links)
    return (
        f"Links in text stand out by colour alone ({plural(len(links), 'link')}, contrast "
        f"{low:g}:1 or more with the text). Underline them, or check that they get an "
        "underline or other cue on hover and focus."
    )
