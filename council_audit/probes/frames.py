"""Frames and what they show, for WCAG 4.1.2: frames that share an accessible name must
have the same purpose. For every iframe/frame of the page (open shadow roots included):
its selector, accessible name and where the name comes from, whether it is hidden, its
src, and when the browser lets the page read it (same origin, srcdoc), the final URL and
a digest of its text.

axe-core's ``frame-title-unique`` only compares title attributes and cannot see what the
frames show, so it asks for review of every pair; this probe settles the pairs it
measured: same accessible name and the same content, or names that are in fact unique.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from playwright.async_api import Page

from council_audit.checks.axe import incomplete_nodes, selector_of
from council_audit.checks.common.frames import name_key, same_content
from council_audit.facts import common_js

NAME = "frames"
ORDER = 20
AXE_RULE = "frame-title-unique"
MAX_FRAMES = 100

# Runs in the page with _common.js in front; argument: axe targets to find among frames.
_SCRIPT = r"""
  const MAX = %(max)d;
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const pathIn = (el, root) => {
    if (root === document) return cssPath(el);
    if (el.id && /^-?[A-Za-z_][A-Za-z0-9_-]*$/.test(el.id)
        && root.querySelectorAll('#' + el.id).length === 1) return '#' + el.id;
    const parts = [];
    for (let node = el; node && node !== root; node = node.parentNode) {
      const index = Array.prototype.indexOf.call(node.parentNode.children, node) + 1;
      parts.unshift(node.tagName.toLowerCase() + ':nth-child(' + index + ')');
    }
    return parts.join(' > ');
  };
  const deepPath = (el) => {
    const root = el.getRootNode();
    return root === document || !root.host ? cssPath(el)
      : deepPath(root.host) + ' >>> ' + pathIn(el, root);
  };
  const hiddenDeep = (el) => {
    if (isHidden(el)) return true;
    const root = el.getRootNode();
    return root !== document && !!root.host && hiddenDeep(root.host);
  };
  const nameOf = (el) => {
    const root = el.getRootNode();
    const ids = norm(el.getAttribute('aria-labelledby')).split(' ').filter(Boolean);
    const labelled = norm(ids.map((id) => root.getElementById(id))
      .filter(Boolean).map((n) => n.textContent).join(' '));
    if (labelled) return [labelled, 'aria-labelledby'];
    const label = norm(el.getAttribute('aria-label'));
    if (label) return [label, 'aria-label'];
    const title = norm(el.getAttribute('title'));
    return title ? [title, 'title'] : ['', ''];
  };
  const contentOf = (el) => {
    const srcdoc = el.hasAttribute('srcdoc');
    let doc = null, url = null;
    try { doc = el.contentDocument; url = el.contentWindow.location.href; } catch (e) { doc = null; }
    const src = !srcdoc && el.src && !/^(about|javascript):/i.test(el.src) ? el.src : null;
    const out = {src, url: null, digest: null, same_origin: !!doc};
    if (doc && url === 'about:blank' && (src || srcdoc)) return out;  // not loaded yet
    if (doc && !srcdoc && !/^about:/.test(url)) out.url = url;  // about:blank says nothing
    const text = doc && doc.body ? norm(doc.body.innerText) : '';
    if (text) out.digest = textDigest(norm(doc.title) + ' | ' + text);
    else if (srcdoc) out.digest = 'srcdoc:' + textDigest(norm(el.getAttribute('srcdoc')));
    return out;
  };
  const found = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll('iframe, frame')) {
      if (found.length < MAX) found.push(el);
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  const frames = found.map((el) => {
    const [name, source] = nameOf(el);
    return {selector: deepPath(el), name, source, hidden: hiddenDeep(el),
            aria_hidden: el.closest('[aria-hidden="true"]') !== null,
            snippet: snippetOf(el).slice(0, 300), ...contentOf(el)};
  });
  const locate = (target) => {
    if (target.length !== 1) return null;  // crosses into a frame
    const chain = Array.isArray(target[0]) ? target[0] : [target[0]];
    let root = document, el = null;
    for (const sel of chain) {
      try { el = root ? root.querySelector(sel) : null; } catch (e) { return null; }
      if (!el) return null;
      root = el.shadowRoot;
    }
    const index = found.indexOf(el);
    return index < 0 ? null : index;
  };
  return {frames, truncated: found.length >= MAX, axe_frames: targets.map(locate)};
"""


@lru_cache(maxsize=1)
def script() -> str:
    """The page script: _common.js (cssPath, isHidden, snippetOf, textDigest) and the
    frame survey."""
    return f"async (targets) => {{ {common_js()}\n{_SCRIPT % {'max': MAX_FRAMES}} }}"


async def run(page: Page, snapshot: Any, settings: Any) -> dict[str, Any]:
    nodes = _axe_nodes(snapshot.axe or {})
    result = await page.evaluate(script(), [node["target"] for node in nodes])
    matched = result.pop("axe_frames")
    resolved = []
    if result["truncated"]:  # a frame past the cap may share the name: settle nothing
        matched = [None] * len(nodes)
    for node, index in zip(nodes, matched, strict=True):
        reason = None if index is None else settle(result["frames"], index)
        if reason:
            resolved.append([AXE_RULE, selector_of(node["target"]), reason])
    result["axe_resolved"] = resolved
    return result


def settle(frames: list[dict[str, Any]], index: int) -> str | None:
    """Why axe's review of ``frames[index]`` is not needed, or None if it is."""
    frame = frames[index]
    if frame.get("hidden"):
        return "not in the accessibility tree"
    key = name_key(frame.get("name"))
    if not key:
        return None
    group = [f for f in frames if not f.get("hidden") and name_key(f.get("name")) == key]
    if len(group) < 2:
        return "unique accessible name"
    return "same content" if same_content(group) else None


def _axe_nodes(axe: dict[str, Any]) -> list[dict[str, Any]]:
    return [node for _, node in incomplete_nodes(axe, (AXE_RULE,)) if node.get("target")]
