// Look and language: equal Accept / Reject buttons (docs/compliance.md B6, B7), readable contrast, small screens and
// 200 % zoom (docs/compliance.md G29, WCAG 1.4.10 Reflow), the French interface (docs/contract.md §5 Language).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEXT, button, customize, dialog, floatingButton, openPage, state, waitBanner, waitNoBanner } from './harness.mjs';

const opts = { timeout: 30_000 };

/**
 * Measure the banner's buttons (by visible text) in the page: computed font, size, padding, colors, and the
 * text contrast against the effective background (every ancestor's background composited over white).
 */
function measureButtons(page, names) {
  return page.evaluate((names) => {
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
    const root = document.getElementById('candor').shadowRoot;
    const region = root.querySelector('[role=region]');
    const out = {};
    for (const name of names) {
      const el = [...region.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
      if (!el) continue;
      const layers = [];
      for (let n = el; n && n.nodeType === 1; n = n.parentElement || n.getRootNode()?.host || null) {
        layers.push(rgba(getComputedStyle(n).backgroundColor));
      }
      let bg = [255, 255, 255];
      for (const layer of layers.reverse()) bg = over(layer, bg);
      const s = getComputedStyle(el);
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
  }, names);
}

/** Reflow facts at the current viewport: horizontal overflow, and whether each button is fully on screen and on top. */
function reflow(page, names, selector = '[role=region]') {
  return page.evaluate(
    ({ names, selector }) => {
      const root = document.getElementById('candor').shadowRoot;
      const scope = root.querySelector(selector);
      const doc = document.documentElement;
      const buttons = {};
      for (const name of names) {
        const el = [...scope.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
        if (!el) {
          buttons[name] = 'missing';
          continue;
        }
        const r = el.getBoundingClientRect();
        const inside = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5;
        const hit = inside && root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        buttons[name] = !inside
          ? `off screen (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)} in ${innerWidth}×${innerHeight})`
          : hit && (hit === el || el.contains(hit))
            ? 'visible'
            : 'covered';
      }
      const box = scope.getBoundingClientRect();
      return {
        pageScrollWidth: doc.scrollWidth,
        viewport: innerWidth,
        scopeOverflow: scope.scrollWidth - scope.clientWidth,
        scopeRight: box.right,
        scopeLeft: box.left,
        buttons,
      };
    },
    { names, selector },
  );
}

test('Accept all, Reject all and Customize look the same; contrast ≥ 4.5:1 (docs/compliance.md B7)', opts, async (t) => {
  const T = TEXT.en;
  const { page, go } = await openPage(t);
  await go('/');
  await waitBanner(page);
  const m = await measureButtons(page, [T.acceptAll, T.rejectAll, T.customize]);
  const accept = m[T.acceptAll],
    reject = m[T.rejectAll],
    custom = m[T.customize];
  assert.ok(accept && reject && custom, 'the three buttons are in the banner');
  assert.equal(reject.fontSize, accept.fontSize, 'same font size');
  assert.equal(reject.fontWeight, accept.fontWeight, 'same font weight');
  assert.ok(Math.abs(reject.height - accept.height) < 1, `same height (${accept.height} vs ${reject.height})`);
  const ratio = Math.max(accept.width, reject.width) / Math.min(accept.width, reject.width);
  assert.ok(ratio <= 1.1, `widths within 10% (${accept.width} vs ${reject.width})`);
  assert.equal(reject.padding, accept.padding, 'same padding');
  // docs/contract.md §5: "buttons Accept all, Reject all, Customize with identical styling and weight".
  for (const key of ['fontSize', 'fontWeight', 'fontFamily', 'background', 'color', 'border', 'padding']) {
    assert.equal(reject[key], accept[key], `Reject all ${key} = Accept all ${key}`);
    assert.equal(custom[key], accept[key], `Customize ${key} = Accept all ${key}`);
  }
  for (const [name, b] of Object.entries(m)) {
    assert.ok(b.contrast >= 4.5, `${name}: text contrast ${b.contrast.toFixed(2)}:1 ≥ 4.5:1 (${b.color} on ${b.background})`);
    assert.ok(b.height >= 24 && b.width >= 24, `${name}: target at least 24×24 px (WCAG 2.5.8)`);
  }
});

test('dark color scheme: the buttons keep contrast ≥ 4.5:1', opts, async (t) => {
  const T = TEXT.en;
  const { page, go } = await openPage(t, { colorScheme: 'dark' });
  await go('/');
  await waitBanner(page);
  const m = await measureButtons(page, [T.acceptAll, T.rejectAll, T.customize]);
  for (const [name, b] of Object.entries(m)) {
    assert.ok(b.contrast >= 4.5, `${name}: contrast ${b.contrast.toFixed(2)}:1 in dark mode (${b.color} on ${b.background})`);
  }
});

// 200 % zoom: a 1280×800 screen zoomed to 200 % lays pages out in a 640×400 CSS-pixel viewport with two device
// pixels per CSS pixel. Chromium's page zoom is exactly that, so a 640×400 viewport with deviceScaleFactor 2
// reproduces the layout, the media queries and the rendering of 200 % zoom (WCAG 1.4.4 / 1.4.10).
const screens = [
  { label: '320 px wide (WCAG 1.4.10 Reflow)', viewport: { width: 320, height: 568 }, deviceScaleFactor: 1 },
  { label: '200 % zoom (640×400 CSS px, deviceScaleFactor 2)', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
];

for (const { label, viewport, deviceScaleFactor } of screens) {
  test(`${label}: no horizontal scroll, Accept all and Reject all both visible`, opts, async (t) => {
    const T = TEXT.en;
    const { page, go } = await openPage(t, { viewport, deviceScaleFactor });
    await go('/');
    await waitBanner(page);
    const r = await reflow(page, [T.acceptAll, T.rejectAll, T.customize]);
    assert.ok(r.pageScrollWidth <= r.viewport, `no horizontal page scroll (scrollWidth ${r.pageScrollWidth} > ${r.viewport})`);
    assert.ok(r.scopeOverflow <= 0 && r.scopeLeft >= 0 && r.scopeRight <= r.viewport + 0.5, `the banner fits the width (${JSON.stringify(r)})`);
    assert.equal(r.buttons[T.acceptAll], 'visible', 'Accept all visible without scrolling');
    assert.equal(r.buttons[T.rejectAll], 'visible', 'Reject all visible without scrolling');

    // The preference center reflows too, and its decision buttons can be reached.
    const d = await customize(page);
    const p = await reflow(page, [T.save, T.acceptAll, T.rejectAll], '[role=dialog]');
    assert.ok(p.pageScrollWidth <= p.viewport, 'no horizontal page scroll with the dialog open');
    assert.ok(p.scopeOverflow <= 0 && p.scopeLeft >= 0 && p.scopeRight <= p.viewport + 0.5, `the dialog fits the width (${JSON.stringify(p)})`);
    await button(d, T.rejectAll).click(); // reachable (Playwright scrolls it into view if needed)
    await d.waitFor({ state: 'hidden' });
    await waitNoBanner(page);
  });
}

test('<html lang="fr"> gives the French interface', opts, async (t) => {
  const T = TEXT.fr;
  const { page, go } = await openPage(t);
  await go('/?lang=fr');
  const region = await waitBanner(page, 'fr');
  for (const name of [T.acceptAll, T.rejectAll, T.customize]) await button(region, name).waitFor();
  assert.equal((await state(page)).language, 'fr');
  assert.match(await region.innerText(), /Mesure d'audience/, 'purpose titles in French');

  const d = await customize(page, 'fr');
  await button(d, T.save).waitFor();
  await d.getByRole('button', { name: T.close, exact: true }).waitFor();
  await d.getByRole('switch', { name: "Mesure d'audience", exact: true }).waitFor();
  await button(d, T.rejectAll).click();
  await dialog(page, 'fr').waitFor({ state: 'hidden' });
  await floatingButton(page).waitFor({ state: 'visible' });
  assert.equal(await floatingButton(page).getAttribute('aria-label'), T.floatingButton);
});

test('a regional page language (fr-CA) falls back to French; an unknown one to the first configured language', opts, async (t) => {
  const { page, go } = await openPage(t);
  await go('/?lang=fr-CA');
  await waitBanner(page, 'fr');
  assert.equal((await state(page)).language, 'fr');
  await go('/?lang=de');
  await waitBanner(page, 'en'); // navigator.languages is en-US here, and "en" is configured
  assert.equal((await state(page)).language, 'en');
});
