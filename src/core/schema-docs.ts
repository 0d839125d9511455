/**
 * What every configuration field means, for the people who write the file: a description, an example,
 * the default and the rule behind it. Keyed by path — `purposes[].ai.humanReview` (`[]`: any entry of an
 * array, `*`: any key of a map). scripts/schema.mjs puts these into dist/candor.schema.json (editor help)
 * and docs/configuration.md; test/schema.test.ts checks that every field of src/core/schema.ts has an
 * entry here and every entry a field. Only the CLI imports this file: it never reaches a browser bundle.
 */
import { LANGUAGES } from '../languages';

/** The documentation of one field. */
export interface FieldDoc {
  /** What the field means and how Candor uses it, in plain language. */
  description: string;
  /** A realistic value (it must itself be valid). */
  example: unknown;
  /** The value Candor uses when the field is absent. */
  default?: unknown;
  /** The requirement behind the field or its check: GDPR, ePrivacy, CNIL, EDPB, AI Act, CSP, ... */
  rule?: string;
}

const CONSENT_MODE =
  "Google Consent Mode v2 (docs/compliance.md F24): each decision sends `gtag('consent', 'update', …)`; before the configuration is read every type but `security_storage` is denied.";

/** Text that is a string, or a map language → string. */
const TEXT = 'A string, or one string per language: `{"en": "…", "fr": "…"}`.';

