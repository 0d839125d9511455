/**
 * Built-in English texts. Every key can be overridden per language in the config's `texts` (docs/contract.md §5);
 * `src/core/text-keys.ts` lists the same keys for the validator. `{name}` is replaced at render time.
 * Category labels are lowercase so they read well both in lists and inside sentences.
 */
const en = {
  // docs/contract.md §5 table: exact values, relied on by users and tests.
  bannerLabel: 'Privacy choices',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customize: 'Customize',
  dialogTitle: 'Privacy preferences',
  save: 'Save choices',
  close: 'Close',
  continueWithout: 'Continue without accepting',
  floatingButton: 'Privacy settings',
  allowAndLoad: 'Allow and load',
  // Drawn by the embed placeholders, under `blocked` (src/core/embed-texts.ts holds the same text; a test keeps them equal).
  allowGrants: 'Recipients if you allow: {vendors}.',
  // The readable records download (src/ui/readable-records.ts).
  downloadReadable: 'Download a readable version',
  readableIntro: 'Consent records kept on this device for {controller}, newest first, as of {date}.',
  recordMethod: 'Chosen with “{button}”.',
  'method.api': 'Set by the website.',
  'method.gpc': 'Set by your browser’s Global Privacy Control signal.',
  'method.expiry': 'Your previous choice expired.',
  recordRef: 'Record {id}, notice version {version}.',
  // Drawn by the embed placeholders (src/core/embed-texts.ts holds the same text; a test keeps them equal).
  blocked: 'This content is blocked because it needs your consent for “{purpose}”.',
  // Instead of `blocked`, for an embed of a purpose the Global Privacy Control signal keeps off (`gpc`): no consent turns it on.
  blockedGpc: 'This content is blocked: your Global Privacy Control signal is honored and keeps “{purpose}” off.',
  gpcHonored: 'Your Global Privacy Control signal is honored',
  records: 'Your consent records',
  download: 'Download my records',
  reloadOffer: 'Reload the page to stop what already ran',
  aiBadge: 'AI',

  intro: '{controller} uses your data for these purposes, the optional ones only if you agree.',
  changeAnytime: 'Change or withdraw your choices at any time via “{settings}”.',
  policy: 'Privacy policy',
  contact: 'Contact',
  alwaysActive: 'Always active',
  details: 'Details',
  dataCategories: 'Data categories',
  retention: 'Retention',
  vendors: 'Recipients',
  vendorPolicy: 'privacy policy',
  cookies: 'Cookies',
  storageKeys: 'Stored on your device',
  aiSummary: 'How AI is used',
  trainsModels: 'Your data is used to train models.',
  noTraining: 'Your data is not used to train models.',
  automated: 'Decisions about you are made automatically, without human involvement.',
  logic: 'How it decides',
  consequences: 'What it means for you',
  humanReview: 'Ask for a human review or contest a decision',
  sensitive: 'This uses {categories}, which is sensitive data: it is only used if you turn this switch on, never through Accept all.',
  sensitiveGeneric: 'This uses sensitive data: it is only used if you turn this switch on, never through Accept all.',
  saved: 'Your choices have been saved.',
  noRecords: 'No records on this device yet.',
  choice: '{purpose}: {state}',
  on: 'on',
  off: 'off',
  changeAnytimeVia: 'Change or withdraw your choices at any time with {how}.',
  gpcOff: 'Your Global Privacy Control signal is honored: it keeps {purposes} off.',
  scrollCue: 'More below: scroll ↓',

  'event.given': 'Consent given',
  'event.refused': 'Refused',
  'event.updated': 'Choices updated',
  'event.withdrawn': 'Consent withdrawn',
  'event.dismissed': 'Continued without accepting',
  'event.expired': 'Expired',

  'category.demographics': 'demographic data',
  'category.contact': 'contact details',
  'category.address': 'postal address',
  'category.age': 'age',
  'category.location': 'location',
  'category.purchase-history': 'purchase history',
  'category.browsing': 'browsing activity',
  'category.preferences': 'preferences',
  'category.device': 'device information',
  'category.communications': 'communications',
  'category.identifiers': 'online identifiers',
  'category.financial': 'financial data',
  'category.health': 'health data',
  'category.ethnicity': 'ethnic origin',
  'category.religion': 'religious beliefs',
  'category.politics': 'political opinions',
  'category.sexual-orientation': 'sexual orientation',
  'category.biometric': 'biometric data',
  'category.genetic': 'genetic data',
  'category.trade-union': 'trade union membership',
  // Disclosures in the second layer: who trains models, transfer safeguards, the explicit Art. 9 statement.
  trainedBy: 'Who trains models with your data: {who}.',
  trainingSeparate: 'This training is a separate purpose, “{purpose}”: you can refuse it and keep this one.',
  vendorsNone: 'Only {controller}: nobody else receives this data.',
  'transfer.adequacy': 'transfer outside the EEA under an EU adequacy decision',
  'transfer.scc': 'transfer outside the EEA under standard contractual clauses',
  'transfer.dpf': 'transfer outside the EEA under the EU-US Data Privacy Framework',
  sensitiveConsent: 'I explicitly consent to the use of the following sensitive data for “{purpose}”: {categories}.',
  sensitiveConsentGeneric: 'I explicitly consent to the use of sensitive data for “{purpose}”.',
  // That the visitor interacts with an AI system, before the interaction (AI Act Art. 50(1)): the banner's brief, the
  // preference center, the embed placeholder (src/core/embed-texts.ts holds the same text; a test keeps them equal).
  'interaction.chat': 'You will chat with an AI system, not a person.',
  'interaction.voice': 'You will speak with an AI system, not a person.',
};

/** A built-in text key. */
export type TextKey = keyof typeof en;

export default en;
