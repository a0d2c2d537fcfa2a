() => {
  // Text put on the page by CSS ::before/::after content (WCAG 1.3.1, failure F87): it is
  // lost when styles are off or replaced, and not every assistive technology reads it.
  // When every style sheet can be read, only elements matched by a ::before/::after rule
  // with letters in its content are looked at; otherwise the first MAX_ELEMENTS are.
  const CAP = 200;
  const MAX_ELEMENTS = 4000;
  const out = { elements: 0, truncated: false, from_rules: false, generated: [], generated_count: 0 };
  if (!document.body) return out;
  const HTML = document.body.namespaceURI;
  const QUOTED = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g;
  const ATTR = /attr\(\s*([\w-]+)/g;
  const PSEUDO = /::?(before|after)\b/i;
  const PSEUDOS = /::?(before|after)\b/gi;
  const letters = (text) => (text.match(/[\p{L}\p{N}]/gu) || []).length;
  // The literal text of a ``content`` value: its strings and attr() values (counters are
  // list numbering; url() and icon-font characters carry no letters).
  const textOf = (el, content) => {
    const alt = content.indexOf(' / ');
    const value = alt > -1 ? content.slice(0, alt) : content;
    let text = '';
    for (const m of value.matchAll(QUOTED)) text += (m[1] ?? m[2]).replace(/\\(.)/g, '$1');
    for (const m of value.matchAll(ATTR)) text += (el ? el.getAttribute(m[1]) : 'attr') || '';
    return text.replace(/\s+/g, ' ').trim();
  };

  // Selectors (without the pseudo-element) of rules that may write text; null when a
  // style sheet cannot be read (cross-origin) and every element must be looked at.
  const selectors = [];
  const scan = (rules, depth) => {
    for (const rule of rules) {
      if (rule.selectorText && PSEUDO.test(rule.selectorText)) {
        const content = rule.style.getPropertyValue('content');
        if (content && (content.includes('var(') || letters(textOf(null, content)) >= 2)) {
          for (const part of rule.selectorText.split(',')) {
            if (PSEUDO.test(part)) selectors.push(part.replace(PSEUDOS, '').trim() || '*');
          }
        }
      }
      if (rule.cssRules && depth < 4) scan(rule.cssRules, depth + 1);
      if (rule.styleSheet && !read(rule.styleSheet, depth + 1)) return false;
    }
    return true;
  };
  const read = (sheet, depth) => {
    try { return scan(sheet.cssRules, depth); } catch (e) { return false; }
  };
  const readable = Array.from(document.styleSheets).every((sheet) => read(sheet, 0) !== false);
  let elements;
  if (readable) {
    out.from_rules = true;
    elements = new Set();
    for (const selector of selectors) {
      try { document.body.querySelectorAll(selector).forEach((el) => elements.add(el)); } catch (e) { /* not for querySelector */ }
    }
    elements = Array.from(elements);
  } else {
    elements = Array.from(document.body.getElementsByTagName('*'));
  }
  out.truncated = elements.length > MAX_ELEMENTS;
  for (let i = 0; i < elements.length && i < MAX_ELEMENTS; i += 1) {
    const el = elements[i];
    if (el.namespaceURI !== HTML || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|BR)$/.test(el.tagName)) continue;
    out.elements += 1;
    for (const pseudo of ['::before', '::after']) {
      const s = getComputedStyle(el, pseudo);
      const content = s.content;
      if (!content || content === 'none' || content === 'normal' || content === '""') continue;
      if (s.display === 'none' || s.visibility === 'hidden') continue;
      const text = textOf(el, content);
      if (letters(text) < 2 || !el.checkVisibility({ visibilityProperty: true })) continue;
      out.generated_count += 1;
      if (out.generated.length < CAP) {
        out.generated.push({ selector: cssPath(el), snippet: snippetOf(el), pseudo, text: text.slice(0, 200) });
      }
    }
  }
  return out;
}
