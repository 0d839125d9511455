// @vitest-environment node
// The vendor catalog (src/catalog/services.json): data with a schema, every entry complete and usable.
import Ajv2020 from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matcher } from '../src/core/cleanup';

const patternToRegExp = (pattern: string) => matcher([pattern]);
import { checkConfig } from '../src/core/config';

const catalog = JSON.parse(readFileSync('src/catalog/services.json', 'utf8'));
const schema = JSON.parse(readFileSync('src/catalog/services.schema.json', 'utf8'));
const services: any[] = catalog.services;

describe('the vendor catalog', () => {
  it('matches its schema: every entry complete, https URLs, patterns without separators', () => {
    const ajv = new (Ajv2020 as any)({ allErrors: true });
    const valid = ajv.validate(schema, catalog);
    expect(ajv.errors || []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has at least 40 services, the common ones among them', () => {
    expect(services.length).toBeGreaterThanOrEqual(40);
    const ids = services.map((s) => s.id);
    for (const id of [
      'google-analytics',
      'google-ads',
      'google-tag-manager',
      'meta-pixel',
      'linkedin-insight',
      'tiktok-pixel',
      'microsoft-clarity',
      'hotjar',
      'matomo',
      'plausible',
      'posthog',
      'mixpanel',
      'segment',
      'amplitude',
      'heap',
      'fullstory',
      'intercom',
      'hubspot',
      'zendesk',
      'youtube',
      'vimeo',
      'google-maps',
    ])
      expect(ids).toContain(id);
  });

  it('has no duplicate: ids, names, and patterns within an entry', () => {
    const ids = services.map((s) => s.id),
      names = services.map((s) => s.name.toLowerCase());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
    for (const s of services) for (const list of [s.cookies, s.storageKeys]) expect(new Set(list).size, s.id).toBe(list.length);
  });

  it('every pattern is valid for a config and matches the names it stands for', () => {
    for (const s of services) {
      const config = {
        version: '1',
        controller: { name: 'x' },
        policyUrl: '/p',
        purposes: [
          {
            id: 'p',
            title: 't',
            description: 'd',
            cookies: s.cookies,
            storageKeys: s.storageKeys,
            vendors: [{ name: s.legalName, country: s.country, policyUrl: s.policyUrl }],
          },
        ],
      };
      expect(checkConfig(config).problems, s.id).toEqual([]);
      for (const p of [...s.cookies, ...s.storageKeys]) expect(patternToRegExp(p).test(p.replace(/\*/g, 'abc123')), `${s.id}: ${p}`).toBe(true);
    }
  });

  it('lists the sessionStorage keys that survived withdrawals before (PostHog, Mixpanel)', () => {
    const keys = (id: string) => services.find((s) => s.id == id).storageKeys.map(patternToRegExp);
    const matches = (id: string, key: string) => keys(id).some((re: RegExp) => re.test(key));
    expect(matches('posthog', 'ph_phc_abc123_window_id')).toBe(true);
    expect(matches('posthog', 'ph_phc_abc123_primary_window_exists')).toBe(true);
    expect(matches('mixpanel', 'mp_tab_id_mixpanel_0123456789abcdef')).toBe(true);
  });
});
