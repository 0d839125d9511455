// The page every consent manager is measured on: the same article, the same three optional purposes, the
// same gated code. Only the consent manager's own markup (peers.mjs) differs between pages.

/** The purposes every consent manager is configured with (issue #6: an equivalent three-purpose config). */
export const PURPOSES = [
  {
    id: 'analytics',
    dataCategories: ['browsing', 'device'],
    title: 'Audience measurement',
    description: 'Counting visits and page views to learn which collections interest you and to improve navigation.',
  },
  {
    id: 'personalization',
    dataCategories: ['purchase-history', 'preferences'],
    title: 'Personalised recommendations',
    description: 'Suggesting items from your past purchases and the preferences of your account.',
  },
  {
    id: 'marketing',
    dataCategories: ['browsing', 'device'],
    title: 'Targeted advertising',
    description: 'Measuring our campaigns and showing you our items on other websites and social networks.',
  },
];

/** The purpose that every manager treats as always on. */
export const NECESSARY = {
  id: 'necessary',
  title: 'Site operation',
  description: 'Your basket, connection security and remembering your privacy choices.',
};

/** The notice's first sentence, identical across managers. */
export const MESSAGE =
  'We use cookies and similar technologies for audience measurement, personalised recommendations and targeted advertising, only with your consent. You can change your choices at any time.';

/** Where every manager's privacy-policy link points (served by server.mjs). */
export const POLICY_URL = '/privacy.html';

/** Button labels, identical across managers wherever the manager lets them be set. */
export const LABELS = { acceptAll: 'Accept all', rejectAll: 'Reject all', customize: 'Customize' };

/**
 * The body of every gated script: records when the first gated script ran (the returning-visitor metric),
 * how many ran, and when the last one did (the "all gated scripts" metric of the scaling runs).
 */
export const GATED_CODE =
  'window.__gatedRanAt=window.__gatedRanAt||performance.now();window.__gatedN=(window.__gatedN||0)+1;window.__gatedLastAt=performance.now();';

/** The article every page shows: enough text and layout for the banner to have something to cover. */
const ARTICLE = `
<header class="top"><a href="/" class="brand">Maison Lumière</a>
  <nav><a href="#new">New in</a> <a href="#women">Women</a> <a href="#men">Men</a> <a href="#journal">Journal</a></nav></header>
<main>
  <h1>Autumn collection</h1>
  <p class="lede">Wool coats, linen shirts and leather boots, made in small workshops in France and Portugal.</p>
  <ul class="grid">
    ${['Wool coat', 'Linen shirt', 'Leather boots', 'Cashmere scarf', 'Silk blouse', 'Denim jacket']
      .map(
        (name, i) =>
          `<li class="card"><div class="swatch s${i}"></div><h2>${name}</h2><p>${120 + i * 35} €</p><button type="button">Add to basket</button></li>`,
      )
      .join('\n    ')}
  </ul>
  <section id="journal"><h2>From the journal</h2>
    ${Array.from({ length: 4 }, (_, i) => `<p>Entry ${i + 1}: how a coat is cut, pressed and finished by hand takes about two days of work, from the first chalk line on the cloth to the last button. We visit the workshop every season to choose the fabrics with the people who sew them.</p>`).join('\n    ')}
  </section>
</main>
<footer><a href="${POLICY_URL}">Privacy policy</a></footer>`;

/** The page's own styles (not the consent manager's): inline, so they cost every page the same. */
const PAGE_CSS = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#222}
.top{display:flex;justify-content:space-between;padding:1rem 2rem;border-bottom:1px solid #ddd}
main{max-width:60rem;margin:0 auto;padding:1rem 2rem}.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:1rem;list-style:none;padding:0}
.card{border:1px solid #eee;padding:1rem}.swatch{height:6rem;background:#c9b8a6}.s1{background:#9fb3c8}.s2{background:#6b4f3a}.s3{background:#d8c3a5}.s4{background:#e0d6e8}.s5{background:#4a6484}
footer{padding:2rem;text-align:center}`;

/**
 * A whole HTML page: `head` goes after the page's own styles, `gated` (the gated elements) and `tail`
 * (scripts that must follow them) at the end of the body, in that order, for every manager alike.
 */
export function renderPage({ title, head = '', gated = '', tail = '' }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — consent manager benchmark</title>
<style>${PAGE_CSS}</style>
${head}
</head>
<body>
${ARTICLE}
${gated}
${tail}
</body>
</html>
`;
}

/** The privacy page the notices link to. */
export const PRIVACY_PAGE = renderPage({ title: 'Privacy policy' });

/** Lorem-free filler for generated purposes (scaling runs): the length of a real description. */
const FILLER = 'Used for a feature of the shop that needs your data and runs only with your consent.';

/**
 * The purposes of a scaling run: `count` optional purposes, the first three the real ones, then
 * generated ones (`extra-4`, …), so that 3 gives exactly the comparison config.
 */
export function purposesFor(count) {
  const list = PURPOSES.slice(0, count);
  for (let i = list.length + 1; i <= count; i++)
    list.push({ id: `extra-${i}`, dataCategories: ['browsing'], title: `Optional feature ${i}`, description: FILLER });
  return list;
}

/** `count` gated elements spread round-robin over `purposes`, written with `markup(purposeId, code)`. */
export function gatedElements(purposes, count, markup) {
  return Array.from({ length: count }, (_, i) => markup(purposes[i % purposes.length].id, GATED_CODE)).join('\n');
}

/**
 * `count` gated embeds (scaling runs): one paragraph each, then an image, or one time in ten a frame or a
 * video, with its size in attributes, spread over `purposes` and written with `markup(purposeId, tag, i)`.
 */
export function gatedEmbeds(purposes, count, markup) {
  return Array.from({ length: count }, (_, i) => {
    const tag = i % 10 == 0 ? 'iframe' : i % 10 == 1 ? 'video' : 'img';
    return `<p>Item ${i}</p>${markup(purposes[i % purposes.length].id, tag, i)}`;
  }).join('\n');
}
