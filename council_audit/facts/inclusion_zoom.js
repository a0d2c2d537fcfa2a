() => {
  // touch-action on the page's outer boxes: without pinch-zoom (none, pan-x, pan-y...)
  // a touch screen cannot be pinched to zoom on them.
  const main = document.querySelector('main, [role=main]');
  const boxes = [];
  for (let el = main; el && el !== document.body; el = el.parentElement) boxes.push(el);
  boxes.push(document.body, document.documentElement);
  return {
    touch_action: boxes.filter(Boolean).map((el) => ({
      selector: cssPath(el), tag: el.tagName.toLowerCase(), value: getComputedStyle(el).touchAction,
      snippet: '<' + el.tagName.toLowerCase() + Array.from(el.attributes, (a) => ` ${a.name}="${a.value}"`).join('') + '>',
    })),
  };
}
