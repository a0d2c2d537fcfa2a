() => {
  // Form fields, whether each is shown, and the colour of its label; plus the hidden
  // elements near fields (hints, error messages shown only after a mistake).
  const FIELDS = 'input:not([type="hidden" i]):not([type="submit" i]):not([type="button" i])'
    + ':not([type="reset" i]):not([type="image" i]), select, textarea';
  const controls = Array.from(document.querySelectorAll(FIELDS)).slice(0, 300);
  // isHidden looks at the element's own style; a field inside a display:none block has
  // no boxes at all.
  const hiddenField = (el) => isHidden(el) || el.getClientRects().length === 0;
  const fields = controls.map((el) => {
    const label = el.labels && el.labels.length ? el.labels[0] : null;
    return {
      selector: cssPath(el),
      hidden: hiddenField(el),
      label_color: label ? getComputedStyle(label).color : null,
    };
  });
  const scopes = new Set();
  for (const el of controls) {
    const up = el.parentElement && el.parentElement.parentElement;
    const scope = el.closest('form') || (up && up.parentElement) || up || el.parentElement;
    if (scope) scopes.add(scope);
  }
  const hidden = new Set();
  const walk = (el) => {
    for (const child of el.children) {
      if (hidden.size >= 300) return;
      const style = getComputedStyle(child);
      if (style.display === 'none' || style.visibility === 'hidden') hidden.add(cssPath(child));
      else walk(child);
    }
  };
  for (const scope of scopes) walk(scope);
  return { fields, hidden: Array.from(hidden) };
}
