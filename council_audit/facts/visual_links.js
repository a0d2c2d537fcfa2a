() => {
  // Links inside running text that nothing but colour tells apart from the text around
  // them (WCAG 1.4.1): no underline, border, background, weight, style, size or font change.
  const CAP = 200;
  const out = { links: 0, in_text: 0, colour_only: [], colour_only_count: 0 };
  const styles = new Map();
  const style = (el) => {
    let s = styles.get(el);
    if (!s) { s = getComputedStyle(el); styles.set(el, s); }
    return s;
  };
  const BLOCK = /^(block|list-item|table|flex|grid|inline-block|flow-root)$|^table-/;
  const blockOf = (el) => {
    let node = el.parentElement;
    while (node && node.parentElement && !BLOCK.test(style(node).display)) node = node.parentElement;
    return node;
  };
  const LINKISH = 'a, [role=link], button, [role=button]';
  const textAround = new Map();
  const hasTextAround = (block) => {
    if (!textAround.has(block)) {
      let letters = 0;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n && letters < 10; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (parent.closest(LINKISH) || /^(SCRIPT|STYLE)$/.test(parent.tagName)) continue;
        if (!parent.checkVisibility()) continue;
        letters += (n.data.match(/[\p{L}\p{N}]/gu) || []).length;
      }
      textAround.set(block, letters >= 10);
    }
    return textAround.get(block);
  };
  const family = (s) => s.fontFamily.split(',')[0].trim().replace(/["']/g, '').toLowerCase();
  const visible = (colour) => !/^(transparent|rgba\(.*,\s*0\))$/.test(colour);
  const edge = (s) => ['top', 'bottom'].some((side) => s.getPropertyValue(`border-${side}-style`) !== 'none'
    && parseFloat(s.getPropertyValue(`border-${side}-width`)) > 0 && visible(s.getPropertyValue(`border-${side}-color`)));
  const backgroundOf = (el) => {
    for (let node = el; node; node = node.parentElement) {
      if (visible(style(node).backgroundColor)) return style(node).backgroundColor;
    }
    return 'rgb(255, 255, 255)';
  };
  const pseudo = (el) => ['::before', '::after'].some((p) => {
    const c = getComputedStyle(el, p).content;
    return c && c !== 'none' && c !== 'normal' && c !== '""';
  });
  // What besides colour marks ``el`` (the link or an element inside it) out from ``text``.
  const cue = (el, text, background) => {
    const s = style(el);
    if (/underline|overline|line-through/.test(s.textDecorationLine)) return 'decoration';
    if (edge(s) || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)) return 'border';
    if (s.boxShadow !== 'none') return 'shadow';
    if (s.backgroundImage !== 'none') return 'background-image';
    if (visible(s.backgroundColor) && s.backgroundColor !== background) return 'background';
    if (Math.abs(parseInt(s.fontWeight, 10) - parseInt(text.fontWeight, 10)) >= 300) return 'weight';
    if (s.fontStyle !== text.fontStyle) return 'style';
    if (Math.abs(parseFloat(s.fontSize) - parseFloat(text.fontSize)) >= 1) return 'size';
    if (family(s) !== family(text)) return 'font';
    if (s.textTransform !== text.textTransform) return 'case';
    return '';
  };
  const links = document.querySelectorAll('a[href], [role=link]');
  for (let i = 0; i < links.length && i < 1500; i += 1) {
    const link = links[i];
    out.links += 1;
    const label = (link.textContent || '').trim();
    if (!label || !link.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    if (BLOCK.test(style(link).display)) continue;
    const block = blockOf(link);
    if (!block || !hasTextAround(block)) continue;
    out.in_text += 1;
    const text = style(block);
    const background = backgroundOf(block);
    const parts = [link, ...link.querySelectorAll('*')].slice(0, 12);
    for (let up = link.parentElement; up && up !== block.parentElement; up = up.parentElement) {
      if (/underline|overline|line-through/.test(style(up).textDecorationLine)) parts.length = 0;
    }
    if (!parts.length) continue;  // an underline on the text around it reaches the link too
    if (parts.some((el) => cue(el, text, background)) || pseudo(link)) continue;
    if (link.querySelector('img, svg')) continue;
    out.colour_only_count += 1;
    if (out.colour_only.length < CAP) {
      out.colour_only.push({
        selector: cssPath(link), snippet: snippetOf(link), colour: style(link).color,
        text_colour: text.color, text_selector: cssPath(block),
      });
    }
  }
  return out;
}
