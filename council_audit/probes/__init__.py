"""Probes: what council-audit asks of the browser after axe-core has run, when a fact
cannot be read from the DOM alone (pixels of a screenshot, where focus goes when a key
is pressed). Each probe is a module in this folder with

- ``NAME``: the key of its result in ``page.facts``;
- ``ORDER``: probes run in ascending order (those that press keys or move focus last);
- ``async def run(page, snapshot, settings) -> dict``: returns JSON-ready data.

A probe that raises is recorded as ``{"error": message}`` and the others still run.
A probe's result may carry ``"axe_resolved"``: a list of ``[rule id, axe selector,
reason]`` for axe-core "needs review" results the probe measured and found to pass;
:func:`council_audit.checks.axe.findings_from_results` leaves those out.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from functools import lru_cache
from types import ModuleType
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page


def first_line(text: str) -> str:
    """The first line of an error message (Playwright's run to many lines)."""
    return (text or "").strip().splitlines()[0] if (text or "").strip() else "unknown error"


@lru_cache(maxsize=1)
def probes() -> tuple[ModuleType, ...]:
    """Every probe module in this package, in running order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            found.append(module)
    return tuple(sorted(found, key=lambda m: (getattr(m, "ORDER", 50), m.NAME)))


async def run_probes(page: Page, snapshot: Any, settings: Any) -> None:
    """Run every probe on the loaded page; results go into ``snapshot.facts``."""
    for module in probes():
        started = time.perf_counter()
        try:
            snapshot.facts[module.NAME] = await module.run(page, snapshot, settings)
        except PlaywrightError as exc:
            if page.is_closed():
                raise
            snapshot.facts[module.NAME] = {"error": first_line(exc.message)}
        except Exception as exc:  # a probe's own bug must not lose the page
            snapshot.facts[module.NAME] = {"error": f"{type(exc).__name__}: {exc}"}
        snapshot.timings[f"probe_{module.NAME}_ms"] = round(
            (time.perf_counter() - started) * 1000, 1
        )


def axe_resolved(facts: dict[str, Any]) -> set[tuple[str, str]]:
    """(rule id, selector) of axe-core "needs review" results that a probe settled."""
    out: set[tuple[str, str]] = set()
    for value in facts.values():
        if isinstance(value, dict):
            for item in value.get("axe_resolved") or ():
                out.add((str(item[0]), str(item[1])))
    return out
