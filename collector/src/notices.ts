/**
 * Registering the notices a site published: for each configuration file, its notice in every language and
 * notice format, canonical text and hash. Format 2 (what receipts carry now) covers the built-in texts of
 * the SDK that hashes it, so it needs the SDK's build (dist/candor.mjs at the repository root, the version
 * the site runs); format 1 (older receipts) is computed either way. A receipt whose `noticeHash` is among them is proven to show that text; one
 * that is not is reported with `noticeKnown: false` (an unregistered or edited configuration, or a forged
 * receipt). When the repository's SDK build (dist/candor.mjs) is present, its own validation and hashing
 * are used, so the collector follows the SDK if the notice format changes; otherwise the collector's
 * copy of the `candor-notice/1` rules (src/notice-format.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Db } from './db.js';
import { noticesOf, resolve } from './notice-format.js';

/** One notice: a language of a configuration, in one notice format, with the SDK version that hashed it (format 2). */
export interface Entry {
  language: string;
  text: string;
  hash: string;
  format: string;
  sdk: string | null;
}

export interface NoticeEntry {
  hash: string;
  format: string;
  sdk: string | null;
  version: string;
  language: string;
  notice: string;
}

/** The SDK's built module, next to this package in the repository, if it was built. */
const SDK = fileURLToPath(new URL('../../../dist/candor.mjs', import.meta.url));

/** The SDK's version (its package.json), stored with the format 2 notices it hashed. */
const SDK_VERSION = (): string | null => {
  try {
    return JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')).version;
  } catch {
    return null;
  }
};

async function sdkNotices(config: unknown): Promise<{ entries: Entry[]; resolved: any } | null> {
  if (process.env.CANDOR_SDK === 'off' || !existsSync(SDK)) return null;
  let sdk: any;
  try {
    sdk = await import(pathToFileURL(SDK).href);
  } catch {
    return null; // built but its dependencies are not installed: the collector's own copy does the same
  }
  const checked = sdk.checkConfig(config);
  if (!checked.config)
    throw new Error('invalid configuration:\n' + checked.problems.map((p: any) => `  ${p.path || '(root)'}: ${p.message}`).join('\n'));
  const resolved = checked.config;
  const version = SDK_VERSION();
  // The ES module loads each language's built-in texts on first need; notice() reads them synchronously.
  if (typeof sdk.loadTexts == 'function') for (const language of resolved.languages) await sdk.loadTexts(language, resolved.languages);
  // Format 2 where the SDK knows it (its noticeHash takes the format), and format 1 for older receipts.
  const formats = resolved.languages.length && sdk.notice(resolved, resolved.languages[0], 2).format == 'candor-notice/2' ? [2, 1] : [1];
  const entries: Entry[] = [];
  for (const format of formats)
    for (const language of resolved.languages) {
      const n = sdk.notice(resolved, language, format);
      entries.push({
        language,
        text: sdk.canonical(n),
        hash: await sdk.noticeHash(resolved, language, format),
        format: n.format,
        sdk: format == 1 ? null : version,
      });
    }
  return { entries, resolved };
}

/** The notices of a configuration file, per language. Throws with a readable message when it is not one. */
export async function readNotices(file: string): Promise<{ version: string; config: unknown; entries: Entry[] }> {
  let config: any;
  try {
    config = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
  const fromSdk = await sdkNotices(config);
  if (fromSdk) return { version: fromSdk.resolved.version, config, entries: fromSdk.entries };
  if (!config || typeof config != 'object' || typeof config.version != 'string' || !Array.isArray(config.purposes))
    throw new Error(`${file} is not a Candor configuration (it needs "version" and "purposes"; check it with \`npx candor validate\`)`);
  const resolved = resolve(config);
  return { version: resolved.version, config, entries: noticesOf(resolved).map((e) => ({ ...e, sdk: null })) };
}

/** Store the notices of `file`; returns them, each with whether it was new. */
export async function addNotices(db: Db, file: string): Promise<(NoticeEntry & { added: boolean })[]> {
  const { version, config, entries } = await readNotices(file);
  return db.transaction(async (tx) => {
    const out: (NoticeEntry & { added: boolean })[] = [];
    for (const e of entries) {
      const added = await tx.query(
        `INSERT INTO notices (hash, format, sdk, version, language, notice, config, source) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
         ON CONFLICT (hash) DO NOTHING RETURNING hash`,
        [e.hash, e.format, e.sdk, version, e.language, e.text, JSON.stringify(config), basename(file)],
      );
      out.push({ hash: e.hash, format: e.format, sdk: e.sdk, version, language: e.language, notice: e.text, added: added.length > 0 });
    }
    return out;
  });
}

export async function listNotices(db: Db): Promise<(NoticeEntry & { addedAt: string; receipts: number })[]> {
  const rows = await db.query(
    `SELECT n.hash, n.format, n.sdk, n.version, n.language, n.notice, n.added_at, (SELECT count(*)::int FROM receipts r WHERE r.notice_hash = n.hash) AS receipts
     FROM notices n ORDER BY n.added_at, n.version, n.language`,
  );
  return rows.map((r) => ({
    hash: r.hash,
    format: r.format,
    sdk: r.sdk ?? null,
    version: r.version,
    language: r.language,
    notice: r.notice,
    addedAt: new Date(r.added_at).toISOString(),
    receipts: r.receipts,
  }));
}
