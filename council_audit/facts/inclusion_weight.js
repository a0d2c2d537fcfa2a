() => {
  // How much the page made the browser download, from the Resource Timing API: the
  // document and every resource so far. Bytes are transferSize; where that is 0 (served
  // from cache, or a local server) the encoded, else decoded, body size stands in.
  // Cross-origin resources without Timing-Allow-Origin report no sizes: counted apart.
  const entries = [
    ...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource'),
  ];
  const out = { bytes: 0, requests: entries.length, unmeasured: 0, by_type: {}, largest: [] };
  const sized = [];
  for (const e of entries) {
    const bytes = e.transferSize || e.encodedBodySize || e.decodedBodySize || 0;
    if (!bytes) { out.unmeasured += 1; continue; }
    out.bytes += bytes;
    const type = e.entryType === 'navigation' ? 'document' : e.initiatorType || 'other';
    out.by_type[type] = (out.by_type[type] || 0) + bytes;
    sized.push({ url: e.name.slice(0, 300), type, bytes });
  }
  sized.sort((a, b) => b.bytes - a.bytes);
  out.largest = sized.slice(0, 10);
  // Chromium keeps 250 resource entries unless the page asks for more: later ones are lost.
  out.buffer_full = performance.getEntriesByType('resource').length >= 250;
  return out;
}
