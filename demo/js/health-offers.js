// GATED: <script type="text/plain" data-purpose="health-offers" src="/js/health-offers.js"> — runs only
// after the visitor's own explicit opt-in to "health-offers": that purpose is `sensitive` (GDPR Art. 9,
// health data inferred from purchases), so "Accept all" never grants it.
(() => {
  const log = window.demoLog || ((source, message) => console.info(`[${source}] ${message}`));
  const fr = document.documentElement.lang !== 'en';

  const offers = fr
    ? ['Pantalon de grossesse en lin : -15 %', 'Veste à fermeture magnétique (mobilité réduite) : -10 %']
    : ['Linen maternity trousers: 15% off', 'Magnetic-closure jacket (reduced mobility): 10% off'];

  function run() {
    const box = document.getElementById('health-offers');
    if (!box) return;
    const list = document.createElement('ul');
    list.className = 'offers';
    for (const text of offers) {
      const item = document.createElement('li');
      item.textContent = text;
      list.append(item);
    }
    const status = box.querySelector('.offers-status');
    if (status)
      status.textContent = fr
        ? 'Affiché car vous avez accepté explicitement les offres santé et maternité.'
        : 'Shown because you explicitly accepted health and maternity offers.';
    box.append(list);
    try {
      localStorage.setItem('ml_health_segment', 'maternity');
    } catch {
      // storage blocked: the offers are still shown for this page view
    }
    log(
      'health-offers',
      fr
        ? 'health-offers.js exécuté : 2 offres santé et maternité affichées (consentement explicite)'
        : 'health-offers.js ran: 2 health and maternity offers shown (explicit consent)',
    );
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
