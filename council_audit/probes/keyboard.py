"""Keyboard traps (WCAG 2.1.2): an element that focus enters by the keyboard and cannot
leave by standard keyboard navigation.

Real key presses are slow (several ms each), so the probe looks first, cheaply: it sends
every tabbable element, in tab order, the focus events and the Tab keydown that Tab would
bring, synthetic, with ``HTMLElement.focus`` replaced by a recorder (see the sweep in
:mod:`council_audit.probes._keyboard_js`). Only where the page answers by calling focus()
itself (at once or on a timer) or by cancelling Tab can there be a trap; nearly every
page stops there, in a few ms.

Otherwise it presses Tab for real, from just before the first element involved, waiting
after each press for the page's timers, until focus leaves the document (no trap) or
the same elements come round again (a cycle). From inside a cycle it tries the ways out:
Shift+Tab, Escape, then any key the page's visible text offers ("Press Ctrl+M to exit"),
after opening an in-trap help control if that is where the text is. Leaving the document
counts as a way out even if a timer would pull focus back later: in a browser, focus is
then in the browser's own UI, out of the page's reach. A cycle left only backwards (by
Shift+Tab) is then walked from the end of the page with Shift+Tab: tabbable elements
that neither walk could settle on are unreachable.

The result, ``page.facts["keyboard"]``::

    {"tabbable": n, "suspects": n, "timers_ms": n, "walked": presses, "complete": bool,
     "ms": ...,
     "traps": [{"selector", "snippet", "cycle": [...], "direction": "forward",
                "escaped_by": "Escape" | "Shift+Tab" | "Control+m" | null,
                "instructions": "Press Ctrl+M to exit" | "", "keys_tried": [...],
                "dialog": bool, "unreachable": [...]}]}

Traps inside cross-origin frames or closed shadow roots cannot be seen.
"""

from __future__ import annotations

import time
from typing import Any

from playwright.async_api import Page

from council_audit.probes._key_instructions import find_instructions
from council_audit.probes._keyboard_js import script

NAME = "keyboard"
ORDER = 90  # last: it moves focus and presses keys
MAX_TABBABLE = 2000  # elements the sweep looks at
SWEEP_WAIT_MS = 300  # longest timer started by the sweep's focus events waited for
START_WAIT_MS = 60  # time for the page's timers when a walk starts
SETTLE_MS = 30  # wait after each key press for scripts that move focus on a timer
MAX_PERIOD = 12  # longest cycle of elements looked for
NEAR = 2  # the walk starts this many tabbable elements before the first suspect
TEXT_CHARS = 20_000  # page text searched for key instructions


async def run(page: Page, snapshot: Any, settings: Any) -> dict[str, Any]:
    started = time.perf_counter()
    sweep = await page.evaluate(script("sweep"), {"max": MAX_TABBABLE, "wait": SWEEP_WAIT_MS})
    result: dict[str, Any] = {
        "tabbable": sweep["count"],
        "suspects": len(sweep["suspects"]),
        "timers_ms": sweep["waited"],
        "walked": 0,
        "complete": True,
        "traps": [],
    }
    budget = settings.keyboard_probe_max_presses
    if sweep["suspects"] and budget:
        walker = _Walker(page, sweep, budget)
        result["traps"] = await walker.probe()
        result["walked"], result["complete"] = walker.presses, walker.complete
    elif sweep["suspects"]:
        result["complete"] = False
    await page.evaluate(script("finish"))
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def find_cycle(seq: list[str]) -> list[str] | None:
    """The elements focus keeps coming back to, if the end of ``seq`` repeats: three
    times for a cycle of one or two elements, twice for longer ones. Keys inside a frame
    or element we cannot look into (``?``) are never a cycle."""
    for period in range(1, MAX_PERIOD + 1):
        reps = 3 if period <= 2 else 2
        if len(seq) < period * reps:
            break
        tail = seq[-period * reps :]
        if all(tail[i] == tail[i + period] for i in range(len(tail) - period)):
            cycle = tail[-period:]
            if any(key.endswith("?") for key in cycle) or cycle == ["body"] * period:
                return None
            first = min(range(period), key=lambda i: seq.index(cycle[i]))
            return cycle[first:] + cycle[:first]
    return None


