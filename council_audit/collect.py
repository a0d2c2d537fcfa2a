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
from council_audit.facts import gatherers
from council_audit.settings import Settings

SIZE_SCRIPT = "() => document.getElementsByTagName('*').length"


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
        nodes = await page.evaluate(SIZE_SCRIPT)
        if nodes > settings.max_dom_nodes:
            raise PageTooLarge(
                f"page too large to audit: {nodes} elements "
                f"(max_dom_nodes is {settings.max_dom_nodes})"
            )
        await gather_facts(page, snapshot)
        snapshot.title = snapshot.facts["document"].get("title")
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


async def gather_facts(page: Page, snapshot: PageSnapshot) -> None:
    """Run every fact gatherer (see :mod:`council_audit.facts`); one that fails is
    recorded as ``{"error": ...}`` and does not stop the others."""
    for name, script in gatherers().items():
        try:
            snapshot.facts[name] = await page.evaluate(script)
        except PlaywrightError as exc:
            if page.is_closed():
                raise
            snapshot.facts[name] = {"error": first_line(exc.message)}


def first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else "unknown error"


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
