/**
 * A collector killed with SIGKILL in the middle of a load loses no receipt it acknowledged, and the
 * clients' retries afterwards create no duplicate: the collector runs as a child process on a data folder
 * (or the PostgreSQL of DATABASE_URL), is killed while concurrent POSTs are in flight, and is started again
 * on the same data.
 */
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openDb } from '../src/db.js';
import { verifyChain } from '../src/verify.js';
import { DATABASE_URL, freshDb, post, receipt, removeDir } from './helpers.js';

const CLI = new URL('../src/cli.js', import.meta.url).pathname;
let dataDir: string | undefined;
let child: ChildProcess | undefined;

after(() => {
  child?.kill('SIGKILL');
  removeDir(dataDir);
});

/** Start `candor-collector serve` and wait for the line saying where it listens. */
async function start(env: { [k: string]: string | undefined }): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', CANDOR_RATE_LIMIT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  for await (const chunk of proc.stdout!) {
    out += chunk;
    const m = out.match(/listening on (http:\/\/\S+)/);
    if (m) return { proc, url: m[1] };
  }
  throw new Error(`the collector did not start: ${out}`);
}

it('keeps every acknowledged receipt through SIGKILL, and retries do not duplicate', async () => {
  const fresh = await freshDb();
  await fresh.db.close();
  dataDir = fresh.dataDir;
  const env = DATABASE_URL ? { DATABASE_URL } : { CANDOR_DATA_DIR: dataDir };

  const first = await start(env);
  child = first.proc;
  const sent: { [k: string]: any }[] = [];
  const acked = new Set<string>();
  let killed = false;
  const exited = once(first.proc, 'exit');
  // 24 clients, each sending receipts one after another (as browsers do), until the collector dies.
  const client = async () => {
    while (!killed) {
      const r = receipt();
      sent.push(r);
      try {
        const res = await post(first.url, r);
        if (res.ok) acked.add(r.id);
        await res.arrayBuffer();
      } catch {
        return; // connection refused or reset: the collector is gone
      }
    }
  };
  const clients = Array.from({ length: 24 }, client);
  // Kill it once a good number of receipts were acknowledged, with requests still in flight.
  while (acked.size < 400) await new Promise((ok) => setImmediate(ok));
  killed = true;
  first.proc.kill('SIGKILL');
  await exited;
  await Promise.all(clients);
  assert.ok(sent.length > acked.size, 'some requests were in flight when it died');

  // Started again on the same data, it answers every retry with 2xx, and acknowledged ones as duplicates.
  const second = await start(env);
  child = second.proc;
  const answers = await Promise.all(sent.map(async (r) => [r.id, await (await post(second.url, r)).json()] as const));
  for (const [id, a] of answers) {
    assert.equal(a.stored + a.duplicate, 1);
    if (acked.has(id)) assert.equal(a.duplicate, 1, `acknowledged receipt ${id} was lost`);
  }
  second.proc.kill('SIGTERM');
  await once(second.proc, 'exit');
  child = undefined;

  const db = await openDb(DATABASE_URL ? { url: DATABASE_URL } : { dataDir });
  try {
    const rows = await db.query<{ id: string; n: number }>('SELECT id::text AS id, count(*)::int AS n FROM receipts GROUP BY id');
    assert.equal(rows.length, sent.length, 'every receipt stored once');
    assert.ok(rows.every((r) => r.n == 1));
    const ids = new Set(rows.map((r) => r.id));
    for (const id of acked) assert.ok(ids.has(id));
    const v = await verifyChain(db);
    assert.equal(v.ok, true, JSON.stringify(v.broken));
    assert.equal(v.rows, sent.length);
  } finally {
    await db.close();
  }
});
