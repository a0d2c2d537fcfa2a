async () => {
  // Controls whose accessible name is set by aria-label or aria-labelledby, with the
  // text a sighted user sees as their label (for WCAG 2.5.3 Label in Name).
  const NAME_FROM_CONTENT = new Set(['button', 'checkbox', 'gridcell', 'link', 'menuitem',
    'menuitemcheckbox', 'menuitemradio', 'option', 'radio', 'switch', 'tab', 'treeitem']);
  const LABELLABLE = 'input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=reset]):not([type=image]), select, textarea';
  const ICON_FONT = /icon|material symbols|font ?awesome|glyph|fontello|icomoon/i;
  const roleOf = (el) => {
    const explicit = (el.getAttribute('role') || '').trim().split(/\s+/)[0].toLowerCase();
    if (explicit) return explicit;
    const tag = el.tagName.toLowerCase();
    if ((tag === 'a' || tag === 'area') && el.hasAttribute('href')) return 'link';
    if (tag === 'button') return 'button';
    if (tag === 'option') return 'option';
    return '';
  };
  const clippedAway = (el, st) => {
    if (parseFloat(st.opacity) === 0) return true;
    const positioned = st.position === 'absolute' || st.position === 'fixed';
    const clipping = st.overflow !== 'visible' || st.clip !== 'auto' || st.clipPath !== 'none';
    if (!positioned && !clipping) return false;  // no layout read needed
    if (/inset\(\s*50%/.test(st.clipPath)) return true;
    const rect = el.getBoundingClientRect();
    if (clipping && (rect.width <= 1 || rect.height <= 1)) return true;
    return positioned && (rect.right < 0 || rect.bottom < 0);
  };
  // Text as rendered: display:none, visibility:hidden, visually-hidden and off-screen text
  // left out; aria-hidden text kept (it is still seen). Blocks are separated by spaces.
  const seen = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement;
      if (!parent) return '';
      const st = getComputedStyle(parent);
      if (st.visibility !== 'visible' || ICON_FONT.test(st.fontFamily.split(',')[0])) return '';
      return node.data;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    const tag = node.tagName.toLowerCase();
    if (tag === 'br') return ' ';
    if (['script', 'style', 'template', 'noscript', 'select', 'textarea', 'input'].includes(tag)) return '';
    // An SVG's <title> and <desc> are its name and description, never drawn on screen.
    if (node.namespaceURI === 'http://www.w3.org/2000/svg' && ['title', 'desc', 'metadata'].includes(tag)) return '';
    const st = getComputedStyle(node);
    if (st.display === 'none' || clippedAway(node, st)) return '';
    const inner = Array.from(node.childNodes).map(seen).join('');
    return st.display.startsWith('inline') ? inner : ` ${inner} `;
  };
  const byIds = (ids) => ids.split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean)
    .map((ref) => ref.getAttribute('aria-label') || ref.textContent).join(' ');
  const ariaName = (el) => {
    const ids = el.getAttribute('aria-labelledby');
    if (ids && byIds(ids).trim()) return [byIds(ids), 'aria-labelledby'];
    const label = el.getAttribute('aria-label');
    if (label && label.trim()) return [label, 'aria-label'];
    return [null, null];
  };
  const fieldLabelText = (el) => Array.from(el.labels || []).map(seen).join(' ');
  const out = [];
  const candidates = document.querySelectorAll('[aria-label], [aria-labelledby]');
  for (const el of candidates) {
    if (out.length >= 300) break;
    if (isHidden(el)) continue;
    const [name, source] = ariaName(el);
    if (name === null) continue;
    const role = roleOf(el);
    let visible = null;
    let kind = null;
    if (NAME_FROM_CONTENT.has(role)) {
      visible = seen(el);
      kind = 'content';
    } else if (!el.getAttribute('role') && el.matches(LABELLABLE)) {
      visible = fieldLabelText(el);
      kind = 'label';
    }
    if (visible === null || !visible.trim()) continue;
    out.push({ selector: cssPath(el), snippet: snippetOf(el), role: role || el.tagName.toLowerCase(),
      name, source, visible: visible.replace(/\s+/g, ' ').trim(), kind });
  }
  return out;
}
