() => {
  // Every link with its accessible name (aria-labelledby, aria-label, content with image
  // alt text and without hidden parts, then title), and the page's in-site links for the
  // run-level broken-link step.
  const MAX_LINKS = 500;
  const MAX_INTERNAL = 300;
  const DOCUMENT = /\.(pdf|docx?|xlsx?|odt|ods|pptx?|csv|rtf)$/i;
  const SKIP = new Set(['script', 'style', 'noscript', 'template']);
  const squash = (text) => (text || '').replace(/\s+/g, ' ').trim();
  const invisible = (el) => {
    const style = getComputedStyle(el);
    return style.display === 'none' || style.visibility === 'hidden' || el.getAttribute('aria-hidden') === 'true';
  };
  const fromContent = (node) => {
    if (node.nodeType === 3) return node.textContent;
    if (node.nodeType !== 1 || invisible(node)) return '';
    const tag = node.tagName.toLowerCase();
    if (SKIP.has(tag)) return '';
    const label = squash(node.getAttribute('aria-label'));
    if (label) return ' ' + label + ' ';
    if (tag === 'img' || tag === 'area' || (tag === 'input' && node.type === 'image')) {
      return ' ' + (node.getAttribute('alt') || '') + ' ';
    }
    if (tag === 'svg') {
      const title = node.querySelector('title');
      return title ? ' ' + title.textContent + ' ' : '';
    }
    let out = '';
    for (const child of node.childNodes) out += fromContent(child);
    return getComputedStyle(node).display.startsWith('inline') ? out : ' ' + out + ' ';
  };
  const byIds = (el, attr) => squash((el.getAttribute(attr) || '').split(/\s+/).map((id) => {
    const ref = id ? document.getElementById(id) : null;
    return ref ? (ref.getAttribute('aria-label') || ref.textContent) : '';
  }).join(' '));
  const nameOf = (el) => {
    const labelled = byIds(el, 'aria-labelledby');
    if (labelled) return [labelled, 'aria-labelledby'];
    const label = squash(el.getAttribute('aria-label'));
    if (label) return [label, 'aria-label'];
    let content = '';
    if (el.tagName.toLowerCase() === 'area') content = el.getAttribute('alt') || '';
    else for (const child of el.childNodes) content += fromContent(child);
    content = squash(content);
    if (content) return [content, 'content'];
    return [squash(el.getAttribute('title')), 'title'];
  };
  const hidden = (el) => {
    if (el.closest('[hidden],[aria-hidden="true"]')) return true;
    if (el.tagName.toLowerCase() === 'area') return false;
    return el.checkVisibility ? !el.checkVisibility({ visibilityProperty: true }) : isHidden(el);
  };
  // The short text around a document link (its list item, its attachment block), up to
  // the first ancestor that also holds a link to somewhere else.
  const context = (el, name) => {
    let node = el.parentElement;
    for (let i = 0; node && i < 4; i += 1, node = node.parentElement) {
      const others = Array.from(node.querySelectorAll('a[href]')).some((a) => a.href !== el.href);
      const text = squash(node.textContent);
      if (others || text.length > 400) return '';
      if (text.length > name.length) return text;
    }
    return '';
  };
  const baseTarget = (document.querySelector('base[target]') || { getAttribute: () => '' }).getAttribute('target');
  const here = location.href.split('#')[0];
  // SVG links keep their address in an SVGAnimatedString; role=link elements have none.
  // A role=link widget that navigates with an inline handler (onclick="location='/x'")
  // goes to that address.
  const SCRIPTED = /location(?:\.href)?\s*=\s*(['"])([^'"]+)\1|location\.(?:assign|replace)\(\s*(['"])([^'"]+)\3/;
  const hrefOf = (el) => {
    const scripted = el.getAttribute('role') === 'link' && !el.hasAttribute('href')
      ? SCRIPTED.exec(el.getAttribute('onclick') || '') : null;
    const raw = scripted ? (scripted[2] || scripted[4])
      : typeof el.href === 'string' ? el.href : (el.getAttribute('href') || el.getAttribute('xlink:href') || '');
    try { return raw ? new URL(raw, document.baseURI).href : ''; } catch (e) { return ''; }
  };
  const all = document.querySelectorAll('a[href], area[href], [role="link"]');
  const links = [];
  const internal = [];
  for (const el of all) {
    let url = null;
    try { url = new URL(hrefOf(el)); } catch (e) { url = null; }
    const web = url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
    const real = el.hasAttribute('href') || el.hasAttribute('xlink:href');
    if (real && web && url.origin === location.origin && url.href.split('#')[0] !== here && internal.length < MAX_INTERNAL) {
      internal.push({ url: url.href, selector: cssPath(el), snippet: el.outerHTML.slice(0, 300) });
    }
    if (links.length >= MAX_LINKS) continue;
    const [name, source] = nameOf(el);
    const target = (el.getAttribute('target') ?? baseTarget ?? '').trim().toLowerCase();
    const isDocument = web && DOCUMENT.test(url.pathname);
    links.push({
      href: hrefOf(el),
      name,
      name_from: source,
      description: byIds(el, 'aria-describedby') || (source === 'title' ? '' : squash(el.getAttribute('title'))),
      context: isDocument ? context(el, name) : '',
      target,
      window_open: /window\.open\s*\(/.test(el.getAttribute('onclick') || ''),
      hidden: hidden(el),
      selector: cssPath(el),
      snippet: el.outerHTML.slice(0, 300),
    });
  }
  return { links, internal, count: all.length };
}
