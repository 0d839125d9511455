// A purpose's `services` (the vendor catalog) expanded by the `candor` command; refused by the browser's validator.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, without types
import { compact } from '../../scripts/catalog.mjs';
import { CATALOG } from '../../src/catalog/compact';
import { check, checkConfig } from '../../src/core/config';
import { expandWith } from '../../src/core/expand-services';

const services = JSON.parse(readFileSync('src/catalog/services.json', 'utf8')).services;
const posthog = services.find((s: { id: string }) => s.id == 'posthog');

const config = (purpose: object) => ({
  version: '1',
  controller: { name: 'Shop', contact: 'mailto:privacy@example.com' },
  policyUrl: '/privacy',
  languages: ['en'],
  purposes: [{ id: 'analytics', title: 'Analytics', description: 'Counting visits.', ...purpose }],
});

describe('purposes[].services', () => {
  it('adds each service’s vendor, cookies and storage keys to the purpose', () => {
    const { config: c, problems } = checkConfig(config({ services: ['posthog', 'youtube'] }), expandWith(CATALOG));
    expect(problems).toEqual([]);
    const p = c!.purposes[0];
    expect(p.vendors).toEqual([
      { name: 'PostHog, Inc.', country: 'US', policyUrl: 'https://posthog.com/privacy' },
      expect.objectContaining({ name: CATALOG.youtube[0], country: CATALOG.youtube[1] }),
    ]);
    expect(p.cookies).toEqual(expect.arrayContaining([...posthog.cookies, ...CATALOG.youtube[3]]));
    expect(p.storageKeys).toEqual(expect.arrayContaining([...posthog.storageKeys, ...CATALOG.youtube[4]]));
  });

  it('keeps what the purpose writes itself: a vendor of the same name as written, no pattern twice', () => {
    const mine = { name: 'PostHog, Inc.', country: 'DE', policyUrl: 'https://example.com/posthog' };
    const { config: c } = checkConfig(
      config({ services: ['posthog'], vendors: [mine], cookies: ['mine', 'ph_*_posthog'], storageKeys: ['ph_*_window_id'] }),
      expandWith(CATALOG),
    );
    const p = c!.purposes[0];
    expect(p.vendors).toEqual([mine]);
    expect(p.cookies).toEqual(['mine', 'ph_*_posthog']);
    expect(p.storageKeys).toEqual(['ph_*_window_id', 'ph_*_posthog', 'ph_*_primary_window_exists', '__ph_opt_in_out_*']);
  });

  it('refuses an id the catalog lacks, with the closest one', () => {
    const { config: c, problems } = checkConfig(config({ services: ['posthg'] }), expandWith(CATALOG));
    expect(c).toBeNull();
    expect(problems).toEqual([{ path: 'purposes[0].services[0]', message: 'unknown service "posthg"', hint: 'did you mean "posthog"?' }]);
  });

  it('is refused by the browser’s validator, which has no catalog: stamping expands it', () => {
    const { config: c, problems } = check(config({ services: ['posthog'] }));
    expect(c).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ path: 'purposes[0].services', hint: 'run candor validate --stamp to expand services' })]);
  });

  it('src/catalog/compact.ts is generated from the current catalog', () => {
    expect(CATALOG).toEqual(compact(services));
  });
});
