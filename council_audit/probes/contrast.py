"""Measure the colour contrast of text that axe-core could not settle ("needs review":
gradients, background images, text shadows, SVG text, overlapping elements).

For each such element, up to ``contrast_probe_max`` a page, its text is screenshot as
rendered, then with only the glyphs made transparent (text shadows kept: WCAG counts a
shadow behind the glyphs as part of their background), then as rendered again (if that
differs from the first, something moves and nothing is measured). Pixels that differ
are glyph pixels; the text colour is read where they differ most, the background from
the second shot under and just around them. A robust worst case of the per-pixel
luminance ratios (a low percentile, not the mean) is compared with the rule's threshold.
Only a clear pass settles axe's result (``axe_resolved``); otherwise axe's finding stays
as it is.
"""

from __future__ import annotations

import time
from typing import Any

from playwright.async_api import Page

from council_audit.checks.axe import incomplete_nodes, selector_of
from council_audit.probes import _glyphs
from council_audit.probes._png import decode

NAME = "contrast"
ORDER = 10

# rule id -> (threshold for normal text, threshold for large text)
THRESHOLDS = {"color-contrast": (4.5, 3.0), "color-contrast-enhanced": (7.0, 4.5)}
MARGIN = 1.02  # a measured ratio must beat the threshold by 2% to settle the result
PAD = 3  # CSS px of background kept around the text box
MAX_PIXELS = 100_000  # larger text boxes are measured on their first lines only

LOCATE_JS = """(sel) => {
  const el = document.querySelector(sel);
  if (!el) return {skip: "not found"};
  const textRects = () => {
    const out = [];
    const range = document.createRange();
    const own = [...el.childNodes].filter(n => n.nodeType === 3 && n.data.trim());
    const nodes = own.length ? own : (() => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const found = [];
      while (walker.nextNode() && found.length < 50)
        if (walker.currentNode.data.trim()) found.push(walker.currentNode);
      return found;
    })();
    for (const node of nodes) {
      range.selectNodeContents(node);
      for (const r of range.getClientRects())
        if (r.width > 0 && r.height > 0 && out.length < 60) out.push([r.x, r.y, r.width, r.height]);
    }
    if (!out.length && el instanceof SVGElement) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) out.push([r.x, r.y, r.width, r.height]);
    }
    return out;
  };
  const vw = document.documentElement.clientWidth || innerWidth;
  const vh = document.documentElement.clientHeight || innerHeight;
  const inView = (rs) => rs.some(([x, y, w, h]) => x < vw && y < vh && x + w > 0 && y + h > 0);
  let rects = textRects();
  if (!rects.length) return {skip: "no text box"};
  if (!inView(rects)) {
    el.scrollIntoView({block: "center", inline: "center"});
    rects = textRects();
    if (!inView(rects)) return {skip: "outside the viewport"};
  }
  const cs = getComputedStyle(el);
  return {rects, vw, vh, fontSize: parseFloat(cs.fontSize) || 16,
          fontWeight: parseInt(cs.fontWeight, 10) || 400};
}"""

HIDE_JS = """(sel) => {
  const el = document.querySelector(sel);
  if (!el) return false;
  const old = el.getAttribute("style");
  const s = el.style;
  s.setProperty("transition", "none", "important");
  s.setProperty("color", "transparent", "important");
  s.setProperty("-webkit-text-fill-color", "transparent", "important");
  if (el instanceof SVGElement) {
    s.setProperty("fill", "transparent", "important");
    s.setProperty("stroke", "transparent", "important");
  }
  void getComputedStyle(el).color;
  return {old};
}"""

RESTORE_JS = """([sel, old]) => {
  const el = document.querySelector(sel);
  if (!el) return;
  el.setAttribute("style", (old || "") + ";transition:none!important");
  void getComputedStyle(el).color;
  if (old === null) el.removeAttribute("style"); else el.setAttribute("style", old);
}"""


