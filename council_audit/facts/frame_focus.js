() => {
  // Frames taken out of the tab order (tabindex="-1") while what they hold can take focus:
  // keyboard users then cannot reach it (WCAG 2.1.1). Only frames we may read (same origin).
  const FOCUSABLE = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, '
    + 'summary, iframe, [contenteditable=""], [contenteditable=true], [tabindex]';
  const modalOpen = (() => { try { return document.querySelector('dialog:modal'); } catch (e) { return null; } })();
  const out = [];
  for (const frame of Array.from(document.querySelectorAll('iframe[tabindex], frame[tabindex]')).slice(0, 50)) {
    if (!(frame.tabIndex < 0) || isHidden(frame) || frame.closest('[inert]')) continue;
    if (modalOpen && !modalOpen.contains(frame)) continue;  // the page behind a modal dialog
    if (frame.clientWidth < 3 || frame.clientHeight < 3) continue;  // a tracking pixel
    let doc = null;
    try { doc = frame.contentDocument; } catch (e) { doc = null; }
    if (!doc || !doc.body) continue;
    const reachable = Array.from(doc.querySelectorAll(FOCUSABLE)).filter((el) =>
      el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0
      && doc.defaultView.getComputedStyle(el).visibility === 'visible');
    if (!reachable.length) continue;
    out.push({ selector: cssPath(frame), snippet: snippetOf(frame), focusable: reachable.length,
      first: reachable[0].outerHTML.slice(0, 200) });
  }
  return out;
}
