"""Template-aware auditing (issue #11): a council's pages share a header, navigation and
footer; audit each shared region once, and reuse what was found on the pages that repeat it.

On each page, :func:`regions_script` finds the *template regions*: the outermost ``header``,
``footer`` and ``nav`` elements (or banner, contentinfo and navigation roles) that are
neither inside ``main`` nor around it, and that hold no frame and no shadow root. Each gets
a *digest* of everything its axe-core results and contrast measurements can depend on:

- its own markup, and its width, height and left edge (not its top: a footer is lower on
  a longer page, and looks the same);
- the page: origin, stylesheets (addresses, media and inline styles), the ``html`` and
  ``body`` attributes, the viewport; and the chain of ancestors (tag, id, class, role,
  style);
- what it refers to outside itself (``aria-labelledby``, ``for``, ``aria-controls``…),
  and what outside refers into it;
- elements outside it that overlap it (a fixed cookie banner, a wide table running into
  the footer), and targets outside it within 24 px of its edge (WCAG 2.5.8 measures
  spacing).

The first page with a region digest is audited whole; the axe-core results inside the
region are remembered (with each element's path from the region), and so are the contrast
probe's measurements there. A later page with the same digest runs axe-core with the region
excluded from the context, then puts the remembered results back, each with the selector
axe-core gives that element on *this* page, in document order; the contrast probe reuses
the remembered measurements. Rules whose result on an element depends on the rest of the
page (:data:`WHOLE_PAGE_RULES`: heading order, landmarks, duplicate ids, skip links…)
always run on the whole page. The colour contrast rules (:data:`PLACED_RULES`) depend on
where the region is too: their results are reused only for a region at the same place on
the page (a second digest, ``placed``, adds its top edge), so a header is audited once
and a footer's contrast, lower on a longer page, is found again on each page. The
findings are the ones a whole audit gives; findings inside a region carry
``extras["template"]`` (``header``, ``navigation`` or ``footer``).
The setting ``template_aware`` turns this off.
"""

from __future__ import annotations

import json
import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from council_audit.facts import common_js

# Rules whose result for an element depends on the page beyond the element's region.
WHOLE_PAGE_RULES = (
    "accesskeys",
    "bypass",
    "duplicate-id",
    "duplicate-id-active",
    "duplicate-id-aria",
    "form-field-multiple-labels",
    "frame-title-unique",
    "heading-order",
    "identical-links-same-purpose",
    "landmark-banner-is-top-level",
    "landmark-complementary-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "landmark-one-main",
    "landmark-unique",
    "page-has-heading-one",
    "region",
    "skip-link",
)
# Rules whose result also depends on where the region is on the page: on generated
# council pages, the same footer link needed review for a different reason (partly
# obscured, or holding an image) depending on how far down the page the footer was. Their
# results are reused only where the region is at the same place (a header, a navigation
# bar at the top), and found again elsewhere (a footer below pages of different lengths).
PLACED_RULES = ("color-contrast", "color-contrast-enhanced")
MEMORY_REGIONS = 256  # region digests remembered per crawl or check (least recently used go)

