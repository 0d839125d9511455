// How the interface looks, measured the same way in Chromium's suite (layout.test.mjs, floating-label.test.mjs) and
// in every engine (test/engines/flows.mjs): equal banner buttons with readable text (docs/compliance.md B6, B7),
// reflow at 320 px (WCAG 1.4.10), the floating button's label inside its 44 × 44 px target (WCAG 2.5.8).
// The functions marked "page side" run in the page: they are serialized, so they use nothing from outside.
import assert from 'node:assert/strict';

/**
 * Page side. The banner's buttons (by visible text), in the page or the iframe whose id is `frame`: computed font,
 * size, padding, colors, and the text contrast against the effective background (every ancestor's background
 * composited over white).
 */
export function measureButtons(names, frame = null) {
  const w = frame ? document.getElementById(frame).contentWindow : window;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  /** Any CSS color (rgb(), oklch(), color-mix() results…) → [r, g, b, a] through the canvas. */
  const rgba = (color) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const root = w.document.getElementById('candor').shadowRoot;
  const region = root.querySelector('[role=region]');
  const out = {};
  for (const name of names) {
    const el = [...region.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
    if (!el) continue;
    const layers = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement || n.getRootNode()?.host || null) {
      layers.push(rgba(w.getComputedStyle(n).backgroundColor));
    }
    let bg = [255, 255, 255];
    for (const layer of layers.reverse()) bg = over(layer, bg);
    const s = w.getComputedStyle(el);
    const fg = over(rgba(s.color), bg);
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const r = el.getBoundingClientRect();
    out[name] = {
      fontSize: s.fontSize,
      fontWeight: s.fontWeight,
      fontFamily: s.fontFamily,
      padding: [s.paddingTop, s.paddingRight, s.paddingBottom, s.paddingLeft].join(' '),
      background: s.backgroundColor,
      color: s.color,
      border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
      width: r.width,
      height: r.height,
      contrast: (l1 + 0.05) / (l2 + 0.05),
    };
  }
  return out;
}

/**
 * The banner's Accept all, Reject all and Customize (`m`: measureButtons' answer) look the same (docs/contract.md §5:
 * "identical styling and weight"), their text is readable (≥ 4.5:1) and each is a target of at least 44 × 44 px.
 */
export function assertSameLook(m, T, where = '') {
  const accept = m[T.acceptAll],
    reject = m[T.rejectAll],
    custom = m[T.customize];
  assert.ok(accept && reject && custom, `the three buttons are in the banner${where}`);
  assert.ok(Math.abs(reject.height - accept.height) < 1, `same height${where} (${accept.height} vs ${reject.height})`);
  const ratio = Math.max(accept.width, reject.width) / Math.min(accept.width, reject.width);
  assert.ok(ratio <= 1.1, `widths within 10%${where} (${accept.width} vs ${reject.width})`);
  for (const key of ['fontSize', 'fontWeight', 'fontFamily', 'background', 'color', 'border', 'padding']) {
    assert.equal(reject[key], accept[key], `Reject all ${key} = Accept all ${key}${where}`);
    assert.equal(custom[key], accept[key], `Customize ${key} = Accept all ${key}${where}`);
  }
  for (const [name, b] of Object.entries(m)) {
    assert.ok(b.contrast >= 4.5, `${name}: text contrast ${b.contrast.toFixed(2)}:1 ≥ 4.5:1${where} (${b.color} on ${b.background})`);
    assert.ok(b.height >= 44 && b.width >= 44, `${name}: a target of at least 44 × 44 px${where} (${b.width} × ${b.height})`);
  }
}

/**
 * Page side. Reflow facts of Candor's `selector` (the banner's region, the dialog) in the viewport of the page, or of
 * the iframe whose id is `frame`: horizontal overflow, and where each control stands — the buttons named `names`, or
 * every visible button and link. A control is 'visible' (on screen and on top), or with `scroll` 'reachable' once
 * scrolled into view (else 'off screen (…)', 'covered' or 'missing').
 */
