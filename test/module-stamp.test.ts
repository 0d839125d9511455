// The BUILT ES module (dist/candor.mjs) and the BUILT command (dist/cli.js), as a bundler user has them (`npm run build`
// first; `npm test` does): a configuration stamped by `candor validate --stamp` is the one the module uses.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';

const dist = '../dist/candor.mjs';
const load = (): Promise<typeof import('../src/index')> => import(/* @vite-ignore */ dist);
const tmp = mkdtempSync(join(tmpdir(), 'candor-module-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
vi.setConfig({ testTimeout: 60_000 });

it('a file naming catalog services, stamped (so expanded) as the docs ask, is used by the module: not "needs stamping"', async () => {
  const path = join(tmp, 'consent.json');
  const purpose = { id: 'analytics', title: 'Analytics', description: 'Counts visits.', dataCategories: ['browsing'], retentionDays: 30 };
  const config = { version: '1', controller: { name: 'Shop' }, policyUrl: '/privacy', purposes: [{ ...purpose, services: ['matomo'] }] };
  writeFileSync(path, JSON.stringify(config, null, 2));
  const stamped = spawnSync(process.execPath, [resolve('dist/cli.js'), 'validate', '--stamp', path], { encoding: 'utf8' });
  expect(stamped.stdout).toMatch(/valid \(1 warning\), stamped\n$/);
  const text = readFileSync(path, 'utf8');
  const { createCandor } = await load();
  for (const given of [text, JSON.parse(text)]) {
    const candor = createCandor({ config: given, ui: null });
    const state = await candor.ready;
    expect(state.error, typeof given).toBeUndefined();
    expect(state.purposes).toEqual({ analytics: false });
    candor.acceptAll();
    expect(candor.has('analytics')).toBe(true);
    candor.destroy();
    document.cookie = 'candor=; Path=/; Max-Age=0';
  }
});
