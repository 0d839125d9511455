/**
 * Registering the notices a site published: for each configuration file, its notice in every language,
 * canonical text and hash. A receipt whose `noticeHash` is among them is proven to show that text; one
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

export interface NoticeEntry {
  hash: string;
  format: string;
  version: string;
  language: string;
  notice: string;
}

/** The SDK's built module, next to this package in the repository, if it was built. */
const SDK = fileURLToPath(new URL('../../../dist/candor.mjs', import.meta.url));

async function sdkNotices(config: unknown): Promise<{ entries: { language: string; text: string; hash: string; format: string }[]; resolved: any } | null> {
  if (process.env.CANDOR_SDK === 'off' || !existsSync(SDK)) return null;
  let sdk: any;
  try {
    sdk = await import(pathToFileURL(SDK).href);
  } catch {
    return null; // built but its dependencies are not installed: the collector's own copy does the same
  }
  const checked = sdk.checkConfig(config);
  if (!checked.config) throw new Error('invalid configuration:\n' + checked.problems.map((p: any) => `  ${p.path || '(root)'}: ${p.message}`).join('\n'));
  const resolved = checked.config;
  const entries = await Promise.all(
    resolved.languages.map(async (language: string) => {
      const n = sdk.notice(resolved, language);
      return { language, text: sdk.canonical(n), hash: await sdk.noticeHash(resolved, language), format: n.format };
    }),
  );
  return { entries, resolved };
}

/** The notices of a configuration file, per language. Throws with a readable message when it is not one. */
export async function readNotices(file: string): Promise<{ version: string; config: unknown; entries: { language: string; text: string; hash: string; format: string }[] }> {
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
  return { version: resolved.version, config, entries: noticesOf(resolved) };
}

/** Store the notices of `file`; returns them, each with whether it was new. */
export async function addNotices(db: Db, file: string): Promise<(NoticeEntry & { added: boolean })[]> {
  const { version, config, entries } = await readNotices(file);
  return db.transaction(async (tx) => {
    const out: (NoticeEntry & { added: boolean })[] = [];
    for (const e of entries) {
      const added = await tx.query(
        `INSERT INTO notices (hash, format, version, language, notice, config, source) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
         ON CONFLICT (hash) DO NOTHING RETURNING hash`,
        [e.hash, e.format, version, e.language, e.text, JSON.stringify(config), basename(file)],
      );
      out.push({ hash: e.hash, format: e.format, version, language: e.language, notice: e.text, added: added.length > 0 });
    }
    return out;
  });
}

export async function listNotices(db: Db): Promise<(NoticeEntry & { addedAt: string; receipts: number })[]> {
  const rows = await db.query(
    `SELECT n.hash, n.format, n.version, n.language, n.notice, n.added_at, (SELECT count(*)::int FROM receipts r WHERE r.notice_hash = n.hash) AS receipts
     FROM notices n ORDER BY n.added_at, n.version, n.language`,
  );
  return rows.map((r) => ({ hash: r.hash, format: r.format, version: r.version, language: r.language, notice: r.notice, addedAt: new Date(r.added_at).toISOString(), receipts: r.receipts }));
}