/** Every documented field, by path. */
export const DOCS: { [path: string]: FieldDoc } = {
  '': {
    description: 'A Candor configuration: who you are, what each purpose does with visitor data, and how the banner behaves.',
    example: {
      version: '2026-11',
      controller: { name: 'Maison Lumière SAS' },
      policyUrl: '/privacy',
      purposes: [{ id: 'analytics', title: 'Audience measurement', description: 'Counts visits to improve the site.', dataCategories: ['browsing'] }],
    },
    rule: 'GDPR Art. 7 and 13, ePrivacy Art. 5(3), CNIL recommendation 2020-092',
  },
  $schema: {
    description: 'Where your editor finds this schema (help, autocomplete, errors as you type). Ignored by Candor.',
    example: './node_modules/candor/dist/candor.schema.json',
  },
  $comment: {
    description: 'A note for the people who maintain this file (JSON has no comments). Allowed in every object; ignored by Candor.',
    example: 'Reviewed with our DPO on 2026-10-02.',
  },
  $validated: {
    description:
      'Written by `candor validate --stamp`, not by hand: a hash of the rest of this file and of the Candor build that validated it. While it matches, browsers skip downloading the validator; after any edit, or with another Candor build, they simply validate again. Top level only.',
    example: '1m3k2xq8k4',
  },

  version: {
    description:
      'The revision of this notice. Change it whenever the purposes or their texts change meaningfully: every visitor is asked again, and receipts record which version they agreed to. One line, without control characters (tabs, line feeds) or half of a UTF-16 surrogate pair.',
    example: '2026-11',
    rule: 'GDPR Art. 7(1): consent must be demonstrable for the notice actually shown (docs/compliance.md D15, D18)',
  },
  controller: {
    description: 'Who is responsible for the processing (the data controller), shown on the banner.',
    example: { name: 'Maison Lumière SAS', contact: 'mailto:dpo@example.com' },
    rule: 'GDPR Art. 13(1)(a): identity and contact details of the controller (docs/compliance.md C11)',
  },
  'controller.name': {
    description: 'The legal name of the controller, as visitors should read it.',
    example: 'Maison Lumière SAS',
    rule: 'GDPR Art. 13(1)(a)',
  },
  'controller.contact': {
    description: 'How to reach the controller or its data protection officer: a `mailto:` address, an `https:` page, or a path on this site.',
    example: 'mailto:dpo@example.com',
    rule: 'GDPR Art. 13(1)(b): contact details of the data protection officer',
  },
  policyUrl: {
    description: 'Your privacy policy, linked from the banner: an `https:` URL or a path on this site (`/privacy`).',
    example: '/privacy',
    rule: 'CNIL 2020-092: a link to the full information before the choice (docs/compliance.md C11)',
  },
  languages: {
    description: `The languages your texts are written in. The banner uses the page language when it is listed, else the visitor's browser language, else the first one. Candor's own buttons and labels are built in for ${LANGUAGES.join(', ')}; a regional code (\`de-AT\`) uses its language's. Another language (\`ar\`, \`he\`) needs every text in \`texts\`. A language written right to left (in the script its code names, \`ku-Arab\`, else the one it is usually written in: Arabic, Hebrew, Persian, Urdu, Kashmiri, Pashto, Sindhi, Uyghur, Yiddish, Dhivehi, Sorani Kurdish, Syriac, \`pa-PK\`; not \`ar-Latn\`) turns the banner, the preference center, the floating button and the embed placeholders right to left: their text, controls and arrows, not their positions (the box's corner, the floating button bottom left). Without it, \`["en", "fr"]\`, or only \`language\` when that is set.`,
    example: ['fr', 'en'],
    default: ['en', 'fr'],
    rule: 'EDPB 05/2020: information in the language of the audience (docs/compliance.md B10)',
  },
  language: {
    description: 'Force one language whatever the page or browser says. It must be among `languages` (without `languages`, it is the only one).',
    example: 'fr',
  },
  reaskAfterDays: {
    description:
      'After how many days a decision (accept or refusal) is asked again. At most 395 days (13 months). Under 182 the validator warns: a refusal would be asked again before six months.',
    example: 182,
    default: 182,
    rule: 'CNIL 2020-092: keep choices, a refusal included, about six months; never longer than 13 months (docs/compliance.md D14, I39)',
  },
  floatingButton: {
    description:
      'Show a small "Privacy settings" button after a decision, so visitors can change their mind at any time. Turn it off only if every page has another visible link with `data-candor-open`.',
    example: true,
    default: true,
    rule: 'GDPR Art. 7(3): withdrawing must be as easy as giving consent (docs/compliance.md D16)',
  },
  closeButton: {
    description:
      'Add a "Continue without accepting" control to the banner. Using it refuses every optional purpose and is recorded as such (method `dismiss`).',
    example: false,
    default: false,
    rule: 'CNIL 2020-092: closing the banner must count as a refusal (docs/compliance.md A4)',
  },
  floatingLabel: {
    description:
      'Show the floating button\'s label ("Privacy settings") as visible text beside its shield icon, not only as a tooltip. Its accessible name stays the label. A long label wraps: the button grows taller, within the screen.',
    example: true,
    default: false,
    rule: 'GDPR Art. 7(3): the way to withdraw is easy to find (docs/compliance.md D16)',
  },
  layout: {
    description:
      "The banner's form: `bar` (across the page, the default), `box` (a card in a corner) or `modal` (centered over the page, which waits for the choice; Reject all stays one click away and nothing stays blocked after any choice).",
    example: 'box',
    default: 'bar',
  },
  position: {
    description:
      'Where the banner sits: `bottom` (default) or `top` for the bar, `bottom-right` (default) or `bottom-left` for the box. The modal is always centered.',
    example: 'bottom-left',
  },
  withdrawHint: {
    description:
      'With `floatingButton: false`, where the site\'s own way back to the settings is (a link with `data-candor-open` on every page), completing the banner\'s sentence "You can change or withdraw your choices at any time with …". Without it the validator warns.',
    example: { en: 'the “Cookie settings” link at the bottom of every page', fr: 'le lien «\u00a0Gestion des cookies\u00a0» en bas de chaque page' },
    rule: 'GDPR Art. 7(3): the visitor is told how to withdraw before deciding (docs/compliance.md D16)',
  },
  cookieDomain: {
    description:
      'The domain of the `candor` cookie, to share one decision across subdomains (`example.com` covers `shop.example.com`). Leave it out to keep the cookie on this host only. On a host outside it (the site run on `localhost`, a staging host) the cookie is host-only, as browsers refuse another domain. Adding, changing or removing it later is safe: the next decision deletes the copies left on this host and its parent domains.',
    example: 'example.com',
  },

  dataCategories: {
    description:
      'Your own data categories, in addition to the built-in ones (demographics, contact, address, age, location, purchase-history, browsing, preferences, device, communications, identifiers, financial, and the special categories health, ethnicity, religion, politics, sexual-orientation, biometric, genetic, trade-union).',
    example: [{ id: 'loyalty-tier', label: { en: 'Loyalty tier', fr: 'Niveau de fidélité' } }],
    default: [],
  },
  'dataCategories[].id': {
    description: 'The id purposes use to refer to this category: lowercase letters, digits and `-`. It must not be a built-in id.',
    example: 'loyalty-tier',
  },
  'dataCategories[].label': {
    description: 'What visitors read for this category. ' + TEXT,
    example: { en: 'Loyalty tier', fr: 'Niveau de fidélité' },
  },

  purposes: {
    description:
      'What you use visitor data for, one entry per choice the visitor can make. At least one and at most 100, and a decision granting every optional purpose must fit the `candor` cookie in 4,000 bytes, counting the ids of required purposes and the language codes too, which every receipt lists (keep ids short); the order is the order on screen.',
    example: [
      { id: 'analytics', title: 'Audience measurement', description: 'Counts visits to improve the site.', dataCategories: ['browsing', 'device'] },
    ],
    rule: 'GDPR Art. 6(1)(a), EDPB 05/2020: consent is specific to each purpose (docs/compliance.md C13)',
  },
  'purposes[].id': {
    description:
      'The purpose\'s id, used in `data-purpose="…"`, the JavaScript API, the cookie and the receipts: lowercase letters, digits and `-`, unique. Renaming it loses the choices already made.',
    example: 'analytics',
  },
  'purposes[].title': {
    description: "The short name visitors see next to the switch (also the switch's accessible name). " + TEXT,
    example: { en: 'Audience measurement', fr: "Mesure d'audience" },
    rule: 'CNIL 2020-092: each purpose named before the choice (docs/compliance.md C11)',
  },
  'purposes[].description': {
    description: 'One or two plain sentences: what is done with the data and why. ' + TEXT,
    example: {
      en: 'Counts visits and pages viewed to improve navigation.',
      fr: 'Compte les visites et les pages vues pour améliorer la navigation.',
    },
    rule: 'GDPR Art. 13(1)(c), EDPB 05/2020: consent must be informed',
  },
  'purposes[].required': {
    description:
      'Always on and cannot be refused: only for what is strictly necessary to provide the service the visitor asked for (basket, security, remembering this choice). Say why in `justification`.',
    example: true,
    default: false,
    rule: 'ePrivacy Art. 5(3), CNIL 2020-092: only strictly necessary trackers are exempt from consent',
  },
  'purposes[].sensitive': {
    description:
      'The purpose uses special-category data (health, religion, …): it is never granted by "Accept all" and needs its own explicit opt-in, a statement naming the category and the purpose that the visitor ticks before its switch counts. Required when `dataCategories` lists a special category.',
    example: true,
    default: false,
    rule: 'GDPR Art. 9(2)(a): explicit consent for special categories (docs/compliance.md E22, E43)',
  },
  'purposes[].justification': {
    description: 'For a `required` purpose: why it is strictly necessary, shown next to its locked switch. ' + TEXT,
    example: { en: 'The basket and checkout cannot work without it.', fr: 'Le panier et le paiement ne fonctionnent pas sans.' },
    rule: 'CNIL 2020-092: strictly necessary trackers must be justified',
  },
  'purposes[].dataCategories': {
    description: 'Which categories of data the purpose uses: built-in ids or the ids of your own `dataCategories`.',
    example: ['browsing', 'device'],
    rule: 'GDPR Art. 13, CNIL 2020-092: visitors must know what is collected (docs/compliance.md C12)',
  },
  'purposes[].retentionDays': {
    description: 'How many days the data is kept. Cookies should not live longer than 395 days (13 months). An optional purpose without it warns.',
    example: 395,
    rule: 'GDPR Art. 13(2)(a): the storage period; CNIL 2020-092: trackers at most 13 months (docs/compliance.md C12)',
  },
  'purposes[].vendors': {
    description:
      'Who receives the data (your processors and partners). An empty list says that nobody but you does (the second layer says so); leaving it out makes an optional purpose warn.',
    example: [{ name: 'Matomo', country: 'FR', policyUrl: 'https://matomo.org/privacy-policy/' }],
    rule: 'GDPR Art. 13(1)(e): the recipients (docs/compliance.md C12)',
  },
  'purposes[].vendors[].name': {
    description: "The recipient's name.",
    example: 'Matomo',
  },
  'purposes[].vendors[].country': {
    description: 'Where the recipient processes the data: an ISO 3166-1 two-letter country code in capitals.',
    example: 'FR',
    rule: 'GDPR Art. 13(1)(f): transfers outside the EU must be disclosed',
  },
  'purposes[].vendors[].policyUrl': {
    description: "The recipient's privacy policy: an `https:` URL.",
    example: 'https://matomo.org/privacy-policy/',
  },
  'purposes[].vendors[].transfer': {
    description:
      'For a recipient outside the EEA (the 27 EU countries, Iceland, Liechtenstein, Norway), the safeguard of the transfer, shown next to the recipient: `adequacy` (the country has an EU adequacy decision, e.g. CH, GB, JP), `scc` (standard contractual clauses) or `dpf` (the recipient is certified under the EU-US Data Privacy Framework; US only). The validator warns when a recipient outside the EEA has none, and refuses any other value.',
    example: 'scc',
    rule: 'GDPR Art. 13(1)(f), 45 and 46(2)(c): transfers outside the EEA and their safeguards (docs/compliance.md E42)',
  },
  'purposes[].cookies': {
    description:
      'Names of the cookies this purpose sets; `*` matches any run of characters. Shown to visitors, and deleted when the purpose is refused or withdrawn.',
    example: ['_pk_id.*', '_pk_ses.*'],
    rule: 'CNIL 2025 SHEIN sanction: refusing must stop and remove trackers (docs/compliance.md A2, D17)',
  },
  'purposes[].storageKeys': {
    description:
      'localStorage / sessionStorage keys this purpose sets; `*` matches any run of characters. Deleted when the purpose is refused or withdrawn.',
    example: ['matomo_*'],
    rule: 'ePrivacy Art. 5(3) covers every storage on the device, not only cookies (docs/compliance.md A2)',
  },
  'purposes[].services': {
    description:
      'Ids of the vendor catalog (`candor services`): each adds its vendor to `vendors` and its patterns to `cookies` and `storageKeys`; what the purpose writes itself wins. `candor validate --stamp` writes them out.',
    example: ['posthog', 'youtube'],
  },
  'purposes[].ai': {
    description: 'How this purpose uses AI. Shows an "AI" badge and an inputs → output summary before the switch.',
    example: { summary: 'A model ranks products for you.', inputs: ['purchase-history'], output: 'product ranking' },
    rule: 'AI Act Art. 50 (transparency), GDPR Art. 13(2)(f) (docs/compliance.md E21)',
  },
  'purposes[].ai.summary': {
    description: 'What the AI does, in one plain sentence. ' + TEXT,
    example: { en: 'A model ranks products from what you bought and liked.', fr: 'Un modèle classe les produits selon vos achats et vos goûts.' },
    rule: 'AI Act Art. 50',
  },
  'purposes[].ai.inputs': {
    description: "The data categories the model reads. Each must also be in this purpose's `dataCategories`.",
    example: ['purchase-history', 'preferences'],
    rule: 'GDPR Art. 13(2)(f): meaningful information about the logic involved',
  },
  'purposes[].ai.output': {
    description: 'What the model produces, in a few words ("product ranking"). ' + TEXT,
    example: { en: 'product ranking', fr: 'classement des produits' },
  },
  'purposes[].ai.trainsModels': {
    description:
      'Whether visitor data is also used to train or improve models. Say so plainly: visitors care. When true, say who trains in `trainedBy`, and make the training a separate purpose the visitor can refuse while keeping this one (`trainingPurpose`); the validator warns otherwise.',
    example: false,
    default: false,
    rule: 'GDPR Art. 6(1)(a), EDPB 05/2020: consent is specific to each purpose, so training is not bundled with the service (docs/compliance.md E41)',
  },
  'purposes[].ai.trainedBy': {
    description:
      'Who trains models with the data, shown in the second layer: `"controller"` (you, by the name in `controller.name`) and/or the `name` of a vendor of this purpose or of its `trainingPurpose`. Only with `trainsModels: true`.',
    example: ['controller'],
    rule: 'GDPR Art. 13(1)(e): the recipients of the data (docs/compliance.md E41)',
  },
  'purposes[].ai.trainingPurpose': {
    description:
      'The id of another, optional purpose under which the training happens: the visitor can refuse it and keep this one, and the second layer says so. The purpose named here is the training purpose (it needs no `trainingPurpose` itself). Only with `trainsModels: true`.',
    example: 'model-training',
    rule: 'GDPR Art. 7(4), EDPB 05/2020: consent to one purpose is not a condition for another (docs/compliance.md E41)',
  },
  'purposes[].ai.automatedDecision': {
    description:
      'The AI takes decisions with legal or similarly significant effects without a human (a price, a credit limit, an account closure). Then `logic`, `consequences` and `humanReview` are required.',
    example: false,
    default: false,
    rule: 'GDPR Art. 22 and 13(2)(f), AI Act Art. 86 (docs/compliance.md E20)',
  },
  'purposes[].ai.logic': {
    description: 'Meaningful information about how the decision is made. Required when `automatedDecision` is true. ' + TEXT,
    example: {
      en: 'Offers are ranked from the sizes and colours you bought most.',
      fr: 'Les offres sont classées selon les tailles et couleurs que vous achetez le plus.',
    },
    rule: 'GDPR Art. 13(2)(f) and 15(1)(h)',
  },
  'purposes[].ai.consequences': {
    description: 'What the decision means for the visitor. Required when `automatedDecision` is true. ' + TEXT,
    example: { en: 'You may see different offers than other visitors.', fr: "Vous pouvez voir d'autres offres que les autres visiteurs." },
    rule: 'GDPR Art. 13(2)(f): the significance and envisaged consequences',
  },
  'purposes[].ai.humanReview': {
    description:
      'Where to obtain human review and contest a decision: a `mailto:` address, an `https:` page or a path on this site. Required when `automatedDecision` is true.',
    example: 'mailto:dpo@example.com',
    rule: 'GDPR Art. 22(3), AI Act Art. 86: the right to human intervention and to contest',
  },
  'purposes[].ai.interaction': {
    description:
      'The visitor interacts with this AI system directly: `chat` (they write to it, a chat assistant) or `voice` (they speak to it, a voice bot). Candor then says so in plain words before the interaction — "You will chat with an AI system, not a person." (or "You will speak with …" for `voice`) — in the first layer\'s brief of the purpose, in the preference center before its switch, and on the placeholder of an embed gated on it (a chat widget). Leave it out for an AI that works behind the scenes (rankings, scoring). The validator refuses any other value.',
    example: 'chat',
    rule: 'AI Act Art. 50(1): people are told they are interacting with an AI system, at the latest at the first interaction, from 2026-08-02 (docs/compliance.md I36)',
  },

  googleConsentMode: {
    description: 'Which purposes grant each Google Consent Mode type. A type is granted only when every listed purpose is. ' + CONSENT_MODE,
    example: { analytics_storage: ['analytics'], ad_storage: ['marketing'], ad_user_data: ['marketing'], ad_personalization: ['marketing'] },
    rule: 'Google Consent Mode v2, required by Google for EEA traffic since March 2024',
  },
  'googleConsentMode.ad_storage': { description: 'Purposes that allow advertising cookies.', example: ['marketing'] },
  'googleConsentMode.ad_user_data': { description: 'Purposes that allow sending user data to Google for advertising.', example: ['marketing'] },
  'googleConsentMode.ad_personalization': { description: 'Purposes that allow personalised advertising (remarketing).', example: ['marketing'] },
  'googleConsentMode.analytics_storage': { description: 'Purposes that allow analytics cookies.', example: ['analytics'] },
  'googleConsentMode.functionality_storage': {
    description: 'Purposes that allow storage for site features (language, …).',
    example: ['preferences'],
  },
  'googleConsentMode.personalization_storage': {
    description: 'Purposes that allow storage for personalisation (recommendations).',
    example: ['personalization'],
  },
  'googleConsentMode.security_storage': {
    description: 'Purposes that allow security storage. Usually leave it out: Candor grants it by default, as Google recommends.',
    example: ['necessary-security'],
  },
  gpc: {
    description:
      'Purposes that a Global Privacy Control signal (`navigator.globalPrivacyControl`) turns off, even over an earlier grant. Typically advertising and data sharing. Only optional purposes. While the signal is on, an embed of one of them offers no "Allow and load" and its placeholder says the signal keeps the purpose off (text `blockedGpc`).',
    example: ['marketing'],
    rule: 'W3C Global Privacy Control; CCPA/CPRA opt-out of sale and sharing (docs/compliance.md F25)',
  },
  receipts: {
    description: "Where consent receipts are also sent. Without it they stay on the visitor's device only.",
    example: { endpoint: '/consent-receipts' },
    rule: 'GDPR Art. 7(1): the controller must be able to demonstrate consent (docs/compliance.md D18)',
  },
  'receipts.endpoint': {
    description:
      'A URL or path that receives each receipt as a JSON POST; retried until it answers 2xx. Receipts carry an `id`, so storing them idempotently is easy.',
    example: '/consent-receipts',
  },
  theme: {
    description:
      'Colours, corner radius, font and colour scheme of the banner and preference center, as CSS values (each becomes `--candor-<name>`). Names ending in `-dark` apply to the dark colour scheme. Hex colours whose text contrast is under 4.5:1 (light or dark) are refused. Only colours (`#1a4d8f`, `rgb(…)`, `hsl(…)`, `oklch(…)`, a named colour), lengths (`4px`) and font names (`Georgia, serif`) are allowed: `url(…)`, `var(…)` and anything else are refused, so a theme never makes the browser fetch anything.',
    example: { accent: '#1a4d8f', 'accent-dark': '#9cc2ff' },
    rule: 'WCAG 2.2 1.4.3 and 1.4.11: contrast (docs/compliance.md G29)',
  },
  'theme.accent': { description: 'Buttons and switches.', example: '#1a4d8f', default: '#1a4d8f' },
  'theme.accent-dark': { description: 'Buttons and switches, dark scheme.', example: '#9cc2ff', default: '#9cc2ff' },
  'theme.on-accent': { description: 'Text on buttons.', example: '#ffffff', default: '#ffffff' },
  'theme.on-accent-dark': { description: 'Text on buttons, dark scheme.', example: '#0b1b33', default: '#0b1b33' },
  'theme.background': { description: 'Banner and dialog background.', example: '#ffffff', default: '#ffffff' },
  'theme.background-dark': { description: 'Banner and dialog background, dark scheme.', example: '#1c1f24', default: '#1c1f24' },
  'theme.text': { description: 'Main text.', example: '#1f2328', default: '#1f2328' },
  'theme.text-dark': { description: 'Main text, dark scheme.', example: '#eef0f3', default: '#eef0f3' },
  'theme.muted': { description: 'Secondary text.', example: '#4b5563', default: '#4b5563' },
  'theme.muted-dark': { description: 'Secondary text, dark scheme.', example: '#c2c8d0', default: '#c2c8d0' },
  'theme.border': { description: 'Borders and separators.', example: '#6b7280', default: '#6b7280' },
  'theme.border-dark': { description: 'Borders and separators, dark scheme.', example: '#8b949e', default: '#8b949e' },
  'theme.note': { description: 'Background of notes (AI disclosures, GPC notice).', example: '#eef3fa', default: '#eef3fa' },
  'theme.note-dark': { description: 'Background of notes, dark scheme.', example: '#27303b', default: '#27303b' },
  'theme.radius': { description: 'Corner radius of buttons and of the box and modal banners.', example: '12px', default: '6px' },
  'theme.font': { description: 'Font family of the banner and preference center.', example: 'Georgia, serif', default: 'system-ui, sans-serif' },
  'theme.scheme': {
    description: "Colour scheme: `auto` follows the visitor's `prefers-color-scheme`; `light` or `dark` fixes it.",
    example: 'dark',
    default: 'auto',
  },
  texts: {
    description: 'Your own wording for built-in interface texts, per language. Keep the meaning: "Reject all" must stay a plain refusal.',
    example: { fr: { acceptAll: "J'accepte" } },
    rule: 'EDPB 03/2022: no guilt-tripping or misleading wording (docs/compliance.md B10)',
  },
  'texts.*': {
    description: 'The texts of one language (a code from `languages`), by key.',
    example: { acceptAll: 'Accept all' },
  },
  'texts.*.*': {
    description: 'Replaces one built-in text.',
    example: 'Accept all',
  },
};
