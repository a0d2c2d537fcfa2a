() => ({
  title: document.querySelector('title') ? document.title : null,
  lang: document.documentElement.getAttribute('lang'),
  dom_nodes: document.getElementsByTagName('*').length,
  text_chars: document.body ? document.body.innerText.length : 0,
  scroll_width: document.documentElement.scrollWidth,
  scroll_height: document.documentElement.scrollHeight,
})
