import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../src/core/config';
import { choose, decisionOf, eventOf, expiresAt, needsPrompt, purposeStates, type Decision } from '../../src/core/consent';
import type { ResolvedConfig } from '../../src/types';
import shop from '../fixtures/shop.json';

const config = checkConfig(shop).config as ResolvedConfig;
const NOW = Date.UTC(2026, 10, 29, 12);
const DAY = 864e5;
const OPTIONAL = ['analytics', 'personalization', 'marketing', 'health-offers'];

function decision(granted: string[], patch: Partial<Decision> = {}): Decision {
  return { version: '2026-11', time: NOW - DAY, granted, denied: OPTIONAL.filter((id) => !granted.includes(id)), ...patch };
}

describe('needsPrompt', () => {
  it('asks when there is no decision', () => {
    expect(needsPrompt(null, config, NOW)).toBe('none');
  });
  it('does not ask again while a decision holds', () => {
    expect(needsPrompt(decision(['analytics']), config, NOW)).toBe('');
    expect(needsPrompt(decision([]), config, NOW + 180 * DAY)).toBe('');
  });
  it('asks again when the notice version changed', () => {
    expect(needsPrompt(decision(['analytics'], { version: '2026-10' }), config, NOW)).toBe('version');
  });
  it('asks again when an optional purpose was added since', () => {
    const d = decision([]);
    d.denied = d.denied.filter((id) => id != 'marketing');
    expect(needsPrompt(d, config, NOW)).toBe('purpose');
  });
  it('ignores purposes removed since', () => {
    const d = decision(['analytics', 'old-purpose']);
    expect(needsPrompt(d, config, NOW)).toBe('');
    expect(purposeStates(d, config, NOW)).not.toHaveProperty('old-purpose');
  });
  it('asks again after reaskAfterDays, a refusal included', () => {
    expect(needsPrompt(decision([]), config, NOW - DAY + 182 * DAY)).toBe('expired');
    expect(needsPrompt(decision([]), config, NOW - DAY + 182 * DAY - 1)).toBe('');
  });
  it('treats a decision from the future as corrupt', () => {
    expect(needsPrompt(decision(['analytics'], { time: NOW + DAY }), config, NOW)).toBe('none');
  });
  it('expires reaskAfterDays after the decision', () => {
    expect(expiresAt(decision([]), config)).toBe(NOW - DAY + 182 * DAY);
  });
});

describe('purposeStates', () => {
  it('grants only required purposes without a decision', () => {
    expect(purposeStates(null, config, NOW)).toEqual({
      necessary: true,
      analytics: false,
      personalization: false,
      marketing: false,
      'health-offers': false,
    });
  });
  it('grants nothing optional while a re-prompt is due', () => {
    expect(purposeStates(decision(OPTIONAL, { version: 'old' }), config, NOW).analytics).toBe(false);
  });
  it('turns blocked (GPC) purposes off over an earlier grant', () => {
    const s = purposeStates(decision(['analytics', 'marketing']), config, NOW, ['marketing']);
    expect(s.analytics).toBe(true);
    expect(s.marketing).toBe(false);
  });
});

describe('choose', () => {
  const none = { analytics: false, personalization: false, marketing: false, 'health-offers': false };
  it('Accept all grants every optional purpose except sensitive ones', () => {
    expect(choose('accept-all', config, none)).toEqual({ analytics: true, personalization: true, marketing: true, 'health-offers': false });
  });
  it('Accept all keeps an explicit opt-in to a sensitive purpose', () => {
    expect(choose('accept-all', config, none, { 'health-offers': true })['health-offers']).toBe(true);
  });
  it('Reject all and dismiss refuse everything, sensitive included', () => {
    const all = { analytics: true, personalization: true, marketing: true, 'health-offers': true };
    expect(choose('reject-all', config, all)).toEqual(none);
    expect(choose('dismiss', config, all)).toEqual(none);
  });
  it('save merges switches into the current choices', () => {
    expect(choose('save', config, { ...none, analytics: true }, { marketing: true })).toEqual({ ...none, analytics: true, marketing: true });
  });
  it('never records required purposes, nor grants blocked ones', () => {
    const c = choose('accept-all', config, none, {}, ['marketing']);
    expect(c).not.toHaveProperty('necessary');
    expect(c.marketing).toBe(false);
  });
});

describe('eventOf', () => {
  it('names first decisions given or refused', () => {
    expect(eventOf('accept-all', { analytics: true }, null)).toBe('given');
    expect(eventOf('reject-all', { analytics: false }, null)).toBe('refused');
    expect(eventOf('dismiss', { analytics: false }, null)).toBe('dismissed');
  });
  it('names later decisions updated or withdrawn', () => {
    expect(eventOf('save', { analytics: true, marketing: false }, decision(['marketing']))).toBe('updated');
    expect(eventOf('reject-all', { analytics: false }, decision(['analytics']))).toBe('withdrawn');
  });
});

it('decisionOf lists granted and refused ids', () => {
  expect(decisionOf(config, { analytics: true, marketing: false }, NOW)).toEqual({
    version: '2026-11',
    time: NOW,
    granted: ['analytics'],
    denied: ['marketing'],
  });
});
