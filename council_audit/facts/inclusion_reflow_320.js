() => {
  // Run with the viewport 320 CSS px wide (WCAG 1.4.10 Reflow, the width of 1280 px at
  // 400% zoom): does the page scroll sideways, and what sticks out past the right edge?
  // Boxes first (only the outermost of each sticking-out branch), then, if the page is
  // too wide, text that does not wrap (long words, addresses, URLs).
  const MAX_ELEMENTS = 8000;
  const MAX_TEXTS = 20000;
  const CAP = 10;
  const root = document.documentElement;
  const width = root.clientWidth;
  const clips = (el) => getComputedStyle(el).overflowX !== 'visible';
  // The page hides its sideways overflow only with hidden or clip on the root or body:
  // ``html { overflow-y: scroll }`` makes the root's overflow-x compute to auto, and the
  // window then scrolls sideways as usual.
  const cuts = (el) => ['hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  const hidden = [root, document.body].some((el) => el && cuts(el));
  // Visually hidden text (the sr-only patterns: 1 px, clipped) is not on screen at all.
  const offscreen = (el) => {
    for (let up = el, i = 0; up && up !== root && i < 4; up = up.parentElement, i += 1) {
      const s = getComputedStyle(up);
      const r = up.getBoundingClientRect();
      const clipped = (s.clip && s.clip !== 'auto') || (s.clipPath && s.clipPath !== 'none');
      if ((clipped || s.overflow === 'hidden') && r.width <= 1 && r.height <= 1) return true;
    }
    return false;
  };
  const out = {
    viewport_width: width, scroll_width: root.scrollWidth,
    scrolls: !hidden && root.scrollWidth > width + 1, overflow_hidden: hidden, offenders: [],
    offenders_count: 0,
  };
  if (!document.body) return out;
  const wide = new Set();
  // True when nothing above ``el`` already sticks out, clips it or fixes it to the window
  // (body clipping is the page-wide ``overflow_hidden``).
  const outermost = (el) => {
    for (let up = el.parentElement; up && up !== root; up = up.parentElement) {
      if (wide.has(up) || getComputedStyle(up).position === 'fixed') return false;
      if (up !== document.body && clips(up)) return false;
    }
    return true;
  };
  const report = (el, right, kind) => {
    out.offenders_count += 1;
    if (out.offenders.length < CAP) {
      out.offenders.push({
        selector: cssPath(el), snippet: snippetOf(el), tag: el.tagName.toLowerCase(), kind,
        right: Math.round(right), text: (el.innerText || '').trim().length > 0,
      });
    }
  };
  const all = [document.body, ...document.body.getElementsByTagName('*')];
  for (let i = 0; i < all.length && i < MAX_ELEMENTS; i += 1) {
    const el = all[i];
    const r = el.getBoundingClientRect();
    if (r.right + window.scrollX <= width + 1 || r.width === 0 || r.height === 0) continue;
    if (getComputedStyle(el).position === 'fixed') continue;  // fixed boxes do not widen the page
    if (offscreen(el)) continue;
    const top = outermost(el);
    wide.add(el);
    if (top) report(el, r.right + window.scrollX, 'box');
  }
  if (!out.scrolls && !hidden) return out;
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = texts.nextNode(), i = 0; n && i < MAX_TEXTS; n = texts.nextNode(), i += 1) {
    const el = n.parentElement;
    if (!n.data.trim() || !el || wide.has(el)) continue;
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.right + window.scrollX <= width + 1 || r.width === 0) continue;
    if (!outermost(el) || offscreen(el)) continue;
    wide.add(el);
    report(el, r.right + window.scrollX, 'text');
  }
  return out;
}
