/**
 * What `candor init` writes: a complete, valid configuration in English and French for a typical shop,
 * explained by `$comment` fields (JSON has no comments; Candor ignores `$comment` everywhere).
 */

/** Purposes the starter adds for catalog services whose default purpose it does not have. */
const EXTRA_PURPOSES: { [id: string]: object } = {
  media: {
    id: 'media',
    title: { en: 'Embedded videos and maps', fr: 'Vidéos et cartes intégrées' },
    description: {
      en: 'Showing videos and maps from other sites, which then learn that you visit this page.',
      fr: "Afficher des vidéos et des cartes d'autres sites, qui apprennent alors que vous visitez cette page.",
    },
    dataCategories: ['browsing', 'device'],
    retentionDays: 390,
  },
  functional: {
    id: 'functional',
    title: { en: 'Chat and support', fr: 'Discussion et assistance' },
    description: {
      en: 'Features other companies provide for us, such as chat and support.',
      fr: "Des fonctions que d'autres entreprises nous fournissent, comme la discussion et l'assistance.",
    },
    dataCategories: ['identifiers', 'device'],
    retentionDays: 390,
  },
};

/**
 * The starter configuration; `schema` is the path from the new file to candor.schema.json. Each of `services`
 * (catalog entries) goes into the `services` of the purpose named by its default purpose, which then drops its
 * example vendors and cookies; a purpose the starter lacks (`media`, `functional`) is added.
 */
export function starterConfig(schema: string, services: { id: string; purpose: string }[] = []): object {
  const config = starter(schema);
  for (const { id, purpose } of services) {
    let p = config.purposes.find((p) => p.id == purpose);
    if (!p) config.purposes.push((p = { ...(EXTRA_PURPOSES[purpose] || { ...EXTRA_PURPOSES.functional, id: purpose }) }));
    if (!p.services) {
      p.$comment = 'Catalog services (candor services): their vendors, cookies and storage keys are added when you run candor validate --stamp.';
      if (!p.required) {
        delete p.vendors;
        delete p.cookies;
      }
      p.services = [];
    }
    if (!p.services.includes(id)) p.services.push(id);
  }
  return config;
}

function starter(schema: string): { purposes: { [k: string]: any }[]; [k: string]: unknown } {
  return {
    $schema: schema,
    $comment:
      'Candor configuration. Replace the example values, then check the file with: npx candor validate <this file>. Every field is described in the Candor documentation (docs/configuration.md); your editor shows the same help through "$schema".',
    version: '1',
    controller: {
      $comment: 'Who is responsible for the data (GDPR Art. 13): your legal name and how to reach your data protection contact.',
      name: 'Example Shop SAS',
      contact: 'mailto:privacy@example.com',
    },
    policyUrl: '/privacy',
    languages: ['en', 'fr'],
    reaskAfterDays: 182,
    purposes: [
      {
        $comment: 'Strictly necessary: always on, no consent needed — say why in "justification". Keep only what the site cannot work without.',
        id: 'necessary',
        required: true,
        title: { en: 'Essential', fr: 'Essentiel' },
        description: {
          en: 'Your basket, secure sign-in and remembering these choices.',
          fr: 'Votre panier, la connexion sécurisée et la mémorisation de ces choix.',
        },
        justification: {
          en: 'The shop cannot work without them.',
          fr: 'La boutique ne peut pas fonctionner sans.',
        },
        dataCategories: ['identifiers', 'device'],
        cookies: ['candor', 'session'],
      },
      {
        $comment: 'Gate your analytics tags with <script type="text/plain" data-purpose="analytics">. List every cookie so that refusing deletes it.',
        id: 'analytics',
        title: { en: 'Audience measurement', fr: "Mesure d'audience" },
        description: {
          en: 'Counting visits and pages viewed to improve the site.',
          fr: 'Compter les visites et les pages vues pour améliorer le site.',
        },
        dataCategories: ['browsing', 'device'],
        retentionDays: 395,
        vendors: [{ name: 'Matomo', country: 'FR', policyUrl: 'https://matomo.org/privacy-policy/' }],
        cookies: ['_pk_id.*', '_pk_ses.*'],
      },
      {
        $comment:
          'A purpose that uses AI says so: inputs → output, whether data trains models (and who trains them, in a purpose of its own), where to reach a human. "vendors": [] says nobody but you receives the data. If the AI decides something significant on its own, set "automatedDecision": true and add "logic" and "consequences".',
        id: 'personalization',
        title: { en: 'Personalised recommendations', fr: 'Recommandations personnalisées' },
        description: {
          en: 'Suggesting products from what you bought and liked.',
          fr: 'Vous suggérer des produits selon vos achats et vos goûts.',
        },
        dataCategories: ['purchase-history', 'preferences'],
        retentionDays: 365,
        vendors: [],
        ai: {
          summary: {
            en: 'A model ranks products from your purchase history and preferences.',
            fr: "Un modèle classe les produits selon votre historique d'achats et vos préférences.",
          },
          inputs: ['purchase-history', 'preferences'],
          output: { en: 'product ranking', fr: 'classement des produits' },
          trainsModels: false,
          automatedDecision: false,
          humanReview: 'mailto:privacy@example.com',
        },
      },
      {
        $comment:
          'Advertising: turned off by a Global Privacy Control signal ("gpc" below). "googleConsentMode" says which purposes grant each Google Consent Mode type; drop it if you use no Google tags.',
        id: 'marketing',
        title: { en: 'Advertising', fr: 'Publicité' },
        description: {
          en: 'Showing you our ads on other sites and measuring them.',
          fr: "Vous montrer nos publicités sur d'autres sites et les mesurer.",
        },
        dataCategories: ['browsing', 'device', 'identifiers'],
        retentionDays: 390,
        vendors: [{ name: 'Google Ads', country: 'US', policyUrl: 'https://policies.google.com/privacy', transfer: 'dpf' }],
        cookies: ['_gcl_*'],
      },
    ],
    googleConsentMode: {
      analytics_storage: ['analytics'],
      ad_storage: ['marketing'],
      ad_user_data: ['marketing'],
      ad_personalization: ['marketing'],
    },
    gpc: ['marketing'],
  };
}

/**
 * JSON for people: two-space indentation, but short arrays and objects of plain values on one line
 * (`"languages": ["en", "fr"]`, `"title": { "en": "Essential", "fr": "Essentiel" }`).
 */
export function prettyJson(value: unknown, indent = ''): string {
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    const flat = value.every((v) => v === null || typeof v != 'object');
    const oneLine = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (flat && oneLine.length + indent.length < 100) return oneLine;
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value == 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) return '{}';
    const oneLine = `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
    if (entries.every(([, v]) => v === null || typeof v != 'object') && oneLine.length + indent.length < 100) return oneLine;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
