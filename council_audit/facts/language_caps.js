() => {
  // Main-content text shown in capitals by CSS (text-transform: uppercase), grouped by
  // the outermost element that sets it, with the number of words it covers. Navigation,
  // header, footer, asides and cookie banners are left out, like the text checks do.
  const MAX = 100;
  const MIN_WORDS = 2;
  const root = document.querySelector('main') || document.querySelector('[role="main"]') || document.body;
  if (!root) return { elements: [] };
  const CHROME = 'nav,header,footer,aside,[role="navigation"],[role="banner"],[role="contentinfo"],' +
    '[role="complementary"],[role="search"],[id*="cookie" i],[class*="cookie" i],[id*="consent" i],' +
    '[class*="consent" i],[id*="gdpr" i],[class*="gdpr" i],script,style,noscript,template';
  const upper = new Map();
  const isUpper = (el) => {
    if (!upper.has(el)) upper.set(el, getComputedStyle(el).textTransform === 'uppercase');
    return upper.get(el);
  };
  const outermost = (el) => {
    let top = el;
    while (top !== root && top.parentElement && isUpper(top.parentElement)) top = top.parentElement;
    return top;
  };
  const groups = new Map();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const words = (node.textContent.match(/[A-Za-z\u00C0-\u024F]+/g) || []).length;
    if (!parent || !words || !isUpper(parent)) continue;
    const inRoot = parent.closest(CHROME);
    if (inRoot && root.contains(inRoot)) continue;
    if (parent.checkVisibility && !parent.checkVisibility({ visibilityProperty: true })) continue;
    const top = outermost(parent);
    groups.set(top, (groups.get(top) || 0) + words);
  }
  const elements = [];
  for (const [el, words] of groups) {
    if (words < MIN_WORDS) continue;
    if (elements.length >= MAX) break;
    elements.push({
      selector: cssPath(el),
      snippet: snippetOf(el),
      words,
      text: el.textContent.replace(/\s+/g, ' ').trim().slice(0, 200),
    });
  }
  return { elements };
}
