() => {
  // What covers the page when it has loaded: fixed or sticky boxes and open modal
  // dialogs, with the share of the viewport each covers, and whether it looks like a
  // cookie or consent banner.
  const MAX_ELEMENTS = 8000;
  const HINT = /cookie|consent|gdpr|privacy (settings|preferences|choices)/i;
  const vw = document.documentElement.clientWidth || window.innerWidth;
  const vh = document.documentElement.clientHeight || window.innerHeight;
  const out = { viewport: { width: vw, height: vh }, overlays: [] };
  if (!document.body) return out;
  const covered = (el) => {
    const r = el.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0));
    const h = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
    return (w * h) / (vw * vh);
  };
  const cookieLike = (el) => {
    const words = [el.id, el.className && el.className.baseVal === undefined ? el.className : '',
      el.getAttribute('aria-label'), (el.innerText || '').slice(0, 600)].join(' ');
    return HINT.test(words) || el.querySelector('[id*=cookie i], [class*=cookie i], [id*=consent i], [class*=consent i]') !== null;
  };
  const insideAnother = (el) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (candidates.has(up)) return true;
    return false;
  };
  const candidates = new Set(document.querySelectorAll('[aria-modal=true], dialog[open]'));
  const all = document.body.getElementsByTagName('*');
  for (let i = 0; i < all.length && i < MAX_ELEMENTS; i += 1) {
    const position = getComputedStyle(all[i]).position;
    if (position === 'fixed' || position === 'sticky') candidates.add(all[i]);
  }
  for (const el of candidates) {
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    if (insideAnother(el)) continue;
    const share = covered(el);
    const modal = el.getAttribute('aria-modal') === 'true' || el.matches('dialog:modal');
    if (share < 0.05 && !modal) continue;
    out.overlays.push({
      selector: cssPath(el), snippet: snippetOf(el), position: getComputedStyle(el).position,
      coverage: Math.round(share * 1000) / 1000, modal, cookie: cookieLike(el),
    });
    if (out.overlays.length >= 50) break;
  }
  return out;
}
