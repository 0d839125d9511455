import { CATEGORIES } from './categories';
import { INTERACTIONS, TRANSFERS } from './schema';

/**
 * Every built-in text key: what `texts.<language>` in a config may override (docs/contract.md §5). The UI's built-in
 * `en` and `fr` texts define exactly these (a test checks it); the core lists them itself because it never
 * imports the UI.
 */
export const TEXT_KEYS: string[] = [
  // docs/contract.md §5 table
  'bannerLabel',
  'acceptAll',
  'rejectAll',
  'customize',
  'dialogTitle',
  'save',
  'close',
  'continueWithout',
  'floatingButton',
  'allowAndLoad',
  // the embed placeholder's recipients and the readable records download
  'allowGrants',
  'downloadReadable',
  'readableIntro',
  'recordMethod',
  'method.api',
  'method.gpc',
  'method.expiry',
  'recordRef',
  'blocked',
  'blockedGpc',
  'gpcHonored',
  'records',
  'download',
  'reloadOffer',
  'aiBadge',
  // banner and preference center
  'intro',
  'changeAnytime',
  'policy',
  'contact',
  'alwaysActive',
  'details',
  'dataCategories',
  'retention',
  'vendors',
  'vendorPolicy',
  'cookies',
  'storageKeys',
  'aiSummary',
  'trainsModels',
  'noTraining',
  'automated',
  'logic',
  'consequences',
  'humanReview',
  'sensitive',
  'sensitiveGeneric',
  'saved',
  'noRecords',
  'choice',
  'on',
  'off',
  'changeAnytimeVia',
  'gpcOff',
  'scrollCue',
  // disclosures in the preference center: model training, transfers (one per safeguard), the explicit Art. 9 statement
  'trainedBy',
  'trainingSeparate',
  'vendorsNone',
  ...TRANSFERS.map((t) => 'transfer.' + t),
  'sensitiveConsent',
  'sensitiveConsentGeneric',
  // that the visitor interacts with an AI system, one sentence per kind (AI Act Art. 50(1))
  ...INTERACTIONS.map((k) => 'interaction.' + k),
  // receipt events (docs/contract.md §7) and the data-category vocabulary (src/core/categories.ts)
  ...['given', 'refused', 'updated', 'withdrawn', 'dismissed', 'expired'].map((e) => 'event.' + e),
  ...CATEGORIES.map((c) => 'category.' + c),
];
