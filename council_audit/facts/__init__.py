"""Facts that need a browser, gathered once per page and handed to checks as data.

Each gatherer is a JavaScript file in this folder, ``NAME.js``, holding one arrow
function (``() => ...`` or ``async () => ...``) that returns JSON. Its result is
``page.facts[NAME]`` for the checks. ``_common.js`` is prepended to every gatherer: it
defines ``cssPath(el)``, the same selector scheme as ``PageView.selector_for``, so that
findings from facts and from the HTML name elements alike, ``isHidden(el)``,
``snippetOf(el)`` and ``textDigest(text)``. Probe scripts start with it too.

A gatherer that throws is recorded as ``{"error": message}`` and the others still run.

Gatherers named ``*_320.js`` run last, with the viewport narrowed to 320 CSS px (the
width WCAG 1.4.10 Reflow asks for); the viewport is then put back.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

COMMON = "_common.js"
NARROW_SUFFIX = "_320"
NARROW_WIDTH = 320


@lru_cache(maxsize=1)
def common_js() -> str:
    """``_common.js``: the helpers every gatherer and probe script starts with."""
    return (files(__name__) / COMMON).read_text(encoding="utf-8")


def is_narrow(name: str) -> bool:
    """Gatherers that must see the page 320 CSS px wide."""
    return name.endswith(NARROW_SUFFIX)


@lru_cache(maxsize=8)
def bundle(names: tuple[str, ...]) -> str:
    """One script that runs the named gatherers in turn and returns ``{name: result}``
    as JSON text, a gatherer that throws giving ``{"error": message}``: one round trip to
    the page instead of one per gatherer. JSON text because Playwright's own transfer of
    a large object is checked value by value in Python, which costs more than the
    gatherers; ``undefined`` becomes ``null``, and ``NaN`` and infinities are kept (as
    Python's ``json`` reads them)."""
    folder = files(__name__)
    common = common_js()
    entries = ",\n".join(
        f"[{name!r}, ({(folder / (name + '.js')).read_text(encoding='utf-8').strip().rstrip(';')})]"
        for name in names
    )
    return (
        f"async () => {{ {common}\n const out = {{}};\n"
        f" for (const [name, fn] of [{entries}]) {{\n"
        "  try { out[name] = await fn(); }\n"
        "  catch (e) { out[name] = {error: String((e && e.message) || e)}; }\n"
        " }\n return JSON.stringify(out, (k, v) => v === undefined ? null"
        " : typeof v === 'number' && !Number.isFinite(v) ? '\\u0000' + v : v)"
        ".replace(/\"\\\\u0000(NaN|Infinity|-Infinity)\"/g, '$1'); }"
    )


@lru_cache(maxsize=1)
def gatherers() -> dict[str, str]:
    """name -> JavaScript expression (an IIFE-ready function) for every gatherer."""
    folder = files(__name__)
    common = common_js()
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".js") and entry.name != COMMON:
            body = entry.read_text(encoding="utf-8").strip().rstrip(";")
            out[entry.name[:-3]] = f"async () => {{ {common}\n return await ({body})(); }}"
    return out
