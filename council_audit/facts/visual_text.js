() => {
  // Typography of the visible text, in one pass over the elements that hold text: font
  // size (whole page); justified blocks, line length, line height and long italic passages
  // (main content); and text spacing locked with !important in style attributes (WCAG
  // 1.4.12). Lists are capped; the *_count fields say how many were found.
  const CAP = 200;
  const MAX_ELEMENTS = 4000; // elements holding text that are looked at
  const MAX_MEASURED = 100; // blocks whose lines are measured from their text boxes
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'OPTION', 'TITLE']);
  const CHROME = 'nav, header, footer, aside, [role=navigation], [role=banner], [role=contentinfo],'
    + ' [role=complementary], [role=search], [id*=cookie i], [class*=cookie i], [id*=consent i],'
    + ' [class*=consent i]';
  const ITALIC = /italic|oblique/;
  const out = {
    elements: 0, truncated: false, measured: 0, small: [], small_count: 0, justified: [],
    justified_count: 0, long_lines: [], long_lines_count: 0, tight: [], tight_count: 0,
    italic: [], italic_count: 0, spacing: [], spacing_count: 0,
  };
  if (!document.body) return out;
  const main = document.querySelector('main, [role=main]') || document.body;
  const styles = new Map();
  const style = (el) => {
    let s = styles.get(el);
    if (!s) { s = getComputedStyle(el); styles.set(el, s); }
    return s;
  };
  const chrome = new Map();
  const inChrome = (el) => {
    if (!el || el === main || el === document.body) return false;
    if (!chrome.has(el)) chrome.set(el, el.matches(CHROME) || inChrome(el.parentElement));
    return chrome.get(el);
  };
  const inMain = (el) => main.contains(el) && !inChrome(el);
  // Count a finding; describe it (selector and snippet cost time) only while under the cap.
  const push = (list, describe) => {
    out[list + '_count'] += 1;
    if (out[list].length < CAP) out[list].push(describe());
  };
  const squash = (t) => t.replace(/\s+/g, ' ').trim();
  const px = (value, size) => (value === 'normal' ? 1.2 * size : parseFloat(value));
  const canvas = document.createElement('canvas').getContext('2d');

  // Text held directly by each element (its own text nodes).
  const own = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || SKIP.has(parent.tagName) || parent.namespaceURI !== document.body.namespaceURI) continue;
    const text = node.data.trim();
    if (!text) continue;
    if (!own.has(parent)) {
      if (own.size >= MAX_ELEMENTS) { out.truncated = true; break; }
      own.set(parent, []);
    }
    own.get(parent).push(text);
  }

  const blockOf = (el) => {
    let node = el;
    while (node !== main && node.parentElement && /^(inline|contents)/.test(style(node).display)) {
      node = node.parentElement;
    }
    return node;
  };
  const blocks = new Map();
  const italicRoots = new Set();
  for (const [el, parts] of own) {
    const s = style(el);
    if (s.visibility !== 'visible' || !el.checkVisibility()) continue;
    out.elements += 1;
    const size = parseFloat(s.fontSize);
    const text = squash(parts.join(' '));
    if (size >= 4 && size < 12) small(el, size, text);
    if (!inMain(el)) continue;
    const block = blockOf(el);
    blocks.set(block, (blocks.get(block) || '') + ' ' + text);
    if (ITALIC.test(s.fontStyle)) {
      let root = el;
      while (root.parentElement && root.parentElement !== main
        && ITALIC.test(style(root.parentElement).fontStyle)) root = root.parentElement;
      italicRoots.add(root);
    }
  }
  for (const [block, raw] of blocks) paragraph(block, squash(raw));
  for (const root of italicRoots) {
    const words = (squash(root.textContent).match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) || []).length;
    if (words > 25) push('italic', () => ({ selector: cssPath(root), snippet: snippetOf(root), words }));
  }
  spacing();
  return out;

  // Small text, unless it is a short superscript or a visually hidden (1 px) box.
  function small(el, size, text) {
    const letters = (text.match(/[\p{L}\p{N}]/gu) || []).length;
    if (letters < 3 || (/^(SUP|SUB)$/.test(el.tagName) && letters < 5)) return;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.right <= 0) return;
    push('small', () => ({ selector: cssPath(el), snippet: snippetOf(el), size, chars: text.length, main: inMain(el) }));
  }

  // Justified, long-lined and tightly spaced blocks of main-content text (not headings,
  // which are set tighter on purpose and rarely run long).
  function paragraph(block, text) {
    if (text.length < 40 || /^H[1-6]$/.test(block.tagName) || block.getAttribute('role') === 'heading') return;
    const s = style(block);
    const size = parseFloat(s.fontSize);
    const lineHeight = px(s.lineHeight, size);
    const box = block.getBoundingClientRect();
    const edges = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'];
    const height = box.height - edges.reduce((sum, k) => sum + (parseFloat(s[k]) || 0), 0);
    const lines = Math.round(height / lineHeight);
    if (lines < 1 || box.width <= 1) return;
    const entry = (more) => ({ selector: cssPath(block), snippet: snippetOf(block), chars: text.length, lines, ...more });
    if (lines >= 2 && s.textAlign === 'justify' && text.length >= 150) push('justified', entry);
    if (lines >= 2 && s.lineHeight !== 'normal' && lineHeight < 1.2 * size) {
      push('tight', () => entry({ ratio: Math.round((lineHeight / size) * 100) / 100 }));
    }
    const cjk = (text.slice(0, 400).match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g) || []).length > 100;
    const limit = cjk ? 40 : 80;
    if (text.length <= limit || out.measured >= MAX_MEASURED) return;
    canvas.font = s.font;
    const sample = text.slice(0, 300);
    const room = block.clientWidth - (parseFloat(s.paddingLeft) || 0) - (parseFloat(s.paddingRight) || 0);
    if (room / (canvas.measureText(sample).width / sample.length) <= limit) return;
    out.measured += 1;
    const measured = measure(block);
    if (measured.perLine > limit) {
      push('long_lines', () => entry({ lines: measured.lines, chars_per_line: measured.perLine, limit }));
    }
  }

  // Lines of the text rendered in ``el`` and the characters on its longest line, from
  // the boxes of its text (exact for the font, spacing and <br>s in use).
  function measure(el) {
    const rects = [];
    let chars = 0;
    let width = 0;
    const nodes = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = nodes.nextNode(), i = 0; n && i < 100; n = nodes.nextNode(), i += 1) {
      if (!n.data.trim() || SKIP.has(n.parentElement.tagName)) continue;
      range.selectNodeContents(n);
      const boxes = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
      if (!boxes.length) continue;
      for (const r of boxes) { rects.push(r); width += r.width; }
      chars += n.data.replace(/\s+/g, ' ').length;
    }
    if (!rects.length || !chars) return { lines: 0, perLine: 0 };
    rects.sort((a, b) => (a.top + a.bottom) - (b.top + b.bottom));
    const widths = [];
    let mid = -Infinity;
    for (const r of rects) {
      const m = (r.top + r.bottom) / 2;
      if (m - mid > r.height / 2) { widths.push(0); mid = m; }
      widths[widths.length - 1] += r.width;
    }
    return { lines: widths.length, perLine: Math.round((Math.max(...widths) * chars) / width) };
  }

  // Text someone can see: its own text has a box of some size inside the document area
  // (not moved off to the left or top, e.g. top: -999em) and not clipped away by an
  // ancestor with overflow hidden or a clip rectangle.
  function onScreen(el) {
    const range = document.createRange();
    const rects = [];
    for (const node of el.childNodes) {
      if (node.nodeType !== 3 || !node.data.trim()) continue;
      range.selectNodeContents(node);
      rects.push(...Array.from(range.getClientRects()));
    }
    const docWidth = Math.max(document.documentElement.scrollWidth, innerWidth);
    return rects.some((r) => {
      const left = r.left + scrollX, top = r.top + scrollY;
      if (r.width < 1 || r.height < 1 || left + r.width <= 0 || top + r.height <= 0 || left >= docWidth) return false;
      return !clippedAway(el, r);
    });
  }

  function clippedAway(el, r) {
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const s = style(a);
      const clips = s.overflowX !== 'visible' || s.overflowY !== 'visible' || (s.clip && s.clip !== 'auto');
      if (!clips && s.clipPath === 'none') continue;
      const box = a.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || zeroClip(s.clip)) return true;
      if (clips && (r.right <= box.left || r.left >= box.right || r.bottom <= box.top || r.top >= box.bottom)) return true;
      if (s.clipPath.startsWith('inset(50%')) return true;
    }
    return false;
  }

  function zeroClip(clip) {
    const n = (clip || '').match(/^rect\((.*)\)$/);
    if (!n) return false;
    const [top, right, bottom, left] = n[1].split(/[\s,]+/).map((v) => parseFloat(v) || 0);
    return right - left <= 1 || bottom - top <= 1;
  }

  // ACT rules 24afc2, 78fd32, 9e45ec: spacing set !important in a style attribute.
  function spacing() {
    const MINIMUM = { 'line-height': 1.5, 'letter-spacing': 0.12, 'word-spacing': 0.16 };
    const DEFERRING = new Set(['inherit', 'unset', 'revert', 'revert-layer']);
    const styled = document.querySelectorAll('body [style], body[style]');
    for (let i = 0; i < styled.length && i < 3000; i += 1) {
      const el = styled[i];
      // inherit, unset and revert hand the value down from the parent or user styles.
      const important = Object.keys(MINIMUM).filter((p) => el.style.getPropertyPriority(p) === 'important'
        && !DEFERRING.has(el.style.getPropertyValue(p).trim().toLowerCase()));
      if (!important.length) continue;
      const hasText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.data.trim());
      if (!hasText || !el.checkVisibility({ visibilityProperty: true }) || !onScreen(el)) continue;
      const s = style(el);
      const size = parseFloat(s.fontSize);
      for (const prop of important) {
        const computed = s.getPropertyValue(prop);
        const used = computed === 'normal' ? (prop === 'line-height' ? 1.2 * size : 0) : parseFloat(computed);
        if (used >= MINIMUM[prop] * size - 0.01) continue;
        if (prop === 'line-height' && measure(el).lines < 2) continue;
        push('spacing', () => ({
          selector: cssPath(el), snippet: snippetOf(el), property: prop,
          value: el.style.getPropertyValue(prop), ratio: Math.round((used / size) * 100) / 100,
          minimum: MINIMUM[prop],
        }));
      }
    }
  }
}
