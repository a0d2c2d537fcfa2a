"""Pages that refresh or redirect themselves after a delay (WCAG 2.2.4, 3.2.5)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="timed-refresh",
    title="Page does not refresh or redirect on a timer",
    group="inclusion",
    impact="moderate",
    wcag=("2.2.4", "3.2.5"),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/change-on-request.html",
    how_to_fix=(
        "Redirect on the server (HTTP 301 or 302) instead of with <meta http-equiv=refresh>, "
        "and let people refresh content themselves."
    ),
    description=(
        "A page that reloads or moves on by itself interrupts people who read slowly or use "
        "a screen reader, and loses their place. Reads <meta http-equiv=refresh>; a delay "
        "of 0 (an instant redirect) is fine. Delays up to 20 hours are WCAG 2.2.1 failures "
        "that axe-core's meta-refresh rule reports, so they are not repeated here; this "
        "check asks for review of longer delays, which only the AAA criteria 2.2.4 and "
        "3.2.5 cover. Refreshes by script and session time-outs cannot be seen in the page "
        "and are not checked."
    ),
)
AXE_LIMIT = 72_000  # seconds: axe-core's meta-refresh reports delays up to 20 hours
_DELAY = re.compile(r"^\s*(\d+(?:\.\d*)?)")


def evaluate(page: PageView) -> Iterator[Outcome]:
    metas = page.tree.xpath("//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh'][@content]")
    if not metas:
        return
    for meta in metas:
        delay = _delay(meta.get("content", ""))
        if delay is None or 0 < delay <= AXE_LIMIT:
            continue  # not a refresh the browser obeys, or one axe-core reports
        snippet = lxml.html.tostring(meta, encoding="unicode", with_tail=False)
        if delay == 0:
            yield Outcome("pass", page.selector_for(meta), snippet)
            continue
        hours = delay / 3600
        message = f"The page refreshes or redirects itself after {hours:g} hours."
        yield Outcome(
            "review", page.selector_for(meta), snippet, message, extras={"delay_s": delay}
        )


def _delay(content: str) -> float | None:
    match = _DELAY.match(content)
    return float(match.group(1)) if match else None
