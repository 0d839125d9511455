// Paths and browser settings shared by run.mjs and harness.mjs (no node:test import here, so the parent
// process of run.mjs stays a plain script).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..', '..');
/** The built files under test; CANDOR_DIST lets a scratch build be tested without touching dist/. */
export const DIST = resolve(process.env.CANDOR_DIST || join(ROOT, 'dist'));

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_MISSING = `Chromium not found at ${CHROMIUM_PATH} — install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`;
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