REGIONS_BODY = r"""
  const SEL = 'header, footer, nav, [role="banner"], [role="contentinfo"], [role="navigation"]';
  const REFS = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns',
    'aria-activedescendant', 'aria-details', 'aria-errormessage', 'aria-flowto', 'for',
    'headers', 'list', 'form'];
  const hash = textDigest;  // from _common.js
  const nameOf = (el) => {
    const role = (el.getAttribute('role') || '').trim();
    if (role === 'banner' || (!role && el.localName === 'header')) return 'header';
    if (role === 'contentinfo' || (!role && el.localName === 'footer')) return 'footer';
    return 'navigation';
  };
  const attrs = (el) => el ? [...el.attributes].map(a => a.name + '=' + a.value).join(' ') : '';
  const main = document.querySelector('main, [role="main"]');
  const found = [...document.querySelectorAll(SEL)];
  const regions = found.filter(el =>
    el !== document.body && el !== document.documentElement
    && !found.some(o => o !== el && o.contains(el))
    && !(main && (el.contains(main) || main.contains(el)))
    && !el.querySelector('iframe, frame, object, embed, portal')
    && ![el, ...el.querySelectorAll('*')].some(n => n.shadowRoot));
  window[key] = regions;
  if (!regions.length) return [];
  const sheets = [...document.querySelectorAll('link[rel~="stylesheet" i], style')]
    .map(n => n.localName === 'style' ? 'style:' + hash(n.textContent) + ':' + n.media
      : 'link:' + n.href + ':' + n.media + ':' + n.disabled).join('|');
  const page = [location.origin, innerWidth, innerHeight, devicePixelRatio,
    attrs(document.documentElement), attrs(document.body), sheets].join('\n');
  const inside = (el) => regions.findIndex(r => r.contains(el));
  const rects = regions.map(r => r.getBoundingClientRect());
  // a region's extent: its box and every box drawn from it, which may overflow it (a
  // mega-menu's panels over the main content)
  const boxes = regions.map((r, i) => {
    const b = {left: rects[i].left, top: rects[i].top, right: rects[i].right,
      bottom: rects[i].bottom};
    for (const n of r.getElementsByTagName('*')) {
      const c = n.getBoundingClientRect();
      if (!c.width && !c.height) continue;
      b.left = Math.min(b.left, c.left); b.top = Math.min(b.top, c.top);
      b.right = Math.max(b.right, c.right); b.bottom = Math.max(b.bottom, c.bottom);
    }
    return b;
  });
  const near = (a, b, pad) => a.left - pad < b.right && b.left < a.right + pad
    && a.top - pad < b.bottom && b.top < a.bottom + pad;
  const extra = regions.map(() => []);
  const rel = (r, i) => [r.left - rects[i].left, r.top - rects[i].top, r.width, r.height]
    .map(Math.round).join(',');
  // elements from outside a region that overlap it (a fixed banner, an overflowing
  // table or image), and targets outside it within 24 px of its edge
  const TARGET = 'a[href], button, input, select, textarea, summary, [role="button"], '
    + '[role="link"], [tabindex], [onclick], [role="checkbox"], [role="tab"]';
  for (const el of document.body ? document.body.getElementsByTagName('*') : []) {
    if (inside(el) >= 0) continue;
    const target = el.matches(TARGET);
    const r = el.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    boxes.forEach((box, i) => {
      if (near(r, box, target ? 24 : 0) && !el.contains(regions[i]))
        extra[i].push((target ? 'target:' : 'over:') + rel(r, i) + ':' + hash(el.outerHTML));
    });
  }
  return regions.map((el, i) => {
    const b = boxes[i];
    const parts = [page, el.outerHTML, [rects[i].left, rects[i].width, rects[i].height,
      b.left - rects[i].left, b.top - rects[i].top, b.right - b.left, b.bottom - b.top]
      .map(Math.round).join(',')];
    for (let a = el.parentElement; a; a = a.parentElement)
      parts.push([a.localName, a.id, a.className, a.getAttribute('role'),
        a.getAttribute('style')].join('#'));
    const ids = new Set([...el.querySelectorAll('[id]')].map(n => n.id));
    for (const n of [el, ...el.querySelectorAll('*')])
      for (const name of REFS)
        for (const id of (n.getAttribute(name) || '').split(/\s+/).filter(Boolean))
          if (!ids.has(id)) {
            const t = document.getElementById(id);
            parts.push('ref:' + id + ':' + (t ? hash(t.outerHTML) : '-'));
          }
    for (const id of ids) {
      const esc = CSS.escape(id);
      const from = document.querySelectorAll(REFS.map(a => `[${a}~="${esc}"]`).join(','));
      for (const n of from) if (!el.contains(n)) parts.push('in:' + id + ':' + hash(n.outerHTML));
    }
    parts.push(...extra[i]);
    const digest = hash(parts.join('\n')) + '-' + el.outerHTML.length;
    return {name: nameOf(el), digest,
      placed: hash(digest + '\n' + Math.round(rects[i].top + scrollY))};
  });
"""

