async () => {
  // Things that move, blink or play by themselves (WCAG 2.2.2): long or endless animations
  // and transitions, <blink>, autoplaying video, GIF images; and whether the page has a
  // prefers-reduced-motion rule or a pause/stop control.
  const CAP = 200;
  const shown = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const area = (el) => {
    const r = el.getBoundingClientRect();
    return { width: Math.round(r.width), height: Math.round(r.height) };
  };
  const out = {
    animations: [], animations_count: 0, blink: [], videos: [], gifs: [], gifs_count: 0,
    reduced_motion_rule: false, unreadable_sheets: 0, pause_controls: [],
  };

  // Spinners and skeleton placeholders stand in for content still loading.
  const LOADING = '[aria-busy=true], [role=progressbar], [class*=skeleton i], [class*=loading i],'
    + ' [class*=spinner i], [class*=loader i], [class*=shimmer i], [class*=placeholder i]';
  const seen = new Set();
  for (const anim of document.getAnimations()) {
    const effect = anim.effect;
    const target = effect && effect.target;
    if (!target || anim.playState !== 'running' || !target.isConnected || !shown(target)) continue;
    const timing = effect.getComputedTiming();
    const duration = timing.activeDuration;
    if (!(duration > 5000)) continue;
    const key = cssPath(target) + (effect.pseudoElement || '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.animations_count += 1;
    if (out.animations.length >= CAP) continue;
    const props = new Set();
    for (const frame of effect.getKeyframes()) {
      for (const p of Object.keys(frame)) {
        if (!['offset', 'easing', 'composite', 'computedOffset'].includes(p)) props.add(p);
      }
    }
    out.animations.push({
      selector: cssPath(target), snippet: snippetOf(target), pseudo: effect.pseudoElement || '',
      kind: anim.constructor.name, name: anim.animationName || anim.transitionProperty || anim.id || '',
      infinite: duration === Infinity, duration_ms: duration === Infinity ? null : Math.round(duration),
      loading: target.closest(LOADING) !== null,
      properties: Array.from(props).slice(0, 10), ...area(target),
    });
  }

  for (const el of document.querySelectorAll('blink')) {
    if (shown(el) && out.blink.length < CAP) out.blink.push({ selector: cssPath(el), snippet: snippetOf(el) });
  }
  for (const video of document.querySelectorAll('video')) {
    if (video.paused || !shown(video) || out.videos.length >= CAP) continue;
    out.videos.push({
      selector: cssPath(video), snippet: snippetOf(video), controls: video.controls, loop: video.loop,
      muted: video.muted, duration: Number.isFinite(video.duration) ? Math.round(video.duration) : null,
      ...area(video),
    });
  }
  // GIF images: their bytes (from the browser's cache, same origin or data: only) say
  // how many frames they have, how long one loop lasts and how often it repeats.
  const GIF = /^data:image\/gif|\.gif(?:[?#]|$)/i;
  const GIF_MAX_BYTES = 2000000;
  const GIF_READ = 20;
  const gifFrames = (b) => {
    if (b.length < 13 || b[0] !== 0x47 || b[1] !== 0x49 || b[2] !== 0x46) return null;
    const table = (flags) => (flags & 0x80 ? 3 * (1 << ((flags & 7) + 1)) : 0);
    let p = 13 + table(b[10]);
    let frames = 0, loopMs = 0, delay = 0, loops = null;
    const skipBlocks = () => { while (p < b.length && b[p] !== 0) p += b[p] + 1; p += 1; };
    while (p < b.length) {
      const kind = b[p];
      p += 1;
      if (kind === 0x3b) break;
      if (kind === 0x21) {
        const label = b[p];
        p += 1;
        if (label === 0xf9 && b[p] >= 4) delay = (b[p + 2] | (b[p + 3] << 8)) * 10;
        if (label === 0xff && b[p] === 11) {
          const app = String.fromCharCode(...b.subarray(p + 1, p + 12));
          const q = p + 12;
          if (/^(NETSCAPE2\.0|ANIMEXTS1\.0)$/.test(app) && b[q] >= 3 && b[q + 1] === 1) {
            loops = b[q + 2] | (b[q + 3] << 8);
          }
        }
        skipBlocks();
      } else if (kind === 0x2c) {
        frames += 1;
        loopMs += delay <= 10 ? 100 : delay;  // browsers show 0-10 ms frames for 100 ms
        delay = 0;
        p += 8;
        p += 1 + table(b[p]) + 1;  // packed field, local colour table, LZW code size
        skipBlocks();
      } else {
        break;  // not a block a GIF may hold: stop reading
      }
    }
    return { frames, loop_ms: loopMs, loops };
  };
  const readGif = async (img) => {
    const src = img.currentSrc || img.src;
    const url = new URL(src, document.baseURI);
    if (url.protocol !== 'data:' && url.origin !== location.origin) return { read: 'other-origin' };
    try {
      const res = await fetch(url.href, { cache: 'force-cache', credentials: 'same-origin' });
      if (!res.ok) return { read: `HTTP ${res.status}` };
      if (Number(res.headers.get('content-length') || 0) > GIF_MAX_BYTES) return { read: 'too large' };
      const info = gifFrames(new Uint8Array(await res.arrayBuffer()));
      return info ? { read: 'ok', ...info } : { read: 'not a GIF' };
    } catch (e) {
      return { read: 'fetch failed' };
    }
  };
  let gifsRead = 0;
  for (const img of document.images) {
    if (!GIF.test(img.currentSrc || img.src || '') || !shown(img)) continue;
    if (img.complete && img.naturalWidth === 0) continue;  // not loaded: nothing is shown
    const size = area(img);
    if (size.width < 16 || size.height < 16) continue;  // spacers and tracking pixels
    out.gifs_count += 1;
    if (out.gifs.length >= CAP) continue;
    const bytes = gifsRead < GIF_READ ? await readGif(img) : { read: 'over the cap' };
    gifsRead += 1;
    out.gifs.push({
      selector: cssPath(img), snippet: snippetOf(img), src: (img.currentSrc || img.src).slice(0, 200),
      ...size, ...bytes,
    });
  }

  const scan = (rules, depth) => {
    for (const rule of rules) {
      const media = rule.media ? rule.media.mediaText : rule.conditionText || '';
      if (/prefers-reduced-motion/.test(media)) { out.reduced_motion_rule = true; return; }
      if (rule.cssRules && depth < 4) scan(rule.cssRules, depth + 1);
      if (rule.styleSheet) readSheet(rule.styleSheet, depth + 1);
    }
  };
  const readSheet = (sheet, depth) => {
    if (/prefers-reduced-motion/.test(sheet.media ? sheet.media.mediaText : '')) {
      out.reduced_motion_rule = true;
      return;
    }
    let rules;
    try { rules = sheet.cssRules; } catch (e) { out.unreadable_sheets += 1; return; }
    if (rules && depth < 4) scan(rules, depth);
  };
  for (const sheet of document.styleSheets) {
    if (out.reduced_motion_rule) break;
    readSheet(sheet, 0);
  }

  const CONTROL = /\b(pause|stop|play|freeze)\b/i;
  for (const el of document.querySelectorAll('button, [role=button], input[type=button], [role=switch]')) {
    const name = [el.textContent, el.getAttribute('aria-label'), el.getAttribute('title'), el.value]
      .filter(Boolean).join(' ');
    if (CONTROL.test(name) && shown(el)) {
      out.pause_controls.push(cssPath(el));
      if (out.pause_controls.length >= 20) break;
    }
  }
  return out;
}
