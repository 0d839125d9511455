/**
 * Built-in data-category vocabulary (labels in en/fr live with the UI texts). Special categories are
 * those of GDPR Art. 9(1): a purpose using one must be `sensitive` (explicit consent, Art. 9(2)(a)).
 */
export const SPECIAL_CATEGORIES = ['health', 'ethnicity', 'religion', 'politics', 'sexual-orientation', 'biometric', 'genetic', 'trade-union'];

/** Every built-in category id, special ones included. */
export const CATEGORIES = [
  'demographics',
  'contact',
  'address',
  'age',
  'location',
  'purchase-history',
  'browsing',
  'preferences',
  'device',
  'communications',
  'identifiers',
  'financial',
  ...SPECIAL_CATEGORIES,
];

/** Categories describing vulnerable groups that AI must not target (AI Act Art. 5(1)(b)). */
export const VULNERABLE_CATEGORIES = ['age', 'demographics', 'financial'];
