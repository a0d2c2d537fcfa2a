const cssPath = (el) => {
  if (el.id && /^-?[A-Za-z_][A-Za-z0-9_-]*$/.test(el.id) && document.querySelectorAll('#' + el.id).length === 1) {
    return '#' + el.id;
  }
  const parts = [];
  let node = el;
  while (node && node.nodeType === 1 && node.tagName.toLowerCase() !== 'html') {
    const parent = node.parentElement;
    if (!parent) break;
    const index = Array.prototype.indexOf.call(parent.children, node) + 1;
    parts.unshift(node.tagName.toLowerCase() + ':nth-child(' + index + ')');
    node = parent;
  }
  return ['html'].concat(parts).join(' > ');
};
// Hidden to everyone: not rendered (itself or an ancestor display:none), visibility
// hidden, or inside [hidden] / aria-hidden="true".
const isHidden = (el) => {
  if (el.closest('[hidden],[aria-hidden="true"]') !== null) return true;
  if (typeof el.checkVisibility === 'function') {
    return !el.checkVisibility({visibilityProperty: true});
  }
  const style = getComputedStyle(el);
  return style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0;
};
const snippetOf = (el) => el.outerHTML.slice(0, 500);
// A short digest of a text, to tell whether two pages or frames show the same words
// (cyrb53 and the length: crypto.subtle is missing on plain-http sites).
const textDigest = (s) => {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761); h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0')
    + ':' + s.length;
};