async def run(page: Page, snapshot: Any, settings: Any) -> dict[str, Any]:
    """Measure axe-core's needs-review colour-contrast nodes; settle the clear passes."""
    started = time.perf_counter()
    out: dict[str, Any] = {"measured": [], "axe_resolved": []}
    targets = _targets(snapshot.axe or {}, settings.contrast_probe_max)
    if targets:
        scroll = await page.evaluate("() => [scrollX, scrollY]")
        try:
            reused = getattr(snapshot, "contrast_reused", None) or {}
            measured = getattr(snapshot, "contrast_measured", {})
            for selector, rules in targets.items():
                result = reused.get(selector)
                if result is None:
                    result = await _measure(page, selector)
                else:
                    out["reused"] = out.get("reused", 0) + 1
                measured[selector] = result
                _record(out, selector, rules, result)
        finally:
            await page.evaluate("([x, y]) => scrollTo(x, y)", scroll)
    out["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return out


def _record(out: dict[str, Any], selector: str, rules: list[str], result: dict[str, Any]) -> None:
    if "skip" in result:
        skip = {"selector": selector, "reason": result["skip"], "ms": result["ms"]}
        out.setdefault("skipped", []).append(skip)
        return
    for rule in rules:
        entry = _verdict(rule, selector, result)
        out["measured"].append(entry)
        if entry["passes"]:
            out["axe_resolved"].append([rule, selector, f"measured {_floor1(entry['ratio'])}:1"])


def _targets(axe: dict[str, Any], cap: int) -> dict[str, list[str]]:
    """Selector -> contrast rule ids axe could not settle there, first ``cap`` selectors."""
    out: dict[str, list[str]] = {}
    for rule, node in incomplete_nodes(axe, THRESHOLDS):
        target = node.get("target") or []
        if len(target) != 1 or not isinstance(target[0], str):
            continue  # inside a frame or a shadow root
        selector = selector_of(target)
        if selector in out or len(out) < cap:
            out.setdefault(selector, []).append(rule)
    return out


async def _measure(page: Page, selector: str) -> dict[str, Any]:
    started = time.perf_counter()
    result = await _measure_box(page, selector)
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


async def _measure_box(page: Page, selector: str) -> dict[str, Any]:
    box = await page.evaluate(LOCATE_JS, selector)
    if "skip" in box:
        return box
    clip, rects = _clip(box)
    if clip is None:
        return {"skip": "empty text box"}
    shots = await _shots(page, selector, clip)
    if shots is None:
        return {"skip": "element went away"}
    shot, bare, again = shots
    if again != shot:  # video, a carousel, a script: glyphs cannot be told apart
        return {"skip": "the text or its background moves"}
    ratio = _glyphs.contrast(decode(shot), decode(bare), rects, box["fontSize"])
    if ratio is None:
        return {"skip": "no glyph pixels (text invisible against its background)"}
    large = box["fontSize"] >= 24 or (box["fontSize"] >= 18.66 and box["fontWeight"] >= 700)
    return {"ratio": ratio, "large": large}


async def _shots(page: Page, selector: str, clip: dict[str, int]) -> tuple[bytes, ...] | None:
    """The text box as rendered, with transparent glyphs, and as rendered again (the
    element's style attribute is put back exactly as it was)."""
    options: dict[str, Any] = {"clip": clip, "animations": "disabled", "scale": "css"}
    shot = await page.screenshot(**options)
    hidden = await page.evaluate(HIDE_JS, selector)
    if not hidden:
        return None
    try:
        bare = await page.screenshot(**options)
    finally:
        await page.evaluate(RESTORE_JS, [selector, hidden["old"]])
    return shot, bare, await page.screenshot(**options)


def _clip(box: dict[str, Any]) -> tuple[dict[str, int] | None, list[tuple[int, int, int, int]]]:
    """The screenshot clip (CSS px, in the viewport) around the text rectangles, and the
    rectangles relative to it."""
    rects = box["rects"]
    left = max(0, int(min(r[0] for r in rects)) - PAD)
    top = max(0, int(min(r[1] for r in rects)) - PAD)
    right = min(box["vw"], int(max(r[0] + r[2] for r in rects)) + 1 + PAD)
    bottom = min(box["vh"], int(max(r[1] + r[3] for r in rects)) + 1 + PAD)
    width, height = right - left, bottom - top
    if width <= 0 or height <= 0:
        return None, []
    height = min(height, max(1, MAX_PIXELS // width))
    clip = {"x": left, "y": top, "width": width, "height": height}
    inside = [(int(r[0]) - left, int(r[1]) - top, int(r[2]) + 1, int(r[3]) + 1) for r in rects]
    return clip, inside


def _verdict(rule: str, selector: str, result: dict[str, Any]) -> dict[str, Any]:
    normal, large = THRESHOLDS[rule]
    threshold = large if result["large"] else normal
    ratio = result["ratio"]
    return {
        "rule": rule,
        "selector": selector,
        "ratio": round(ratio, 2),
        "threshold": threshold,
        "large": result["large"],
        "passes": ratio >= threshold * MARGIN,
        "ms": result["ms"],
    }


def _floor1(value: float) -> str:
    return f"{int(value * 10) / 10:.1f}"
