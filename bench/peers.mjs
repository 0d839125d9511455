// The consent managers under test: for each, the files served under /cm/<id>/, the markup that embeds it
// with the equivalent three-purpose config (page.mjs), its own gating markup, how to find its banner in
// the page, and how to press its "Accept all". Each embed follows the manager's documented snippet.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { candorConfig } from './candor-config.mjs';
import { GATED_CODE, LABELS, MESSAGE, NECESSARY, POLICY_URL, PURPOSES, gatedElements, gatedEmbeds, purposesFor } from './page.mjs';

/** bench/ itself. */
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

/** The repository root, whose dist/ holds Candor's build. */
export const REPO_DIR = resolve(BENCH_DIR, '..');

/** Where npm installed the peers (bench/package.json pins their exact versions). */
const MODULES = join(BENCH_DIR, 'node_modules');

/** The version actually installed, read from the package itself rather than trusted from package.json. */
const installed = (pkg) => JSON.parse(readFileSync(join(MODULES, pkg, 'package.json'), 'utf8')).version;

/** JSON for an inline `<script>`: `<` escaped so no text can close the element. */
const inlineJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');

export { candorConfig };

const stamped = new Map();
/**
 * The config as a site deploys it: stamped by `candor validate --stamp` (the CLI of the Candor build under
 * test), so a first visit does not download the validator.
 */
function candorStamped(count, root) {
  const key = `${root}:${count}`;
  if (!stamped.has(key)) {
    const file = join(mkdtempSync(join(tmpdir(), 'candor-bench-')), 'config.json');
    writeFileSync(file, JSON.stringify(candorConfig(count), null, 2));
    execFileSync(process.execPath, [join(root, 'cli.js'), 'validate', '--stamp', file], { stdio: 'pipe' });
    stamped.set(key, JSON.parse(readFileSync(file, 'utf8')));
  }
  return stamped.get(key);
}

/** An embed in Candor's markup: its source in `data-src` until its purpose is granted. */
const candorEmbed = (id, tag, i) =>
  `<${tag} data-purpose="${id}" data-src="/x/${i}" width="320" height="180"${tag == 'img' ? ` alt="Item ${i}">` : `></${tag}>`}`;

/**
 * Candor's gating markup for a page with `purposes` optional purposes, `gated` gated scripts and `embeds`
 * gated embeds (scaling runs).
 */
const candorGated = (purposes, gated, embeds = 0) =>
  gatedElements(purposesFor(purposes), gated, (id, code) => `<script type="text/plain" data-purpose="${id}">${code}</script>`) +
  (embeds ? '\n' + gatedEmbeds(purposesFor(purposes), embeds, candorEmbed) : '');

/**
 * Candor as docs/contract.md §2 shows it first: candor.js in the head, the config in its own file (`data-config`),
 * stamped by `candor validate --stamp` as the README recommends for production.
 */
const candor = {
  id: 'candor',
  /** Every Candor row serves the same dist/ under /cm/candor/. */
  files: 'candor',
  name: 'Candor',
  version: JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8')).version,
  root: join(REPO_DIR, 'dist'),
  embed: 'dist/candor.js in the head, stamped config fetched from `data-config`',
  render({ purposes = 3, gated = 3, embeds = 0 } = {}) {
    return {
      head: `<script src="/cm/candor/candor.js" data-config="config.json?purposes=${purposes}"></script>`,
      gated: candorGated(purposes, gated, embeds),
    };
  },
  config({ purposes = 3 } = {}) {
    return candorStamped(purposes, this.root);
  },
  findBanner: (d) => {
    const host = d.getElementById('candor');
    return host?.shadowRoot?.querySelector('[role="region"]');
  },
  accept: (page) => page.locator('#candor [role="region"]').getByRole('button', { name: LABELS.acceptAll, exact: true }),
};

/**
 * Candor with the config inline, as every peer here has its config inline in the page: no request before
 * the decision, which is then made while candor.js runs, in the head.
 */
const candorInline = {
  ...candor,
  id: 'candor-inline',
  name: 'Candor (inline config)',
  embed: 'dist/candor.js in the head, stamped config inline (`<script type="application/json" id="candor-config">`)',
  render({ purposes = 3, gated = 3, embeds = 0 } = {}) {
    return {
      head:
        `<script type="application/json" id="candor-config">${inlineJson(candorStamped(purposes, this.root))}</script>\n` +
        '<script src="/cm/candor/candor.js"></script>',
      gated: candorGated(purposes, gated, embeds),
    };
  },
  config: undefined,
};