class _Walker:
    """Real key presses, within a budget shared by every walk on the page."""

    def __init__(self, page: Page, sweep: dict[str, Any], budget: int) -> None:
        self.page = page
        self.paths: list[str] = sweep["paths"]
        self.suspects: list[int] = sweep["suspects"]
        self.budget = budget
        self.presses = 0
        self.complete = True
        self.index = {path: i for i, path in enumerate(self.paths)}
        self.visited: set[str] = set()

    async def probe(self) -> list[dict[str, Any]]:
        cycle = await self.walk("Tab")
        if cycle is None:
            return []
        trap = await self.escape(cycle, "Tab")
        traps = [trap]
        if trap["escaped_by"] == "Shift+Tab":
            back = await self.walk("Shift+Tab")
            if back is not None and not set(back) & set(cycle):
                traps.append(await self.escape(back, "Shift+Tab"))
            if self.complete:
                trap["unreachable"] = self.unreachable(cycle, back)
        snippets = await self.page.evaluate(script("snippets"), [t["selector"] for t in traps])
        for item, snippet in zip(traps, snippets, strict=True):
            item["snippet"] = snippet
        return traps

    async def press(self, key: str) -> tuple[str, bool]:
        """Press ``key``; where focus settles, and whether it left the document."""
        self.presses += 1
        await self.page.keyboard.press(key)
        state = await self.page.evaluate(script("settle"), SETTLE_MS)
        if not state["exited"]:
            self.visited.add(state["key"])
            self.visited.add(state["key"].split(" >>> ")[0])
        return state["key"], state["exited"]

    async def walk(self, key: str) -> list[str] | None:
        """Press ``key`` until focus leaves the document (None) or cycles (the cycle)."""
        start = {"where": self._start(forward=key == "Tab"), "wait": START_WAIT_MS}
        await self.page.evaluate(script("start"), start)
        seq: list[str] = []
        while self.presses < self.budget:
            where, exited = await self.press(key)
            if exited or self._past_suspects(where, forward=key == "Tab"):
                return None
            seq.append(where)
            cycle = find_cycle(seq)
            if cycle:
                return cycle
        self.complete = False
        return None

    def _past_suspects(self, where: str, forward: bool) -> bool:
        """Whether focus has gone past every element the sweep suspected (no trap can
        lie beyond them), when the sweep could say which elements those are."""
        i = self.index.get(where)
        if i is None or self.suspects[0] < 0:
            return False
        return i > self.suspects[-1] + NEAR if forward else i < self.suspects[0] - NEAR

    def _start(self, forward: bool) -> str:
        """Just before the first suspect (after the last one, going back), or the top
        (bottom) of the page."""
        if forward:
            first = self.suspects[0]
            return "top" if first - NEAR < 0 else self.paths[first - NEAR]
        last = self.suspects[-1]
        return "bottom" if last < 0 or last + NEAR >= len(self.paths) else self.paths[last + NEAR]

    async def escape(self, cycle: list[str], key: str) -> dict[str, Any]:
        """Try the ways out of ``cycle`` (entered by pressing ``key``)."""
        back = "Shift+Tab" if key == "Tab" else "Tab"
        trap: dict[str, Any] = {
            "selector": cycle[0].split(" >>> ")[0],
            "cycle": cycle,
            "direction": "forward" if key == "Tab" else "backward",
            "escaped_by": None,
            "instructions": "",
            "keys_tried": [back, "Escape"],
            "dialog": await self.page.evaluate(script("dialog"), cycle),
            "unreachable": [],
        }
        inside = set(cycle)
        for _ in range(len(cycle) + 2):
            if await self._left(back, inside):
                trap["escaped_by"] = back
                return trap
        if await self._left("Escape", inside):
            trap["escaped_by"] = "Escape"
            return trap
        for hint in await self._instructions(cycle):
            trap["instructions"] = hint.text
            trap["keys_tried"].append(hint.keys)
            await self.page.evaluate(script("focus"), cycle[0])
            if await self._left(hint.keys, inside):
                trap["escaped_by"] = hint.keys
                return trap
        return trap

    async def _left(self, key: str, inside: set[str]) -> bool:
        where, exited = await self.press(key)
        return exited or where not in inside

    async def _instructions(self, cycle: list[str]) -> list[Any]:
        """Key instructions in the page's visible text, after opening a help control
        inside the trap if the text has none."""
        found = find_instructions(await self.page.evaluate(script("text"), TEXT_CHARS))
        if found:
            return found
        if await self.page.evaluate(script("help"), cycle) is None:
            return []
        self.presses += 1
        await self.page.keyboard.press("Enter")
        await self.page.evaluate(script("settle"), SETTLE_MS)
        return find_instructions(await self.page.evaluate(script("text"), TEXT_CHARS))

    def unreachable(self, forward: list[str], backward: list[str] | None) -> list[str]:
        """Tabbable elements after the forward cycle (and before the backward one) that
        focus never settled on."""
        lows = [self.index[k] for k in forward if k in self.index]
        if not lows:
            return []
        # The backward walk started after the last suspect: what lies beyond is reachable.
        start = self.index.get(self._start(forward=False), len(self.paths))
        high = min([self.index[k] for k in backward or () if k in self.index] + [start])
        return [p for p in self.paths[max(lows) + 1 : high] if p not in self.visited][:20]
