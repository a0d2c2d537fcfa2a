"""Everything council-audit asks of the browser about one rendered page, gathered once:
the rendered HTML, a few facts from the live DOM, and axe-core's results. Checks then
run on this data with no browser (see :mod:`council_audit.audit`)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from council_audit.checks import axe
from council_audit.settings import Settings

FACTS_SCRIPT = """() => ({
  title: document.querySelector('title') ? document.title : null,
  lang: document.documentElement.getAttribute('lang'),
  dom_nodes: document.getElementsByTagName('*').length,
  text_chars: (document.body ? document.body.innerText.length : 0),
  scroll_width: document.documentElement.scrollWidth,
  scroll_height: document.documentElement.scrollHeight,
})"""


class PageTooLarge(RuntimeError):
    pass


@dataclass
class PageSnapshot:
    """What the browser saw of one URL. ``error`` is set when it could not be audited."""

    url: str
    final_url: str = ""
    status: int | None = None
    content_type: str = ""
    bytes: int = 0
    title: str | None = None
    html: str = ""
    facts: dict[str, Any] = field(default_factory=dict)
    axe: dict[str, Any] | None = None
    error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def audited(self) -> bool:
        return self.error is None and self.axe is not None


async def collect(page: Page, snapshot: PageSnapshot, settings: Settings) -> PageSnapshot:
    """Fill ``snapshot`` with facts and axe-core results from the page the browser has
    loaded (the caller supplies the rendered HTML). Never raises for a bad page: the
    reason goes into ``snapshot.error``."""
    started = time.perf_counter()
    try:
        facts = await page.evaluate(FACTS_SCRIPT)
        snapshot.facts.update(facts)
        snapshot.title = facts.get("title")
        if facts["dom_nodes"] > settings.max_dom_nodes:
            raise PageTooLarge(
                f"page too large to audit: {facts['dom_nodes']} elements "
                f"(max_dom_nodes is {settings.max_dom_nodes})"
            )
        await page.evaluate(axe.axe_source())
        axe_started = time.perf_counter()
        snapshot.axe = await asyncio.wait_for(
            page.evaluate(axe.run_script(settings.axe_tags)), timeout=settings.axe_timeout
        )
        snapshot.timings["axe_ms"] = _ms(axe_started)
    except TimeoutError:
        snapshot.error = f"axe-core timed out after {settings.axe_timeout:g} s"
    except PageTooLarge as exc:
        snapshot.error = str(exc)
    except PlaywrightError as exc:
        snapshot.error = f"browser error while auditing: {first_line(exc.message)}"
    snapshot.timings["collect_ms"] = _ms(started)
    return snapshot


def first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else "unknown error"


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
