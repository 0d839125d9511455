// @vitest-environment node
// `candor init --services` and `candor validate --stamp` with catalog services, as users run them (the built dist/cli.js).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withPurposes } from '../src/cli/stamp';
import { STAMP, stampOf } from '../src/core/stamp';
import { resolveConfig } from '../src/core/resolve';
import { check } from '../src/core/config';

const cli = resolve('dist/cli.js');
let tmp: string;
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'candor-services-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const candor = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: tmp });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const read = (name: string) => JSON.parse(readFileSync(join(tmp, name), 'utf8'));
const purpose = (c: { purposes: { id: string }[] }, id: string) => c.purposes.find((p) => p.id == id) as { [k: string]: any };

describe('catalog services in the candor command', () => {
  it('init --services puts each service in the purpose of its kind, adding the purposes the starter lacks', () => {
    expect(candor('init', '--services', 'posthog,youtube', 'a.json').code).toBe(0);
    const c = read('a.json');
    expect(purpose(c, 'analytics').services).toEqual(['posthog']);
    expect(purpose(c, 'analytics').vendors).toBeUndefined();
    expect(purpose(c, 'media').services).toEqual(['youtube']);
    expect(candor('validate', 'a.json')).toMatchObject({ code: 0 });
    const wrong = candor('init', '--services', 'posthg', 'b.json');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/unknown service "posthg"; did you mean "posthog"\?/);
  });

  it('validate --stamp writes the purposes expanded, stamped as such, which browsers then trust without the catalog', () => {
    candor('init', '--services', 'posthog,youtube', 'c.json');
    // PostHog Inc. is in the US: the catalog gives no transfer safeguard, so the site is asked for one (a warning).
    const out = candor('validate', '--stamp', 'c.json').out;
    expect(out).toMatch(/valid \(1 warning\), stamped/);
    expect(out).toMatch(/vendors\[0\]\.transfer: outside the EEA \(US\) with no transfer safeguard/);
    const c = read('c.json');
    const analytics = purpose(c, 'analytics');
    expect(analytics.vendors).toEqual([{ name: 'PostHog, Inc.', country: 'US', policyUrl: 'https://posthog.com/privacy' }]);
    expect(analytics.storageKeys).toEqual(['ph_*_posthog', 'ph_*_window_id', 'ph_*_primary_window_exists', '__ph_opt_in_out_*']);
    expect(purpose(c, 'media').vendors.length).toBe(1);
    // The stamp covers the expanded file: candor.js (salt of this build) resolves it without its validator.
    const salt = readFileSync('dist/candor.js', 'utf8').match(/\bcheck:["']([A-Za-z0-9+/=]+)["']/)?.[1] ?? '';
    expect(c[STAMP]).toBe(stampOf(c, salt));
    expect(resolveConfig(c).purposes.find((p) => p.id == 'analytics')!.cookies).toEqual(['ph_*_posthog']);
    // Stamping again changes nothing; the browser's validator alone (no catalog) refuses the unstamped file.
    const before = readFileSync(join(tmp, 'c.json'), 'utf8');
    expect(candor('validate', '--stamp', 'c.json').out).toMatch(/already stamped|valid/);
    expect(readFileSync(join(tmp, 'c.json'), 'utf8')).toBe(before);
    expect(check(read('a.json')).config).toBeNull();
  });

  it('withPurposes replaces only the purposes member, indented as it was', () => {
    const text = '{\n  "a": 1,\n  "purposes": [1],\n  "b": [2]\n}';
    expect(withPurposes(text, [{ x: 1 }])).toBe('{\n  "a": 1,\n  "purposes": [\n    {\n      "x": 1\n    }\n  ],\n  "b": [2]\n}');
  });
});
