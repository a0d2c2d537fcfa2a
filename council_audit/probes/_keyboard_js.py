"""The scripts the keyboard probe (:mod:`council_audit.probes.keyboard`) runs in the page.

Every script starts with ``facts/_common.js`` (``cssPath``, ``snippetOf``), so elements
are named as fact gatherers and :class:`PageView` name them. Focus is named by its *key*:
the ``cssPath`` of ``document.activeElement``, followed into open shadow roots and
same-origin frames (``host >>> inner``); a cross-origin frame ends in ``>>> ?``.
"""

from __future__ import annotations

from functools import cache

from council_audit.facts import common_js

_HELPERS = r"""
const ckTabbables = (max) => {
  const sel = 'a[href], button, input, select, textarea, iframe, summary, '
    + 'audio[controls], video[controls], [tabindex], [contenteditable]';
  const found = [];
  for (const el of document.querySelectorAll(sel)) {
    if (!(el.tabIndex >= 0) || el.matches(':disabled') || el.closest('[inert]')) continue;
    const shown = typeof el.checkVisibility === 'function'
      ? el.checkVisibility({visibilityProperty: true}) : el.getClientRects().length > 0;
    if (shown) found.push(el);
  }
  const positive = found.filter((el) => el.tabIndex > 0).sort((a, b) => a.tabIndex - b.tabIndex);
  return positive.concat(found.filter((el) => el.tabIndex === 0)).slice(0, max);
};
const ckKey = () => {
  let el = document.activeElement;
  const parts = [];
  for (let depth = 0; el && depth < 4; depth++) {
    const doc = el.ownerDocument;
    if (el === doc.body || el === doc.documentElement) break;
    parts.push(cssPath(el));
    let inner = null;
    if (el.shadowRoot) inner = el.shadowRoot.activeElement;
    else if (el.tagName === 'IFRAME' || el.tagName === 'FRAME' || el.tagName === 'OBJECT') {
      try { inner = el.contentDocument && el.contentDocument.activeElement; } catch (e) { inner = null; }
      if (!inner) { parts.push('?'); break; }
    }
    el = inner;
  }
  return parts.length ? parts.join(' >>> ') : 'body';
};
const ckRecorder = () => {
  if (!window.__ckKeyboard) {
    const rec = window.__ckKeyboard = {exits: 0};
    // Focus leaves the document (to the browser's own UI): the window loses focus while
    // nothing in it is focused. Moving into a frame also blurs the window, but the
    // document keeps focus then.
    window.addEventListener('blur', (e) => {
      const a = document.activeElement;
      if (e.target === window && !document.hasFocus()
          && (!a || a === document.body || a === document.documentElement)) rec.exits += 1;
    }, true);
  }
  return window.__ckKeyboard;
};
const ckRemoveStarts = (keep) => {
  for (const n of document.querySelectorAll('[data-ck-keyboard-start]')) if (n !== keep) n.remove();
};
const ckSleep = (ms) => new Promise((r) => setTimeout(r, ms));
"""

# Take every tabbable element in turn as Tab would, without moving focus: each gets the
# blur/focusout (the one before) and focus/focusin events and a Tab and Shift+Tab keydown,
# synthetic, while HTMLElement.focus is a recorder and timers the handlers start are
# tracked (then waited for, up to ``wait`` ms). Scripts that answer by calling focus()
# on another element, now or on a timer, or that cancel Tab, are how keyboard traps are
# made: the elements involved are the "suspects" that real key presses then test.
# Synthetic events change no focus styles, so this costs no style recalculation.
_SWEEP = r"""async ({max, wait}) => {
  const items = ckTabbables(max);
  const index = new Map(items.map((el, i) => [el, i]));
  const suspects = new Set();
  let current = null;
  let sources = [];
  const note = (target) => {
    if (target === current) return;
    for (const s of sources) if (index.has(s)) suspects.add(index.get(s));
    if (index.has(target)) suspects.add(index.get(target));
    if (!sources.length && !index.has(target)) suspects.add(-1);
  };
  const protos = [HTMLElement.prototype, SVGElement.prototype];
  const realFocus = protos.map((p) => p.focus);
  const realTimeout = window.setTimeout;
  const realFrame = window.requestAnimationFrame;
  let longest = -1;
  const wrap = (cb) => {
    if (typeof cb !== 'function') return cb;
    const during = sources;
    return function (...args) {
      const saved = sources;
      sources = during;
      try { return cb.apply(this, args); } finally { sources = saved; }
    };
  };
  const fire = (el, type, relatedTarget, bubbles) =>
    el.dispatchEvent(new FocusEvent(type, {bubbles, composed: true, relatedTarget}));
  const onFocusIn = (e) => { if (e.isTrusted && e.target !== window) note(e.target); };
  protos.forEach((p) => { p.focus = function () { note(this); }; });
  window.setTimeout = function (cb, ms, ...rest) {
    const delay = Number(ms) || 0;
    if (delay <= wait) longest = Math.max(longest, delay);
    return realTimeout.call(window, wrap(cb), ms, ...rest);
  };
  window.requestAnimationFrame = function (cb) {
    longest = Math.max(longest, 20);
    return realFrame.call(window, wrap(cb));
  };
  window.addEventListener('focusin', onFocusIn, true);
  try {
    let previous = null;
    for (const el of items) {
      current = el;
      sources = previous ? [previous, el] : [el];
      if (previous) { fire(previous, 'blur', el, false); fire(previous, 'focusout', el, true); }
      fire(el, 'focus', previous, false);
      fire(el, 'focusin', previous, true);
      sources = [el];
      for (const shiftKey of [false, true]) {
        const ev = new KeyboardEvent('keydown', {key: 'Tab', code: 'Tab', shiftKey,
          bubbles: true, cancelable: true, composed: true});
        Object.defineProperty(ev, 'keyCode', {get: () => 9});
        Object.defineProperty(ev, 'which', {get: () => 9});
        el.dispatchEvent(ev);
        if (ev.defaultPrevented) suspects.add(index.get(el));
      }
      previous = el;
    }
    current = null;
    if (previous) {
      sources = [previous];
      fire(previous, 'blur', null, false);
      fire(previous, 'focusout', null, true);
    }
    sources = [];
    await Promise.resolve();
    if (longest >= 0) await new Promise((r) => realTimeout.call(window, r, longest + 20));
  } finally {
    protos.forEach((p, i) => { p.focus = realFocus[i]; });
    window.setTimeout = realTimeout;
    window.requestAnimationFrame = realFrame;
    window.removeEventListener('focusin', onFocusIn, true);
  }
  const out = {count: items.length, suspects: Array.from(suspects).sort((a, b) => a - b),
    waited: longest >= 0 ? longest + 20 : 0};
  if (out.suspects.length) out.paths = items.map((el) => cssPath(el));
  return out;
}"""

