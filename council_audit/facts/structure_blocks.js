() => {
  // Short blocks of main-content text that are bigger or bolder than the body text, with
  // what follows them: candidates for text styled as a heading but not marked up as one.
  const main = document.querySelector('main, [role="main"]') || document.body;
  if (!main) return { body_size: null, body_bold: false, blocks: [] };
  const NOT_CONTENT = 'h1,h2,h3,h4,h5,h6,[role="heading"],a,button,label,legend,caption,'
    + 'th,td,summary,li,dt,nav,aside,form,pre,code,blockquote,figcaption,dialog,select,'
    + '[role="navigation"],[role="banner"],[role="contentinfo"],[role="complementary"],'
    + '[role="search"],[role="dialog"],[role="alert"],[role="status"],[role="tab"],'
    + '[role="button"],[role="link"]';
  const CHROME = 'header,footer';
  const BANNERS = '[id*="cookie" i],[class*="cookie" i],[id*="consent" i],[class*="consent" i]';
  const outside = (el) => el.closest(NOT_CONTENT) || el.closest(BANNERS)
    || (main === document.body && el.closest(CHROME));
  const BLOCK = new Set(['block', 'flex', 'grid', 'flow-root', 'table-caption']);
  const words = (t) => t.split(/\s+/).filter(Boolean).length;
  const squash = (t) => t.replace(/\s+/g, ' ').trim();
  const bold = (s) => parseInt(s.fontWeight, 10) >= 600;

  // The body text's size and weight: those of most characters of prose.
  const sizes = new Map();
  let boldChars = 0;
  let allChars = 0;
  for (const el of Array.from(main.querySelectorAll('p, li, dd, td')).slice(0, 600)) {
    const n = el.textContent.trim().length;
    if (!n || el.closest(CHROME) && main === document.body) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    sizes.set(size, (sizes.get(size) || 0) + n);
    allChars += n;
    if (bold(style)) boldChars += n;
  }
  let bodySize = parseFloat(getComputedStyle(main).fontSize);
  let most = 0;
  for (const [size, n] of sizes) if (n > most) { most = n; bodySize = size; }
  const bodyBold = allChars > 0 && boldChars > allChars / 2;

  // Font size and boldness of all the text in an element (smallest size, all bold?).
  const textStyle = (el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let size = Infinity;
    let allBold = true;
    let linked = true;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.nodeValue.trim()) continue;
      const style = getComputedStyle(node.parentElement);
      size = Math.min(size, parseFloat(style.fontSize));
      allBold = allBold && bold(style);
      linked = linked && node.parentElement.closest('a') !== null;
    }
    return { size, allBold, linked };
  };
  const shown = (el) => {
    if (isHidden(el)) return false;
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  };
  // What comes after the block: its next sibling with text, climbing out of wrappers
  // that hold nothing but the block.
  const following = (el, text) => {
    let node = el;
    for (let i = 0; i < 4 && node && node !== main; i += 1) {
      let next = node.nextElementSibling;
      while (next && (!next.textContent.trim() || isHidden(next))) next = next.nextElementSibling;
      if (next) return next;
      node = node.parentElement;
      if (!node || squash(node.textContent) !== text) return null;
    }
    return null;
  };
  const describe = (el, text, after, afterChars) => {
    const style = textStyle(el);
    if (style.linked || style.size === Infinity) return null;
    const ratio = style.size / bodySize;
    if (ratio < 1.1 && !style.allBold) return null;
    return {
      selector: cssPath(el),
      snippet: snippetOf(el),
      text,
      size_ratio: Math.round(ratio * 100) / 100,
      bold: style.allBold,
      next_tag: after ? after.tagName.toLowerCase() : null,
      next_chars: afterChars,
      next_heading: after ? after.matches('h1,h2,h3,h4,h5,h6,[role="heading"]') : false,
      next_field: after ? after.matches('input,select,textarea,button,label') : false,
    };
  };

  // The blocks that hold text directly: each text node's nearest block ancestor.
  const displays = new Map();
  const isBlock = (el) => {
    if (!displays.has(el)) displays.set(el, BLOCK.has(getComputedStyle(el).display));
    return displays.get(el);
  };
  const leaves = new Set();
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  let seenText = 0;
  for (let t = walker.nextNode(); t && seenText < 5000; t = walker.nextNode()) {
    if (!t.nodeValue.trim()) continue;
    seenText += 1;
    let node = t.parentElement;
    while (node && node !== main && !isBlock(node)) node = node.parentElement;
    if (node && node !== main) leaves.add(node);
  }
  const blocks = [];
  for (const el of leaves) {
    if (blocks.length >= 100) break;
    const raw = el.textContent;
    if (raw.length > 160 || outside(el) || !shown(el)) continue;
    if (Array.from(el.querySelectorAll('*')).some((d) => isBlock(d) && d.textContent.trim())) continue;
    const text = squash(raw);
    const after = following(el, text);
    const found = describe(el, text, after, after ? squash(after.textContent).length : 0);
    if (found) blocks.push(found);
  }
  // <p><strong>Opening times</strong><br>Monday to Friday ...</p>: a bold first line.
  for (const br of main.querySelectorAll('strong + br, b + br')) {
    if (blocks.length >= 100) break;
    const lead = br.previousElementSibling;
    const parent = br.parentElement;
    const before = (node) => {
      for (let n = node.previousSibling; n; n = n.previousSibling) {
        if (n.nodeType === 1 || n.nodeValue.trim()) return n;
      }
      return null;
    };
    if (before(br) !== lead || before(lead) !== null || outside(parent) || !shown(lead)) continue;
    const text = squash(lead.textContent);
    const rest = squash(parent.textContent).length - text.length;
    const found = describe(lead, text, rest > 0 ? br : null, rest);
    if (found) { found.next_tag = 'br'; blocks.push(found); }
  }
  return { body_size: bodySize, body_bold: bodyBold, blocks };
}