# The template run of :func:`council_audit.checks.axe.run_script`, which has set ``t``
# (the plan), ``known`` (axe-core's rule ids), ``rules`` and ``opts`` (its options). One
# axe-core run: rules not in ``t.wholePage`` skip the elements of the reused regions (their
# ``matches`` is wrapped for this run), and a rule of our own, which matches exactly the
# elements whose remembered results are put back, makes axe-core name them with the
# selectors it gives on this page. Each node found inside a region is then marked with the
# region's name and its path from the region; every rule's nodes are put in document
# order; element references are dropped before returning.
RUN_JS = r"""
const regs = window[t.key] || [];
const whole = new Set(t.wholePage);
const placedRules = new Set(t.placedRules);
const skippedSet = (indices) => {
  const set = new Set();
  for (const i of indices) if (regs[i]) for (const n of [regs[i], ...regs[i].querySelectorAll('*')])
    set.add(n);
  return set;
};
const skipped = skippedSet(t.exclude);
const skippedPlaced = skippedSet(t.excludePlaced);
const skippedFor = (id) => placedRules.has(id) ? skippedPlaced : skipped;
const MARK = 'council-audit-template-element';
const marks = new Map();
for (const reg of t.reuse) {
  const root = regs[reg.index];
  for (const item of reg.nodes) {
    let el = root;
    for (const i of item.path) el = el && el.children[i];
    if (el) marks.set(el, (marks.get(el) || []).concat([item]));
  }
}
const wrapped = [];
for (const rule of axe._audit.rules) {
  const skip = skippedFor(rule.id);
  if (whole.has(rule.id) || !skip.size) continue;
  const own = Object.prototype.hasOwnProperty.call(rule, 'matches');
  const original = rule.matches;
  wrapped.push([rule, own, original]);
  rule.matches = function (node, vnode, context) {
    return !skip.has(node) && original.call(this, node, vnode, context);
  };
}
if (marks.size) {
  axe.configure({
    checks: [{id: MARK, evaluate: function () { return false; }}],
    rules: [{id: MARK, selector: '*', excludeHidden: false, matches: (node) => marks.has(node),
      any: [MARK], tags: []}],
  });
}
let result;
try {
  result = await axe.run(document,
    {...opts, rules: marks.size ? {...rules, [MARK]: {enabled: true}} : rules});
} finally {
  for (const [rule, own, original] of wrapped) {
    if (own) rule.matches = original; else delete rule.matches;
  }
}
const order = new Map(axe.getRules().map((r, i) => [r.ruleId, i]));
const targets = new Map();
for (const rule of result.violations) if (rule.id === MARK)
  for (const node of rule.nodes) targets.set(node.element, node.target);
const merged = {};
for (const kind of ['violations', 'incomplete']) {
  const byId = new Map();
  for (const rule of result[kind] || []) if (rule.id !== MARK) byId.set(rule.id, rule);
  merged[kind] = byId;
}
for (const [el, items] of marks) for (const item of items) {
  const byId = merged[item.kind];
  let rule = byId.get(item.rule.id);
  if (!rule) { rule = {...item.rule, nodes: []}; byId.set(item.rule.id, rule); }
  rule.nodes.push({...item.node, target: targets.get(el) || item.node.target, element: el});
}
const pathOf = (root, el) => {
  const path = [];
  for (let n = el; n && n !== root; n = n.parentElement)
    path.unshift([...n.parentElement.children].indexOf(n));
  return path;
};
const IMPACT = ['minor', 'moderate', 'serious', 'critical'];
const out = {testEngine: result.testEngine, regionNodes: []};
for (const kind of ['violations', 'incomplete']) {
  out[kind] = [...merged[kind].values()].sort((a, b) => order.get(a.id) - order.get(b.id));
  for (const rule of out[kind]) {
    rule.nodes.sort((a, b) => a.element === b.element || !a.element || !b.element ? 0
      : a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    const worst = Math.max(...rule.nodes.map(n => IMPACT.indexOf(n.impact)));
    if (worst >= 0) rule.impact = IMPACT[worst];
    for (const node of rule.nodes) {
      const i = node.element ? regs.findIndex(r => r.contains(node.element)) : -1;
      if (i >= 0) {
        node.region = t.names[i];
        const found = {index: i, path: pathOf(regs[i], node.element), selector: node.target[0]};
        const reused = (placedRules.has(rule.id) ? t.excludePlaced : t.exclude).includes(i);
        if (!reused && !whole.has(rule.id)) {
          const {element, ...plain} = node;
          const {nodes, ...meta} = rule;
          Object.assign(found, {kind, rule: meta, node: plain});
        }
        out.regionNodes.push(found);
      }
      delete node.element;
      for (const check of [...(node.any || []), ...(node.all || []), ...(node.none || [])])
        for (const related of check.relatedNodes || []) delete related.element;
    }
  }
}
return JSON.stringify(out);
"""