/**
 * Candor with a config nobody stamped: a first visit also downloads and runs the validator
 * (dist/candor-check.js); a returning visitor does not (the text is remembered as valid).
 */
const candorUnstamped = {
  ...candor,
  id: 'candor-unstamped',
  name: 'Candor (config not stamped)',
  embed: 'dist/candor.js in the head, config (not stamped) fetched from `data-config`',
  config: ({ purposes = 3 } = {}) => candorConfig(purposes),
};

/** vanilla-cookieconsent v3: UMD build + CSS, `CookieConsent.run`, `type="text/plain" data-category`. */
const vanilla = {
  id: 'vanilla-cookieconsent',
  name: 'vanilla-cookieconsent',
  pkg: 'vanilla-cookieconsent',
  embed: 'dist/cookieconsent.umd.js + dist/cookieconsent.css',
  render() {
    const sections = [NECESSARY, ...PURPOSES].map((p) => ({ title: p.title, description: p.description, linkedCategory: p.id }));
    const config = {
      // It hides itself from automated browsers (navigator.webdriver) unless told not to.
      hideFromBots: false,
      categories: Object.fromEntries([[NECESSARY.id, { enabled: true, readOnly: true }], ...PURPOSES.map((p) => [p.id, {}])]),
      language: {
        default: 'en',
        translations: {
          en: {
            consentModal: {
              title: 'Privacy choices',
              description: `${MESSAGE} <a href="${POLICY_URL}">Privacy policy</a>`,
              acceptAllBtn: LABELS.acceptAll,
              acceptNecessaryBtn: LABELS.rejectAll,
              showPreferencesBtn: LABELS.customize,
            },
            preferencesModal: {
              title: 'Privacy preferences',
              acceptAllBtn: LABELS.acceptAll,
              acceptNecessaryBtn: LABELS.rejectAll,
              savePreferencesBtn: 'Save choices',
              closeIconLabel: 'Close',
              sections,
            },
          },
        },
      },
    };
    return {
      head: '<link rel="stylesheet" href="/cm/vanilla-cookieconsent/dist/cookieconsent.css">',
      gated: PURPOSES.map((p) => `<script type="text/plain" data-category="${p.id}">${GATED_CODE}</script>`).join('\n'),
      tail: `<script src="/cm/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>\n<script>CookieConsent.run(${inlineJson(config)});</script>`,
    };
  },
  findBanner: (d) => d.querySelector('#cc-main .cm'),
  accept: (page) => page.locator('#cc-main .cm [data-role="all"]'),
};

/** Klaro: klaro.js (CSS bundled in the JS), `klaroConfig`, `type="text/plain" data-type data-name`. */
const klaro = {
  id: 'klaro',
  name: 'klaro',
  pkg: 'klaro',
  embed: 'dist/klaro.js (CSS inside the JS)',
  render() {
    const config = {
      version: 1,
      elementID: 'klaro',
      storageMethod: 'cookie',
      cookieName: 'klaro',
      default: false,
      mustConsent: false,
      acceptAll: true,
      hideDeclineAll: false,
      hideLearnMore: false,
      lang: 'en',
      translations: {
        en: {
          privacyPolicyUrl: POLICY_URL,
          consentNotice: { description: MESSAGE, learnMore: LABELS.customize },
          ok: LABELS.acceptAll,
          acceptAll: LABELS.acceptAll,
          decline: LABELS.rejectAll,
          purposes: Object.fromEntries(PURPOSES.map((p) => [p.id, { title: p.title, description: p.description }])),
          ...Object.fromEntries(PURPOSES.map((p) => [p.id, { title: p.title, description: p.description }])),
        },
      },
      services: PURPOSES.map((p) => ({ name: p.id, purposes: [p.id] })),
    };
    return {
      head: `<script>var klaroConfig = ${inlineJson(config)};</script>\n<script defer data-config="klaroConfig" src="/cm/klaro/dist/klaro.js"></script>`,
      gated: PURPOSES.map((p) => `<script type="text/plain" data-type="text/javascript" data-name="${p.id}">${GATED_CODE}</script>`).join('\n'),
    };
  },
  findBanner: (d) => d.querySelector('#klaro .cookie-notice:not(.cookie-notice-hidden)'),
  accept: (page) => page.locator('#klaro .cookie-notice .cm-btn-success'),
};

/** tarteaucitron's service types closest to each purpose. */
const TAC_TYPES = { analytics: 'analytic', personalization: 'other', marketing: 'ads' };