export function reflow({ selector = '[role=region]', names = null, frame = null, scroll = false }) {
  const w = frame ? document.getElementById(frame).contentWindow : window;
  const root = w.document.getElementById('candor').shadowRoot;
  const scope = root.querySelector(selector);
  const doc = w.document.documentElement;
  const label = (b) => (b.getAttribute('aria-label') || b.textContent.trim() || b.getAttribute('role') || '').replace(/\s+/g, ' ').slice(0, 40);
  const shown = (el) => el.getClientRects().length > 0 && w.getComputedStyle(el).visibility != 'hidden';
  const where = (el) => {
    const r = el.getBoundingClientRect();
    const inside = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= w.innerWidth + 0.5 && r.bottom <= w.innerHeight + 0.5;
    const first = el.getClientRects()[0]; // a link's first line: its box's middle can fall between two lines
    const hit = inside && root.elementFromPoint(first.left + first.width / 2, first.top + first.height / 2);
    return !inside
      ? `off screen (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)} in ${w.innerWidth}×${w.innerHeight})`
      : hit && (hit === el || el.contains(hit))
        ? 'visible'
        : 'covered';
  };
  const box = scope.getBoundingClientRect();
  const facts = {
    pageScrollWidth: doc.scrollWidth,
    viewport: w.innerWidth,
    scopeOverflow: scope.scrollWidth - scope.clientWidth,
    scopeRight: box.right,
    scopeLeft: box.left,
    buttons: {},
  };
  const controls = names
    ? names.map((name) => [name, [...scope.querySelectorAll('button')].find((b) => b.textContent.trim() === name)])
    : [...scope.querySelectorAll('button, a[href]')].filter(shown).map((el, i) => [`${i + 1}. ${label(el)}`, el]);
  for (const [name, el] of controls) {
    let at = el ? where(el) : 'missing';
    if (el && scroll && at != 'visible') {
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      at = where(el) == 'visible' ? 'reachable' : `${at}, then ${where(el)} scrolled into view`;
    }
    facts.buttons[name] = at;
  }
  return facts;
}

/** No horizontal scroll and `what` within the width (`r`: reflow's answer). */
export function assertFits(r, what) {
  assert.ok(r.pageScrollWidth <= r.viewport, `no horizontal page scroll with the ${what} (scrollWidth ${r.pageScrollWidth} > ${r.viewport})`);
  assert.ok(r.scopeOverflow <= 0 && r.scopeLeft >= 0 && r.scopeRight <= r.viewport + 0.5, `the ${what} fits the width (${JSON.stringify(r)})`);
}

/** Page side. The floating button and its label's text (the button's last child), in the page or the iframe `frame`. */
export function measureFloatingLabel(frame = null) {
  const w = frame ? document.getElementById(frame).contentWindow : window;
  const el = w.document.querySelector('[data-candor-button]')?.shadowRoot?.querySelector('button');
  if (!el?.getClientRects().length) return null;
  const range = w.document.createRange();
  range.selectNodeContents(el.lastChild);
  const r = (b) => ({ left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width, height: b.height });
  return { box: r(el.getBoundingClientRect()), text: r(range.getBoundingClientRect()), lines: range.getClientRects().length, viewport: w.innerWidth };
}

/**
 * A long floating label (`m`: measureFloatingLabel's answer) wraps inside the button, never past its edges (nor
 * touching them) nor off the screen, and the button stays a target of at least 44 × 44 px; where it fits (1280 px),
 * one line, 44 px high.
 */
export function assertFloatingLabel(m, width) {
  const { box, text } = m;
  assert.ok(box.width >= 44 && box.height >= 44, `a 44 × 44 target at least: ${JSON.stringify(box)}`);
  assert.ok(box.left >= 0 && box.right <= m.viewport, `on the screen: ${JSON.stringify(m)}`);
  for (const side of ['left', 'top']) assert.ok(text[side] >= box[side], `the label inside the button (${side}): ${JSON.stringify(m)}`);
  for (const side of ['right', 'bottom']) assert.ok(text[side] <= box[side], `the label inside the button (${side}): ${JSON.stringify(m)}`);
  // Not touching the edges either: the first and last lines keep a gap to the top and bottom, the lines to the end.
  for (const [gap, side] of [
    [text.top - box.top, 'top'],
    [box.bottom - text.bottom, 'bottom'],
    [box.right - text.right, 'right'],
  ])
    assert.ok(gap >= 4, `a gap of ${gap} px between the label and the button's ${side}: ${JSON.stringify(m)}`);
  if (width >= 1280) assert.deepEqual([box.height, m.lines], [44, 1], `one line where it fits: ${JSON.stringify(m)}`);
  else assert.ok(m.lines > 1, `wrapped: ${JSON.stringify(m)}`);
}
