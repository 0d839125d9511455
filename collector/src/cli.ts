#!/usr/bin/env node
/**
 * `candor-collector`: run the server, and the operator's commands — verify the chain, print a day's
 * digest, export receipts, apply retention, register notices. Settings come from the environment
 * (collector/README.md). Exit codes: 0 done, 1 the check failed (a broken chain), 2 wrong usage or error.
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportReceipts } from './export.js';
import { readNotices, addNotices, listNotices } from './notices.js';
import { openCollectorDb } from './open.js';
import { prune } from './prune.js';
import { startServer } from './server.js';
import { settingsFrom } from './settings.js';
import { realDay } from './stats.js';
import { dailyDigest, verifyChain } from './verify.js';

const HELP = `Usage: candor-collector <command> [options]

Commands:
  serve                              run the collector (PORT, HOST, DATABASE_URL or CANDOR_DATA_DIR, …)
  verify [--json]                    check the whole hash chain; report the first broken link (exit 1)
  digest [--day YYYY-MM-DD] [--json] the chain head at the end of a day (UTC; default yesterday), to publish
  export --subject ID | --from DAY --to DAY [--format ndjson|27560] [--out FILE]
                                     a subject's receipts, or those decided in a period (days included, UTC)
  prune --older-than-days N          delete receipts received more than N days ago (logged; chain stays verifiable)
  notice add FILE.json...            register published configurations: their notice per language and its hash,
                                     in notice formats 2 (with the SDK built at the root) and 1
  notice list [--json]               the registered notices and how many receipts each has
  hash FILE.json [--lang L] [--format 1|2]   the notice hash of a configuration, as receipts carry it
  migrate                            create or update the schema (serve does it too)

Data: DATABASE_URL=postgres://… for PostgreSQL; otherwise PGlite in CANDOR_DATA_DIR (default ./candor-data).
`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      day: { type: 'string' },
      subject: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' }, // export: ndjson (default) or 27560; hash: notice format 2 (default) or 1
      out: { type: 'string' },
      'older-than-days': { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, ...rest] = positionals;
  const settings = settingsFrom();
  const usage = (message: string) => {
    process.stderr.write(`candor-collector: ${message}\n\n${HELP}`);
    return 2;
  };
  if (values.help || !command) {
    process.stdout.write(HELP);
    return command || values.help ? 0 : 2;
  }

  if (command == 'serve') {
    const running = await startServer(settings);
    const where = settings.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite, data in ${settings.dataDir}`;
    process.stdout.write(`candor-collector listening on ${running.url} (${where})\n`);
    const stop = () =>
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return -1; // keep running
  }

  if (command == 'hash') {
    if (!sub) return usage('hash needs a configuration file');
    const { entries } = await readNotices(sub);
    // Format 2 by default (what receipts carry now; it needs the SDK built), --format 1 for older receipts.
    const format = `candor-notice/${values.format ?? (entries.some((e) => e.format == 'candor-notice/2') ? 2 : 1)}`;
    if (!entries.some((e) => e.format == format))
      return usage(
        `--format ${values.format}: ${values.format == '2' ? 'format 2 needs the SDK built (npm run build at the repository root)' : 'is 1 or 2'}`,
      );
    const chosen = entries.filter((e) => e.format == format && (!values.lang || e.language == values.lang));
    if (!chosen.length) return usage(`--lang ${values.lang} is not among the file's languages`);
    if (values.json) process.stdout.write(JSON.stringify({ file: sub, hashes: Object.fromEntries(chosen.map((e) => [e.language, e.hash])) }) + '\n');
    else if (values.lang) process.stdout.write(chosen[0].hash + '\n');
    else for (const e of chosen) process.stdout.write(`${e.language}  ${e.hash}\n`);
    return 0;
  }

  // Every other command works on the database.
  const checkArgs = (): string | null => {
    if (command == 'export') {
      if (!values.subject == !(values.from || values.to)) return 'export needs --subject ID, or --from DAY and --to DAY';
      if (!values.subject && !(realDay(values.from) && realDay(values.to))) return '--from and --to are days: YYYY-MM-DD';
      values.format ??= 'ndjson';
      if (values.format != 'ndjson' && values.format != '27560') return '--format is ndjson or 27560';
    }
    if (command == 'prune' && !/^\d+$/.test(values['older-than-days'] ?? '')) return 'prune needs --older-than-days N (a whole number of days)';
    if (command == 'digest' && values.day != null && !DAY.test(values.day)) return '--day is YYYY-MM-DD';
    if (command == 'notice' && !((sub == 'add' && rest.length) || sub == 'list')) return 'notice add FILE.json… or notice list';
    if (!['verify', 'digest', 'export', 'prune', 'notice', 'migrate'].includes(command)) return `unknown command "${command}"`;
    return null;
  };
  const problem = checkArgs();
  if (problem) return usage(problem);

  const db = await openCollectorDb(settings);
  try {
    switch (command) {
      case 'migrate':
        process.stdout.write('schema up to date\n');
        return 0;
      case 'verify': {
        const v = await verifyChain(db);
        if (values.json) process.stdout.write(JSON.stringify(v) + '\n');
        else if (v.ok) process.stdout.write(`chain ok: ${v.rows} receipts${v.rows ? ` (rows ${v.firstSeq}–${v.lastSeq})` : ''}, head ${v.head}\n`);
        else
          process.stdout.write(
            `chain BROKEN at row ${v.broken!.seq}${v.broken!.id ? ` (receipt ${v.broken!.id})` : ''}: ${v.broken!.reason}\n${v.rows} rows verified before it\n`,
          );
        return v.ok ? 0 : 1;
      }
      case 'digest': {
        const day = values.day ?? new Date(Date.now() - 864e5).toISOString().slice(0, 10);
        const d = await dailyDigest(db, day);
        if (values.json) process.stdout.write(JSON.stringify(d) + '\n');
        else process.stdout.write(`${d.day}  received ${d.received}  head row ${d.lastSeq ?? '-'}  ${d.chain ?? '(empty chain)'}\n`);
        return 0;
      }
      case 'export': {
        const which = values.subject
          ? { subject: values.subject }
          : { from: new Date(`${values.from}T00:00:00Z`), to: new Date(Date.parse(`${values.to}T00:00:00Z`) + 864e5) };
        const file = values.out ? createWriteStream(values.out) : null;
        const write = (chunk: string) =>
          new Promise<void>((ok, fail) => {
            const stream = file ?? process.stdout;
            if (stream.write(chunk)) ok();
            else stream.once('drain', ok).once('error', fail);
          });
        const n = await exportReceipts(db, which, values.format as 'ndjson' | '27560', write);
        if (file) await new Promise((ok) => file.end(ok));
        process.stderr.write(`exported ${n} receipt(s)\n`);
        return 0;
      }
      case 'prune': {
        const days = Number(values['older-than-days']);
        const r = await prune(db, days);
        const line = {
          at: new Date().toISOString(),
          event: 'retention',
          olderThanDays: days,
          cutoff: r.cutoff,
          deleted: r.deleted,
          lastSeq: r.lastSeq,
        };
        process.stdout.write(JSON.stringify(line) + '\n');
        return 0;
      }
      case 'notice': {
        if (sub == 'list') {
          const list = await listNotices(db);
          if (values.json) process.stdout.write(JSON.stringify(list) + '\n');
          else for (const n of list) process.stdout.write(`${n.version}  ${n.language}  ${n.hash}  ${n.receipts} receipt(s)\n`);
          return 0;
        }
        for (const file of rest)
          for (const n of await addNotices(db, file))
            process.stdout.write(`${n.added ? 'added' : 'known'}  ${n.version}  ${n.language}  ${n.hash}  ${n.format}\n`);
        return 0;
      }
    }
    return 2;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`candor-collector: ${(e as Error)?.message ?? e}\n`);
    process.exitCode = 2;
  },
);
