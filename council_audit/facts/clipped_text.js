() => {
  // Text cut off by its box: a box with overflow hidden or clip (up to three levels up)
  // shows part of a text and hides the rest, with no ellipsis or line clamp to say so.
  // Text wholly outside the box (a carousel's other slides) is not counted.
  const CUT = new Set(['hidden', 'clip']);
  const clipperOf = (node) => {
    let box = node.parentElement;
    for (let depth = 0; box && depth < 3; depth += 1, box = box.parentElement) {
      const st = getComputedStyle(box);
      if (CUT.has(st.overflowX) || CUT.has(st.overflowY)) return [box, st];
    }
    return [null, null];
  };
  const cutOff = (node, box, st) => {
    if (box.clientWidth < 2 || box.clientHeight < 2 || isHidden(box)) return null;  // visually hidden
    if (st.webkitLineClamp && st.webkitLineClamp !== 'none') return null;
    const edge = box.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(node);
    let shown = false, cut = null;
    for (const r of range.getClientRects()) {
      if (r.width === 0 || r.height === 0) continue;
      const inside = r.right > edge.left && r.left < edge.right && r.bottom > edge.top && r.top < edge.bottom;
      if (inside) shown = true;
      if (CUT.has(st.overflowY) && (r.bottom > edge.bottom + 1 || r.top < edge.top - 1)) cut = 'vertical';
      else if (CUT.has(st.overflowX) && st.textOverflow !== 'ellipsis'
        && (r.right > edge.right + 1 || r.left < edge.left - 1)) cut = cut || 'horizontal';
    }
    return shown ? cut : null;
  };
  const out = [];
  const done = new Set();
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  let texts = 0;
  while (walker.nextNode() && texts < 3000 && out.length < 100) {
    const node = walker.currentNode;
    if (!node.data.trim()) continue;
    texts += 1;
    const [box, st] = clipperOf(node);
    if (!box || done.has(box)) continue;
    const axis = cutOff(node, box, st);
    if (!axis) continue;
    done.add(box);
    out.push({
      selector: cssPath(box), snippet: snippetOf(box), axis,
      box: [box.clientWidth, box.clientHeight], content: [box.scrollWidth, box.scrollHeight],
    });
  }
  return out;
}
