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
})
