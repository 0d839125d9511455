// GATED: <script type="text/plain" data-purpose="personalization" src="/js/recommendations.js"> — fills
// the "Recommandé pour vous" block only after the visitor grants "personalization". The "model" is a
// fixed ranking here; a real shop would call its own recommendation service (see the `ai` disclosure in
// demo/consent.json: purchase history + preferences → the order of these items).
(() => {
  const log = window.demoLog || ((source, message) => console.info(`[${source}] ${message}`));
  const fr = document.documentElement.lang !== 'en';

  /** What the ranking model would return for a visitor who bought the linen dress and likes blue. */
  const ranked = [
    { name: fr ? 'Chemise lin Camargue' : 'Camargue linen shirt', price: 95, shape: 'shirt', tone: 'sky' },
    { name: fr ? 'Sandales cuir Riviera' : 'Riviera leather sandals', price: 139, shape: 'shoe', tone: 'sand' },
    { name: fr ? 'Chapeau de paille Arles' : 'Arles straw hat', price: 59, shape: 'hat', tone: 'straw' },
  ];

  const SVG = 'http://www.w3.org/2000/svg';
  /** Same drawings as the product grid, built with DOM calls (no innerHTML, no inline styles). */
  const shapes = {
    shirt: 'M34 18 L44 14 Q50 20 56 14 L66 18 L80 30 L72 40 L66 35 L66 84 L34 84 L34 35 L28 40 L20 30 Z',
    shoe: 'M14 62 Q16 52 28 54 L44 56 Q54 48 62 54 L84 62 Q90 66 86 72 L18 72 Q12 70 14 62 Z',
    hat: 'M14 64 Q50 50 86 64 Q50 76 14 64 Z M32 60 Q34 36 50 34 Q66 36 68 60 Q50 56 32 60 Z',
  };

  function card(item, rank) {
    const li = document.createElement('li');
    li.className = 'product product--compact';
    const art = document.createElement('div');
    art.className = `product__art tone-${item.tone}`;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 100 100');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', shapes[item.shape]);
    path.setAttribute('fill', 'currentColor');
    svg.append(path);
    art.append(svg);
    const title = document.createElement('h3');
    title.className = 'product__name';
    title.textContent = item.name;
    const price = document.createElement('p');
    price.className = 'product__price';
    price.textContent = new Intl.NumberFormat(fr ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(item.price);
    const why = document.createElement('p');
    why.className = 'product__why';
    why.textContent = fr ? `n° ${rank} selon vos achats et préférences` : `#${rank} from your purchases and preferences`;
    li.append(art, title, price, why);
    return li;
  }

  function run() {
    const list = document.getElementById('reco-list');
    const intro = document.getElementById('reco-intro');
    if (!list) return;
    list.replaceChildren(...ranked.map((item, i) => card(item, i + 1)));
    list.hidden = false;
    if (intro)
      intro.textContent = fr
        ? 'Classés par notre modèle à partir de vos achats et préférences (personnalisation acceptée).'
        : 'Ranked by our model from your purchases and preferences (personalisation granted).';
    try {
      sessionStorage.setItem('ml_reco_shown', ranked.map((r) => r.shape).join(','));
    } catch {
      // storage blocked: nothing to remember
    }
    log(
      'personalization',
      fr
        ? 'recommendations.js exécuté : bloc « Recommandé pour vous » rempli (3 articles)'
        : 'recommendations.js ran: "Recommended for you" filled (3 items)',
    );
  }

  // Candor may activate this script while the page is still parsing (a returning visitor).
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
