() => ({
  title: document.querySelector('title') ? document.title : null,
  lang: document.documentElement.getAttribute('lang'),
  dom_nodes: document.getElementsByTagName('*').length,
  text_chars: document.body ? document.body.innerText.length : 0,
  scroll_width: document.documentElement.scrollWidth,
  scroll_height: document.documentElement.scrollHeight,
  // The root element's name; for XML that Chromium shows in its XML viewer, the root
  // of the source document the viewer keeps.
  root: ((src) => (src && src.firstElementChild ? src.firstElementChild.localName
    : document.documentElement && document.documentElement.localName))(
    document.getElementById('webkit-xml-viewer-source-xml')),
  content_type: document.contentType,
  // Shown without its stylesheets: the page links stylesheets, yet the body keeps the
  // browser's own margin and font (none of the page's CSS reached it), as when every
  // stylesheet failed to load. A page that links none looks to visitors as it looks here.
  unstyled: ((body) => {
    if (!body || !document.querySelector('link[rel~="stylesheet" i]')) return false;
    const probe = document.createElement('span');
    probe.style.all = 'initial';
    document.documentElement.appendChild(probe);
    const initialFont = getComputedStyle(probe).fontFamily;
    probe.remove();
    const st = getComputedStyle(body);
    return ['marginTop', 'marginRight', 'marginBottom', 'marginLeft'].every((m) => st[m] === '8px')
      && st.fontFamily === initialFont;
  })(document.body),
})
