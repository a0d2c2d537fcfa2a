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