# Put focus where a walk starts: before the first tabbable element ('top'), after the
# last ('bottom'), or on the element at a path; then wait for the page's timers with
# HTMLElement.focus disabled, as if the user came from the browser's own UI (where a
# script's focus() cannot reach them). Returns the focus key there.
_START = r"""async ({where, wait}) => {
  ckRemoveStarts(null);
  let target = null;
  if (where === 'top' || where === 'bottom') {
    target = document.createElement('span');
    target.tabIndex = -1;
    target.setAttribute('data-ck-keyboard-start', '');
    target.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden';
    if (where === 'top') document.body.prepend(target); else document.body.append(target);
  } else {
    target = document.querySelector(where);
  }
  const protos = [HTMLElement.prototype, SVGElement.prototype];
  const real = protos.map((p) => p.focus);
  protos.forEach((p) => { p.focus = function () {}; });
  try {
    if (target) real[target instanceof SVGElement ? 1 : 0].call(target, {preventScroll: true});
    await ckSleep(wait);
  } finally {
    protos.forEach((p, i) => { p.focus = real[i]; });
  }
  ckRecorder().exits = 0;
  return ckKey();
}"""

# After a key press: let the page's timers run, then say where focus is and whether it
# left the document meanwhile.
_SETTLE = r"""async (ms) => {
  await ckSleep(ms);
  const rec = ckRecorder();
  const exited = rec.exits > 0;
  rec.exits = 0;
  ckRemoveStarts(document.activeElement);
  return {key: ckKey(), exited};
}"""

# A control inside the trap that offers help (a same-page link or a script button named
# "help", "how to...", "keyboard"...): focus it and return its path, for Enter to open it.
_HELP = r"""(paths) => {
  const words = /\b(help|how to|instructions?|keyboard|shortcuts?)\b/i;
  for (const path of paths) {
    const el = document.querySelector(path.split(' >>> ')[0]);
    if (!el) continue;
    const safe = el.matches('a[href^="#"], a[href^="javascript:"], button[type=button], '
      + '[role=button]:not(button), summary');
    const name = (el.getAttribute('aria-label') || el.innerText || '').slice(0, 200);
    if (!safe || !words.test(name)) continue;
    for (let i = 0; i < 3 && document.activeElement !== el; i++) el.focus({preventScroll: true});
    if (document.activeElement === el) return path;
  }
  return null;
}"""

_FOCUS = r"""(path) => {
  const el = document.querySelector(path.split(' >>> ')[0]);
  for (let i = 0; el && i < 3 && document.activeElement !== el; i++) el.focus({preventScroll: true});
  return ckKey();
}"""

_TEXT = r"""(max) => (document.body ? document.body.innerText || '' : '').slice(0, max)"""

# Whether every element of a cycle is inside one modal dialog that holds a button: a
# dialog that keeps focus until it is closed is doing what it should.
_DIALOG = r"""(paths) => {
  const els = paths.map((p) => document.querySelector(p.split(' >>> ')[0]));
  if (!els.length || els.some((el) => !el)) return false;
  const box = els[0].closest('dialog[open], [role=dialog], [role=alertdialog], [aria-modal=true]');
  if (!box || els.some((el) => !box.contains(el))) return false;
  return box.querySelector('button, [role=button], input[type=button], input[type=submit]') !== null;
}"""

_SNIPPETS = r"""(paths) => paths.map((p) => {
  const el = document.querySelector(p.split(' >>> ')[0]);
  return el ? snippetOf(el) : '';
})"""

_FINISH = r"""() => {
  ckRemoveStarts(null);
  const a = document.activeElement;
  if (a && a !== document.body && a.blur) a.blur();
}"""


@cache
def script(name: str) -> str:
    """The named script, wrapped so that the helpers are in scope."""
    body = {
        "sweep": _SWEEP,
        "start": _START,
        "settle": _SETTLE,
        "help": _HELP,
        "focus": _FOCUS,
        "text": _TEXT,
        "dialog": _DIALOG,
        "snippets": _SNIPPETS,
        "finish": _FINISH,
    }[name]
    return f"async (arg) => {{ {common_js()}\n{_HELPERS}\n return await ({body})(arg); }}"
