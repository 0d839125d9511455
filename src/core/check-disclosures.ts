import type { Config } from '../types';

type Report = (path: string, message: string, hint?: string) => void;

/**
 * The European Economic Area: the 27 EU member states, Iceland, Liechtenstein and Norway (ISO 3166-1 codes;
 * Greece is GR). A recipient elsewhere receives a transfer under GDPR Chapter V, which needs a safeguard.
 */
export const EEA = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO'.split(' ');

const isObject = (v: unknown): v is { [k: string]: any } => typeof v == 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * What the second layer must be able to tell a visitor (docs/compliance.md C12, E41, E42): each optional purpose's
 * recipients and retention, the safeguard of every transfer outside the EEA, and, for data that trains models, who
 * trains and whether the training is a purpose of its own the visitor can refuse while keeping the service.
 * The shape (types, the `transfer` vocabulary) was checked before; entries of the wrong type are skipped here.
 */
export function checkDisclosures(c: Config, err: Report, warn: Report) {
  const purposes = list(c.purposes).filter(isObject);
  const byId = new Map(purposes.map((p) => [p.id, p]));
  // A purpose named in another's `ai.trainingPurpose` is a training purpose: refusing it stops the training only.
  const training = new Set(purposes.map((p) => isObject(p.ai) && p.ai.trainingPurpose).filter((id) => typeof id == 'string'));

  list(c.purposes).forEach((p, i) => {
    if (!isObject(p)) return;
    const at = `purposes[${i}]`;
    const name = typeof p.id == 'string' ? `"${p.id}"` : 'this purpose';
    if (p.required !== true) {
      if (p.vendors === undefined)
        warn(
          `${at}.vendors`,
          `optional purpose ${name} does not say who receives the data`,
          'list them in "vendors", or give [] if nobody but you receives it (GDPR Art. 13(1)(e))',
        );
      if (p.retentionDays === undefined)
        warn(`${at}.retentionDays`, `optional purpose ${name} does not say how long the data is kept`, 'add "retentionDays" (GDPR Art. 13(2)(a))');
    }
    list(p.vendors).forEach((v, j) => {
      if (!isObject(v) || typeof v.country != 'string') return;
      const vat = `${at}.vendors[${j}]`;
      const outside = !EEA.includes(v.country);
      if (outside && v.transfer === undefined)
        warn(
          `${vat}.transfer`,
          `outside the EEA (${v.country}) with no transfer safeguard`,
          'add "transfer": "adequacy", "scc" or "dpf" (GDPR Art. 46)',
        );
      else if (!outside && v.transfer !== undefined) warn(`${vat}.transfer`, `${v.country} is in the EEA: no transfer safeguard applies`);
      else if (v.transfer == 'dpf' && v.country != 'US') warn(`${vat}.transfer`, 'the EU-US Data Privacy Framework covers the US only');
    });

    const ai = isObject(p.ai) ? p.ai : null;
    if (!ai) return;
    const trains = ai.trainsModels === true;
    const target = ai.trainingPurpose;
    for (const k of ['trainedBy', 'trainingPurpose'] as const)
      if (ai[k] !== undefined && !trains) err(`${at}.ai.${k}`, 'given but trainsModels is not true', 'set "trainsModels": true');
    const vendors = [p, byId.get(target)].flatMap((q) => list(q?.vendors).map((v) => isObject(v) && v.name));
    list(ai.trainedBy).forEach((who, j) => {
      if (typeof who == 'string' && who != 'controller' && !vendors.includes(who))
        err(
          `${at}.ai.trainedBy[${j}]`,
          `"${who}" is not "controller" nor a vendor of this purpose or its trainingPurpose`,
          'name "controller" or a vendor',
        );
    });
    if (typeof target == 'string') {
      const t = byId.get(target);
      if (!t) err(`${at}.ai.trainingPurpose`, `unknown purpose "${target}"`, `declared purposes: ${[...byId.keys()].join(', ')}`);
      else if (t == p) err(`${at}.ai.trainingPurpose`, 'names this purpose itself', 'name an optional purpose');
      else if (t.required === true)
        err(`${at}.ai.trainingPurpose`, `"${target}" is required, so it cannot be turned off`, 'name an optional purpose');
    }
    if (!trains) return;
    if (ai.trainedBy === undefined)
      warn(`${at}.ai.trainedBy`, `${name} does not say who trains the models`, 'add "trainedBy": ["controller"] or a vendor\'s name');
    if (target === undefined && !training.has(p.id))
      warn(
        `${at}.ai.trainsModels`,
        `the training is not a separate purpose: the visitor cannot refuse it and keep ${name}`,
        'add an optional purpose for it and name it in "trainingPurpose"',
      );
  });
}
