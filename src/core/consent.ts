import type { Method, ReceiptEvent, ResolvedConfig } from '../types';

/** A stored decision: the only state the `candor` cookie carries. */
export interface Decision {
  version: string;
  /** When it was made, ms since the epoch. */
  time: number;
  /** Optional purposes granted and refused at that time (ids not in either did not exist then). */
  granted: string[];
  denied: string[];
}

export type Choices = { [id: string]: boolean };

const DAY = 864e5;
/** Clock skew tolerated before a stored time counts as "in the future" (and so corrupt). */
const SKEW = 5 * 60e3;

/** When `decision` stops being valid: `reaskAfterDays` after it was made (CNIL: at most 13 months). */
export function expiresAt(decision: Decision, config: ResolvedConfig): number {
  return decision.time + config.reaskAfterDays * DAY;
}

/**
 * Why the visitor must be asked (again), or '' when the stored decision covers everything (docs/contract.md §7): no
 * decision (or one from the future: corrupt), another notice version, the decision expired (a refusal
 * too), or an optional purpose added since.
 */
export function needsPrompt(decision: Decision | null, config: ResolvedConfig, now: number): '' | 'none' | 'version' | 'purpose' | 'expired' {
  if (!decision || decision.time > now + SKEW) return 'none';
  if (decision.version !== config.version) return 'version';
  if (now >= expiresAt(decision, config)) return 'expired';
  const known = [...decision.granted, ...decision.denied];
  return config.purposes.some((p) => !p.required && !known.includes(p.id)) ? 'purpose' : '';
}

/**
 * The decision whose grants apply now: same notice version, not expired. One that does not cover a purpose
 * added since still applies to the purposes it names (the new one stays off until asked; docs/compliance.md D15).
 */
export function standing(decision: Decision | null, config: ResolvedConfig, now: number): Decision | null {
  const why = needsPrompt(decision, config, now);
  return why == '' || why == 'purpose' ? decision : null;
}

/**
 * Every purpose's state. Required purposes are always on; optional ones only through the standing
 * decision (after a version change or expiry nothing is granted until the visitor decides again);
 * `blocked` ids (GPC) are always off.
 */
export function purposeStates(decision: Decision | null, config: ResolvedConfig, now: number, blocked: string[] = []): Choices {
  const d = standing(decision, config, now);
  const out: Choices = {};
  for (const p of config.purposes) out[p.id] = p.required || (!!d && d.granted.includes(p.id) && !blocked.includes(p.id));
  return out;
}

/**
 * The optional choices a decision records. `accept-all` grants everything but sensitive purposes, which
 * keep their explicit switch (GDPR Art. 9(2)(a)); `reject-all` and `dismiss` refuse all; `save` and `api`
 * merge `switches` into `current`; `placeholder` records only the purposes already decided and the ones it
 * allows (an embed's "Allow and load" answers nothing else). `blocked` ids (GPC) can only be refused.
 */
export function choose(method: Method, config: ResolvedConfig, current: Choices, switches: Choices = {}, blocked: string[] = []): Choices {
  const out: Choices = {};
  // Without a prototype: a purpose id may be `constructor`, which every object inherits (truthy: a grant).
  const given: Choices = Object.assign(Object.create(null), current, switches);
  for (const p of config.purposes) {
    if (p.required || (method == 'placeholder' && given[p.id] == null)) continue;
    const explicit = given[p.id];
    out[p.id] =
      method == 'reject-all' || method == 'dismiss' || blocked.includes(p.id) ? false : method == 'accept-all' && !p.sensitive ? true : !!explicit;
  }
  return out;
}

/** The receipt event a new decision amounts to, given the previous valid decision (if any). */
export function eventOf(method: Method, choices: Choices, previous: Decision | null): ReceiptEvent {
  if (method == 'dismiss') return 'dismissed';
  const any = Object.values(choices).some(Boolean);
  if (!previous) return any ? 'given' : 'refused';
  return !any && previous.granted.length ? 'withdrawn' : 'updated';
}

/**
 * The decision to store for `choices` made at `now`, to the second as its cookie keeps it (storage.ts): the state this
 * page view reports (`decidedAt`, `expiresAt`) is the one the next reads.
 */
export function decisionOf(config: ResolvedConfig, choices: Choices, now: number): Decision {
  const ids = Object.keys(choices);
  return { version: config.version, time: now - (now % 1e3), granted: ids.filter((id) => choices[id]), denied: ids.filter((id) => !choices[id]) };
}

/** The choices a decision recorded, by id. */
export function choicesOf(decision: Decision | null): Choices {
  const out: Choices = {};
  decision?.granted.forEach((id) => (out[id] = true));
  decision?.denied.forEach((id) => (out[id] = false));
  return out;
}