@lru_cache(maxsize=1)
def regions_script() -> str:
    """The page script that finds the template regions and their digests; it keeps the
    region elements in ``window[key]`` for the axe-core run."""
    return f"(key) => {{ {common_js()}\n{REGIONS_BODY} }}"


@dataclass
class Region:
    """What one audit of a template region found: axe-core's results inside it (each with
    the element's path from the region) and the contrast probe's measurements there,
    by path."""

    digest: str
    name: str
    nodes: list[dict[str, Any]] = field(default_factory=list)
    contrast: dict[str, dict[str, Any]] = field(default_factory=dict)
    placed: str = ""  # the digest with the region's place on the page


@dataclass
class PagePlan:
    """The template regions of one page: ``names``, ``digests`` and ``placed`` digests by
    region index, and the remembered regions this page reuses (index -> :class:`Region`);
    the results of :data:`PLACED_RULES` only for regions in the same place."""

    key: str
    names: list[str]
    digests: list[str]
    reuse: dict[int, Region]
    placed: list[str]

    @property
    def reuse_placed(self) -> list[int]:
        """Reused regions at the same place on the page as when they were audited."""
        return sorted(
            i for i, region in self.reuse.items()
            if region.placed and region.placed == self.placed[i]
        )  # fmt: skip

    def script_arg(self) -> str:
        placed = set(self.reuse_placed)
        return json.dumps(
            {
                "key": self.key,
                "names": self.names,
                "exclude": sorted(self.reuse),
                "excludePlaced": sorted(placed),
                "wholePage": list(WHOLE_PAGE_RULES),
                "placedRules": list(PLACED_RULES),
                "reuse": [
                    {
                        "index": i,
                        "nodes": [
                            n
                            for n in region.nodes
                            if i in placed or n["rule"].get("id") not in PLACED_RULES
                        ],
                    }
                    for i, region in sorted(self.reuse.items())
                ],
            }
        )


class TemplateMemory:
    """The template regions audited so far in one crawl or check, by digest (a digest
    covers the origin, so councils never share one), least recently used forgotten."""

    def __init__(self, size: int = MEMORY_REGIONS) -> None:
        self.size = size
        self.regions: OrderedDict[str, Region] = OrderedDict()
        self.reused = 0  # regions reused rather than audited, for the benchmark

    def plan(self, key: str, found: list[dict[str, str]]) -> PagePlan:
        reuse = {}
        for i, region in enumerate(found):
            known = self.regions.get(region["digest"])
            if known is not None:
                self.regions.move_to_end(region["digest"])
                reuse[i] = known
        self.reused += len(reuse)
        return PagePlan(
            key=key,
            names=[r["name"] for r in found],
            digests=[r["digest"] for r in found],
            reuse=reuse,
            placed=[r.get("placed", "") for r in found],
        )

    def remember(self, plan: PagePlan, axe: dict[str, Any], measured: dict[str, Any]) -> None:
        """After a page's audit: remember the regions it audited whole, and the contrast
        measurements (selector -> result, ``measured``) made inside any region."""
        found = axe.pop("regionNodes", None) or []
        for i, digest in enumerate(plan.digests):
            if i in plan.reuse or digest in self.regions:
                continue
            nodes = [
                {"kind": n["kind"], "rule": n["rule"], "node": n["node"], "path": n["path"]}
                for n in found
                if n["index"] == i and "node" in n
            ]
            self.regions[digest] = Region(digest, plan.names[i], nodes, placed=plan.placed[i])
            while len(self.regions) > self.size:
                self.regions.popitem(last=False)
        for item in found:
            region = self.regions.get(plan.digests[item["index"]])
            result = measured.get(item["selector"])
            if region is not None and result is not None:
                region.contrast.setdefault(_path_key(item["path"]), result)

    @staticmethod
    def contrast_known(plan: PagePlan, axe: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Selector on this page -> the contrast measurement remembered for that element."""
        out = {}
        for item in axe.get("regionNodes") or ():
            region = plan.reuse.get(item["index"])
            path = _path_key(item["path"])
            if region is not None and path in region.contrast:
                out[item["selector"]] = region.contrast[path]
        return out


def region_key() -> str:
    """A fresh name for the page global that holds the regions between two scripts."""
    return "__councilAuditRegions_" + secrets.token_hex(6)


def _path_key(path: list[int]) -> str:
    return ".".join(map(str, path))
