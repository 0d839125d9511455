/**
 * The configuration's shape, written once. `validate` walks it at run time; scripts/schema.mjs turns the
 * same table (with the descriptions in schema-docs.ts, kept out of the browser bundle) into
 * dist/candor.schema.json, so the runtime and the JSON Schema cannot drift apart.
 */

/** A node of the shape: string, boolean, integer, text (string or language map), array, object, map. */
export type Shape =
  | { t: 'str'; re?: RegExp; url?: 'web' | 'contact' }
  | { t: 'bool' }
  | { t: 'int'; min: number; max?: number }
  | { t: 'text' }
  | { t: 'arr'; of: Shape; min?: number }
  | { t: 'obj'; props: { [key: string]: Shape }; req?: string[] }
  | { t: 'map'; of: Shape; keys?: RegExp };

import { CONSENT_TYPES } from './consent-mode';

/** Ids: lowercase letters, digits and `-` (SPEC §6). */
export const ID = /^[a-z0-9][a-z0-9-]*$/;
/** A BCP 47 language tag, loosely: `fr`, `en-GB`. */
export const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const str = (re?: RegExp): Shape => ({ t: 'str', re });
const url = (kind: 'web' | 'contact' = 'web'): Shape => ({ t: 'str', url: kind });
const bool: Shape = { t: 'bool' };
const text: Shape = { t: 'text' };
const arr = (of: Shape, min?: number): Shape => ({ t: 'arr', of, min });
const obj = (props: { [key: string]: Shape }, ...req: string[]): Shape => ({ t: 'obj', props, req });
const ids = arr(str(ID));
const patterns = arr(str(/^[^\s;,=]+$/));

const vendor = obj({ name: str(), country: str(/^[A-Z]{2}$/), policyUrl: url() }, 'name');

const ai = obj(
  {
    summary: text, inputs: ids, output: text, trainsModels: bool, automatedDecision: bool,
    logic: text, consequences: text, humanReview: url('contact'),
  },
  'summary', 'inputs', 'output',
);

const purpose = obj(
  {
    id: str(ID), title: text, description: text, required: bool, sensitive: bool, justification: text,
    dataCategories: ids, retentionDays: { t: 'int', min: 0 }, vendors: arr(vendor),
    cookies: patterns, storageKeys: patterns, ai,
  },
  'id', 'title', 'description',
);

export { CONSENT_TYPES };

/** Theme custom properties (`--candor-<name>` on the banner's host). */
export const THEME_KEYS = ['accent', 'accentText', 'background', 'text', 'muted', 'border', 'radius', 'font'];

/** The whole configuration (SPEC §6). */
export const CONFIG: Shape = obj(
  {
    version: str(/\S/),
    controller: obj({ name: str(/\S/), contact: url('contact') }, 'name'),
    policyUrl: url(),
    languages: arr(str(LANG), 1),
    language: str(LANG),
    reaskAfterDays: { t: 'int', min: 1, max: 395 },
    floatingButton: bool,
    closeButton: bool,
    cookieDomain: str(/^\.?[a-z0-9.-]+$/),
    dataCategories: arr(obj({ id: str(ID), label: text }, 'id', 'label')),
    purposes: arr(purpose, 1),
    googleConsentMode: { t: 'map', of: ids, keys: new RegExp(`^(${CONSENT_TYPES.join('|')})$`) },
    gpc: ids,
    receipts: obj({ endpoint: url() }),
    theme: { t: 'map', of: str(/^[^;{}<>\\]*$/), keys: new RegExp(`^(${THEME_KEYS.join('|')})$`) },
    texts: { t: 'map', of: { t: 'map', of: str() }, keys: LANG },
  },
  'version', 'controller', 'policyUrl', 'purposes',
);
