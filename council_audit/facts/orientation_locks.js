async () => {
  // Elements turned by a quarter turn in an (orientation: ...) media query: the CSS way
  // of forcing portrait or landscape (WCAG 1.3.4 Orientation).
  let probe = null;  // made only when there is a rotation to measure
  const degrees = (transform) => {
    if (!probe) {
      probe = document.createElement('div');
      probe.style.position = 'absolute';
      (document.body || document.documentElement).appendChild(probe);
    }
    probe.style.transform = '';
    probe.style.transform = transform;
    const m = getComputedStyle(probe).transform;
    if (!m || m === 'none') return 0;
    const v = m.slice(m.indexOf('(') + 1, -1).split(',').map(Number);
    return Math.atan2(v[1], v[0]) * 180 / Math.PI;
  };
  const rotation = (style) => {
    let angle = 0;
    if (style.transform) angle += degrees(style.transform);
    const rotate = (style.rotate || '').trim().split(/\s+/);
    if (rotate[0] && rotate[0] !== 'none') {
      const axis = rotate.slice(0, -1).join(' ');
      if (['', 'z', '0 0 1'].includes(axis)) angle += degrees(`rotate(${rotate[rotate.length - 1]})`);
    }
    return angle;
  };
  const styleRules = [];  // [rule, orientation media text or null]
  const walk = (rules, media) => {
    for (const rule of rules) {
      if (rule.type === CSSRule.STYLE_RULE) styleRules.push([rule, media]);
      else if (rule.type === CSSRule.MEDIA_RULE) {
        const text = rule.media.mediaText;
        const valid = text !== 'not all' && /orientation\s*:\s*(portrait|landscape)/i.test(text);
        walk(rule.cssRules, valid ? text : media);
      } else if (rule.cssRules) walk(rule.cssRules, media);
    }
  };
  for (const sheet of document.styleSheets) {
    try { walk(sheet.cssRules, null); } catch (e) { /* another origin's sheet */ }
  }
  const baseAngle = (el) => {
    let angle = rotation(el.style);
    for (const [rule, media] of styleRules) {
      if (media === null && (rule.style.transform || rule.style.rotate) && el.matches(rule.selectorText)) {
        angle = rotation(rule.style);
      }
    }
    return angle;
  };
  const out = [];
  for (const [rule, media] of styleRules) {
    if (media === null || !(rule.style.transform || rule.style.rotate) || out.length >= 50) continue;
    let targets = [];
    try { targets = Array.from(document.querySelectorAll(rule.selectorText)).slice(0, 20); } catch (e) { continue; }
    for (const el of targets) {
      const turn = rotation(rule.style) - baseAngle(el);
      const off = Math.abs((((turn % 180) + 180) % 180) - 90);
      if (off > 3) continue;
      const tag = el.tagName.toLowerCase();
      out.push({
        selector: cssPath(el), snippet: snippetOf(el).slice(0, 200), media,
        declared: rule.cssText.slice(0, 300), turn: Math.round(turn),
        root: tag === 'html' || tag === 'body' || el.contains(document.body),
        has_text: (el.textContent || '').trim().length > 0,
      });
    }
  }
  if (probe) probe.remove();
  return out;
}