/**
 * tarteaucitron: the minified entry, which itself loads lang/tarteaucitron.en.min.js,
 * tarteaucitron.services.min.js and css/tarteaucitron.min.css; one custom service per purpose, queued
 * with `tarteaucitron.job` (its way of gating code: there is no inert-script markup).
 */
const tarteaucitron = {
  id: 'tarteaucitronjs',
  name: 'tarteaucitron',
  pkg: 'tarteaucitronjs',
  embed: 'tarteaucitron.min.js (loads lang/, services and css/ itself)',
  render() {
    const params = {
      privacyUrl: POLICY_URL,
      orientation: 'bottom',
      highPrivacy: true,
      DenyAllCta: true,
      AcceptAllCta: true,
      showAlertSmall: false,
      showIcon: true,
      removeCredit: false,
      mandatory: true,
    };
    const texts = { alertBigPrivacy: MESSAGE, acceptAll: LABELS.acceptAll, denyAll: LABELS.rejectAll, personalize: LABELS.customize };
    const services = PURPOSES.map(
      (p) =>
        `tarteaucitron.services.bench${p.id} = { key: 'bench${p.id}', type: '${TAC_TYPES[p.id]}', name: ${JSON.stringify(p.title)}, needConsent: true, cookies: [], js: function () { 'use strict'; ${GATED_CODE} }, fallback: function () {} };`,
    );
    return {
      head:
        `<script>var tarteaucitronCustomText = ${inlineJson(texts)};</script>\n` +
        '<script src="/cm/tarteaucitronjs/tarteaucitron.min.js"></script>\n' +
        `<script>tarteaucitron.init(${inlineJson(params)});</script>`,
      tail: `<script>\n${services.join('\n')}\n(tarteaucitron.job = tarteaucitron.job || []).push(${PURPOSES.map((p) => `'bench${p.id}'`).join(', ')});\n</script>`,
    };
  },
  findBanner: (d) => d.getElementById('tarteaucitronAlertBig'),
  accept: (page) => page.locator('#tarteaucitronPersonalize2'),
};

/**
 * Osano cookieconsent 3: build/cookieconsent.min.js + CSS, `type: 'opt-in'`. It has one yes/no choice, no
 * categories and no "Customize": its callbacks run all three purposes' code once the visitor allows.
 */
const osano = {
  id: 'cookieconsent',
  name: 'cookieconsent (Osano)',
  pkg: 'cookieconsent',
  embed: 'build/cookieconsent.min.js + build/cookieconsent.min.css',
  render() {
    const options = {
      type: 'opt-in',
      content: { message: MESSAGE, allow: LABELS.acceptAll, deny: LABELS.rejectAll, link: 'Privacy policy', href: POLICY_URL },
    };
    const grant = `function () { if (this.hasConsented()) { ${PURPOSES.map(() => GATED_CODE).join(' ')} } }`;
    return {
      head: '<link rel="stylesheet" href="/cm/cookieconsent/build/cookieconsent.min.css">',
      tail:
        '<script src="/cm/cookieconsent/build/cookieconsent.min.js"></script>\n' +
        `<script>var options = ${inlineJson(options)}; options.onInitialise = options.onStatusChange = ${grant}; window.cookieconsent.initialise(options);</script>`,
    };
  },
  findBanner: (d) => d.querySelector('.cc-window'),
  accept: (page) => page.locator('.cc-window .cc-allow'),
};

/**
 * The page alone: the same article and the same gated markup (inert: nothing ever runs it), no consent
 * manager. It has no banner and nothing to accept; its long tasks and CPU are what every page pays anyway.
 */
const none = {
  id: 'none',
  name: 'no consent manager (the page alone)',
  version: '',
  baseline: true,
  root: join(BENCH_DIR, 'no-files'),
  embed: 'the same page and gated markup, no consent manager',
  render: ({ purposes = 3, gated = 3, embeds = 0 } = {}) => ({ gated: candorGated(purposes, gated, embeds) }),
  findBanner: () => null,
};

for (const peer of [vanilla, klaro, tarteaucitron, osano]) {
  peer.root = join(MODULES, peer.pkg);
  peer.version = installed(peer.pkg);
}

/** Every row of the comparison: Candor's embeds first, then the peers, then the page alone. */
export const PEERS = [candor, candorInline, candorUnstamped, vanilla, klaro, tarteaucitron, osano, none];

/** The one scaling runs use, and the page alone they subtract. */
export const CANDOR = candor;
export const NONE = none;
