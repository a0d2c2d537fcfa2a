"""Everything council-audit asks of the browser about one rendered page, gathered once:
the rendered HTML, a few facts from the live DOM, axe-core's results, then the probes
(:mod:`council_audit.probes`: screenshots, key presses). Checks then
run on this data with no browser (see :mod:`council_audit.audit`)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from council_audit.checks import axe
from council_audit.facts import NARROW_WIDTH, bundle, gatherers, is_narrow
from council_audit.guard import Deadline, PageStuck, bounded
from council_audit.probes import first_line, run_probes
from council_audit.settings import Settings
from council_audit.templates import TemplateMemory, region_key, regions_script

# Content types rendered and audited as pages (everything else is recorded, not audited).
HTML_TYPES = ("text/html", "application/xhtml+xml")
# One rule for crawl and check: a response sent as an attachment (Content-Disposition:
# attachment) is a download, whatever its content type, and is not audited as a page.
DOWNLOAD_ERROR = "not audited: sent as a download (Content-Disposition: attachment), not a page"
SIZE_SCRIPT = "() => document.getElementsByTagName('*').length"
# Wait N animation frames (at most 200 ms: frames are throttled in background tabs). One
# frame after a viewport change is enough for the page's resize handlers to have run.
NARROW_FRAMES = 2  # frames to wait after narrowing the viewport, as a user's window would
FRAMES_SCRIPT = (
    "n => new Promise(r => { const f = k => k ? requestAnimationFrame(() => f(k - 1)) : r();"
    " f(n); setTimeout(r, 200); })"
)


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
    measures: dict[str, float | int] = field(default_factory=dict)  # reading age, words
    # contrast measurements by selector: remembered from a template region (used by the
    # contrast probe instead of measuring again), and made on this page (to remember)
    contrast_reused: dict[str, dict[str, Any]] = field(default_factory=dict)
    contrast_measured: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def audited(self) -> bool:
        return self.error is None and self.axe is not None


async def collect(
    page: Page,
    snapshot: PageSnapshot,
    settings: Settings,
    deadline: Deadline | None = None,
    templates: TemplateMemory | None = None,
) -> bool:
    """Fill ``snapshot`` with facts and axe-core results from the page the browser has
    loaded (the caller supplies the rendered HTML). Never raises for a bad page: the
    reason goes into ``snapshot.error``. Every call into the page is bounded
    (``step_timeout``, ``axe_timeout``, and ``deadline``, the page's wall-clock limit).
    With ``templates`` (and the ``template_aware`` setting), shared regions already
    audited in this crawl or check are not audited again (:mod:`council_audit.templates`).
    Returns whether the tab may be reused: False when the page stopped responding or the
    browser failed, and the tab must be closed."""
    started = time.perf_counter()
    deadline = deadline or Deadline(settings.page_time_limit)
    step = settings.step_timeout
    try:
        nodes = await bounded(page.evaluate(SIZE_SCRIPT), "the size check", step, deadline)
        if nodes > settings.max_dom_nodes:
            raise PageTooLarge(
                f"page too large to audit: {nodes} elements "
                f"(max_dom_nodes is {settings.max_dom_nodes})"
            )
        await gather_facts(page, snapshot, settings, deadline, narrow=False)
        snapshot.title = snapshot.facts["document"].get("title")
        await bounded(
            page.evaluate(axe.axe_source()), "loading axe-core", settings.axe_timeout, deadline
        )
        axe_started = time.perf_counter()
        plan = None
        if templates is not None and settings.template_aware:
            key = region_key()
            found = await bounded(
                page.evaluate(regions_script(), key), "the regions", step, deadline
            )
            plan = templates.plan(key, found)
            script = axe.run_script(settings.axe_tags, settings.checks_off, template=True)
            running = page.evaluate(script, plan.script_arg())
        else:
            running = page.evaluate(axe.run_script(settings.axe_tags, settings.checks_off))
        snapshot.axe = json.loads(
            await bounded(running, "axe-core", settings.axe_timeout, deadline)
        )
        snapshot.timings["axe_ms"] = _ms(axe_started)
        if plan is not None and templates is not None:
            snapshot.contrast_reused = templates.contrast_known(plan, snapshot.axe)
        await bounded(run_probes(page, snapshot, settings), "the probes", step * 3, deadline)
        # Last: narrowing the viewport sets off the page's own resize handlers (a menu
        # that closes and hides itself at 320 px), which axe-core must not see.
        await gather_narrow_facts(page, snapshot, settings, deadline)
        if plan is not None and templates is not None:
            templates.remember(plan, snapshot.axe, snapshot.contrast_measured)
            snapshot.timings["template_regions_reused"] = len(plan.reuse)
            snapshot.timings["template_regions_placed"] = len(plan.reuse_placed)
    except PageStuck as exc:
        snapshot.error = f"not audited: {exc}"
        snapshot.axe = None
        return False
    except PageTooLarge as exc:
        snapshot.error = str(exc)
    except PlaywrightError as exc:
        snapshot.error = f"browser error while auditing: {first_line(exc.message)}"
        return False
    finally:
        if snapshot.axe:
            snapshot.axe.pop("regionNodes", None)
        snapshot.timings["collect_ms"] = _ms(started)
    return True


async def gather_facts(
    page: Page,
    snapshot: PageSnapshot,
    settings: Settings | None = None,
    deadline: Deadline | None = None,
    narrow: bool = True,
) -> None:
    """Run every fact gatherer (see :mod:`council_audit.facts`); one that fails is
    recorded as ``{"error": ...}`` and does not stop the others. Gatherers named
    ``*_320`` run last, in a 320 CSS px wide viewport (unless ``narrow`` is False: then
    :func:`gather_narrow_facts` runs them later)."""
    scripts = gatherers()
    step = (settings or Settings()).step_timeout
    wide = {n: s for n, s in scripts.items() if not is_narrow(n)}
    await bounded(_run_gatherers(page, snapshot, wide), "the fact gatherers", step, deadline)
    if narrow:
        await gather_narrow_facts(page, snapshot, settings, deadline)


async def gather_narrow_facts(
    page: Page,
    snapshot: PageSnapshot,
    settings: Settings | None = None,
    deadline: Deadline | None = None,
) -> None:
    """Run the gatherers named ``*_320`` in a 320 CSS px wide viewport."""
    step = (settings or Settings()).step_timeout
    narrow = {n: s for n, s in gatherers().items() if is_narrow(n)}
    if narrow:
        await bounded(_gather_narrow(page, snapshot, narrow), "the 320 px pass", step, deadline)


async def _gather_narrow(page: Page, snapshot: PageSnapshot, scripts: dict[str, str]) -> None:
    """Narrow the viewport to 320 CSS px, run ``scripts``, and put the viewport back
    (pages are reused for the next URL)."""
    size = page.viewport_size
    if size is None:
        snapshot.facts.update({n: {"error": "the browser has no fixed viewport"} for n in scripts})
        return
    started = time.perf_counter()
    await page.set_viewport_size({"width": NARROW_WIDTH, "height": size["height"]})
    try:
        # two frames: the page's own resize handlers run in the first, layout settles
        await page.evaluate(FRAMES_SCRIPT, NARROW_FRAMES)
        await _run_gatherers(page, snapshot, scripts)
    finally:
        if not page.is_closed():
            await page.set_viewport_size(size)
    await page.evaluate(FRAMES_SCRIPT, 1)
    snapshot.timings["narrow_ms"] = _ms(started)


async def _run_gatherers(page: Page, snapshot: PageSnapshot, scripts: dict[str, str]) -> None:
    """All of ``scripts`` in one evaluate; if that fails as a whole (a result that cannot
    be serialised, say), one by one so that only the faulty gatherer is lost."""
    try:
        snapshot.facts.update(json.loads(await page.evaluate(bundle(tuple(scripts)))))
        return
    except PlaywrightError:
        if page.is_closed():
            raise
    for name, script in scripts.items():
        try:
            snapshot.facts[name] = await page.evaluate(script)
        except PlaywrightError as exc:
            if page.is_closed():
                raise
            snapshot.facts[name] = {"error": first_line(exc.message)}


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
