import { describe, expect, it } from 'vitest';
import { candorSetCookie } from '../../src/server/cookie';
import { encodeDecision } from '../../src/core/storage';

const NOW = Date.UTC(2026, 11, 4, 12);
const DAY = 864e5;
const decision = { version: '2026-11', time: NOW - 10 * DAY, granted: ['analytics'], denied: ['marketing', 'health-offers'] };
const value = encodeDecision(decision);
const req = (headers: { [k: string]: string }) => ({ headers: { host: 'shop.example', ...headers } });
const receipt = { version: '2026-11', purposes: { necessary: true, analytics: true, marketing: false, 'health-offers': false } };

describe('candorSetCookie (re-issuing the candor cookie from the server)', () => {
  it('sends the same value back with what is left of its lifetime, Path=/, SameSite=Lax, Secure', () => {
    const header = candorSetCookie(req({ cookie: `a=1; candor=${value}; b=2` }), { reaskAfterDays: 182, now: NOW });
    expect(header).toBe(`candor=${value}; Path=/; Max-Age=${172 * 86400}; SameSite=Lax; Secure`);
  });

  it('with a receipt: only for the decision that receipt records', () => {
    const post = req({ cookie: `candor=${value}`, origin: 'https://shop.example', 'sec-fetch-site': 'same-origin' });
    expect(candorSetCookie(post, { receipt, now: NOW })).toMatch(/^candor=.+; Max-Age=\d+;/);
    expect(candorSetCookie(post, { receipt: { ...receipt, version: '2027-01' }, now: NOW })).toBeNull();
    expect(candorSetCookie(post, { receipt: { ...receipt, purposes: { ...receipt.purposes, marketing: true } }, now: NOW })).toBeNull();
    expect(candorSetCookie(post, { receipt: { ...receipt, purposes: { marketing: false } }, now: NOW })).toBeNull();
  });

  it('never for another site: Sec-Fetch-Site cross-site, or an Origin of another host', () => {
    expect(candorSetCookie(req({ cookie: `candor=${value}`, 'sec-fetch-site': 'cross-site' }), { now: NOW })).toBeNull();
    expect(candorSetCookie(req({ cookie: `candor=${value}`, origin: 'https://evil.example' }), { now: NOW })).toBeNull();
    expect(candorSetCookie(req({ cookie: `candor=${value}`, origin: 'not a url' }), { now: NOW })).toBeNull();
  });

  it('never for a missing, malformed, lapsed or future-dated decision', () => {
    const at = (time: number) => encodeDecision({ ...decision, time });
    for (const cookie of [
      '',
      'other=1',
      'candor=',
      'candor=2~abc~~~v',
      `candor=${value};x`.replace(';x', ' x'),
      `candor="${value}"`,
      'candor=1~abc~analytics~analytics~v',
      `candor=${at(NOW - 183 * DAY)}`,
      `candor=${at(NOW + DAY)}`,
    ]) {
      expect(candorSetCookie(req({ cookie }), { reaskAfterDays: 182, now: NOW }), cookie).toBeNull();
    }
  });

  it('never when several candor cookies differ: a stale copy listed first (deeper Path, parent domain) is not put over the current one', () => {
    // The browser lists a cookie of a deeper Path first: echoed on Path=/, a stale grant would replace the visitor's refusal.
    const stale = encodeDecision({ ...decision, time: NOW - 100 * DAY, granted: ['analytics', 'marketing'], denied: ['health-offers'] });
    for (const cookie of [`candor=${stale}; candor=${value}`, `candor=${value}; a=1; candor=${stale}`])
      expect(candorSetCookie(req({ cookie }), { now: NOW }), cookie).toBeNull();
    // The same value twice (host-only and on the cookieDomain) is one decision: re-issued.
    expect(candorSetCookie(req({ cookie: `candor=${value}; candor=${value}` }), { now: NOW })).toMatch(/^candor=1~.+; Max-Age=\d+;/);
  });

  it('adds Domain for a cookieDomain, and leaves Secure out only when asked (plain-http development)', () => {
    const header = candorSetCookie(req({ cookie: `candor=${value}` }), { domain: 'example.com', secure: false, now: NOW });
    expect(header).toMatch(/; SameSite=Lax; Domain=example\.com$/);
  });

  it('several Cookie headers (a framework listing them apart) are one list: a differing stale copy in the second blocks it too', () => {
    const stale = encodeDecision({ ...decision, time: NOW - 100 * DAY, granted: ['analytics', 'marketing'], denied: ['health-offers'] });
    const headers = { host: 'shop.example', cookie: [`candor=${stale}`, `a=1; candor=${value}`] };
    expect(candorSetCookie({ headers }, { now: NOW })).toBeNull();
    expect(candorSetCookie({ headers: { ...headers, cookie: ['a=1', `candor=${value}`] } }, { now: NOW })).toMatch(/^candor=1~.+; Max-Age=\d+;/);
  });

  it('never shapes the header from options no configuration allows: a domain adding attributes or headers, an endless lifetime', () => {
    const request = req({ cookie: `candor=${value}` });
    // HttpOnly would hide the decision from candor.js, which could then never replace it (not even with a withdrawal).
    for (const domain of ['example.com; HttpOnly', 'example.com\r\nSet-Cookie: candor=1~0~marketing~~v', 'example.com; Max-Age=999999999', 'a b'])
      expect(candorSetCookie(request, { domain, now: NOW }), domain).toBeNull();
    for (const reaskAfterDays of [Number.POSITIVE_INFINITY, -5, 1e9])
      expect(candorSetCookie(request, { reaskAfterDays, now: NOW }), String(reaskAfterDays)).toBeNull();
    // What a configuration may say still works: a cookieDomain with or without its dot, none at all.
    expect(candorSetCookie(request, { domain: '.example.com', now: NOW })).toMatch(/; Domain=\.example\.com; Secure$/);
    expect(candorSetCookie(request, { domain: '', now: NOW })).toMatch(/; SameSite=Lax; Secure$/);
  });

  it('over HTTP/2 (Node http2): the host is :authority, so a same-origin receipt gets its cookie there too, another host none', () => {
    const h2 = (origin: string) => ({
      headers: { ':authority': 'shop.example', origin, cookie: `candor=${value}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(candorSetCookie(h2('https://shop.example'), { receipt, now: NOW })).toMatch(/^candor=1~.+; Max-Age=\d+;/);
    expect(candorSetCookie(h2('https://evil.example'), { receipt, now: NOW })).toBeNull();
  });
});
