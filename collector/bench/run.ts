/**
 * `npm run bench:collector`: concurrent clients POST receipts (one per request, as browsers do) to a
 * collector on 127.0.0.1 for a bounded time and count, then print the sustained receipts per second,
 * p50/p99 latency and CPU — on the embedded PGlite, and on PostgreSQL when DATABASE_URL is set (use a
 * throwaway database: `sh scripts/with-postgres.sh npm run bench:collector`).
 * Knobs: BENCH_CLIENTS (64), BENCH_SECONDS (10), BENCH_MAX (200000 receipts), BENCH_WARMUP (2 s), BENCH_SKIP_PGLITE.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const CLIENTS = Number(process.env.BENCH_CLIENTS || 64);
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const MAX = Number(process.env.BENCH_MAX || 200_000);
const WARMUP = Number(process.env.BENCH_WARMUP || 2);
const CLI = new URL('../src/cli.js', import.meta.url).pathname;
const TICK = 100; // USER_HZ of /proc/<pid>/stat on Linux

function processTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}
/** CPU ticks of every PostgreSQL server process (the throwaway cluster's backends, WAL writer, …). */
function postgresTicks(): number {
  let sum = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d)))
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.includes(' (postgres) ')) sum += processTicks(Number(pid));
    } catch {}
  return sum;
}
function machineTicks(): { busy: number; total: number } {
  const [, ...n] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - n[3] - (n[4] || 0), total };
}

async function start(env: { [k: string]: string }): Promise<{ proc: ChildProcess; url: URL }> {
  const proc = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', CANDOR_RATE_LIMIT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  for await (const chunk of proc.stdout!) {
    out += chunk;
    const m = out.match(/listening on (http:\/\/\S+)/);
    if (m) return { proc, url: new URL('/consent-receipts', m[1]) };
  }
  throw new Error('the collector did not start');
}

function body(): string {
  return JSON.stringify({
    id: randomUUID(),
    subject: randomUUID(),
    time: new Date().toISOString(),
    event: 'given',
    method: 'accept-all',
    version: '2026-11',
    language: 'fr',
    purposes: { necessary: true, analytics: true, personalization: false, marketing: true },
    gpc: false,
    noticeHash: '8bb0607a042bff4b3b4f796bcda06415d9f34b49a6cb19b13b2eb3d15cfd9094',
  });
}

function send(url: URL, agent: Agent, payload: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

async function run(name: string, env: { [k: string]: string }): Promise<string> {
  const { proc, url } = await start(env);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let sent = 0;
  let measuring = false;
  const warmEnd = Date.now() + WARMUP * 1000;
  let end = Infinity;
  let t0 = 0;
  let server0 = 0;
  let pg0 = 0;
  let machine0 = { busy: 0, total: 0 };
  let client0 = process.cpuUsage();
  const client = async () => {
    while (Date.now() < end && sent < MAX) {
      if (!measuring && Date.now() >= warmEnd) {
        measuring = true;
        t0 = performance.now();
        end = Date.now() + SECONDS * 1000;
        server0 = processTicks(proc.pid!);
        pg0 = postgresTicks();
        machine0 = machineTicks();
        client0 = process.cpuUsage();
      }
      const payload = body();
      const started = performance.now();
      const status = await send(url, agent, payload);
      if (!measuring) continue;
      sent++;
      latencies.push(performance.now() - started);
      if (status >= 200 && status < 300) ok++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const elapsed = (performance.now() - t0) / 1000;
  const serverCpu = (processTicks(proc.pid!) - server0) / TICK / elapsed;
  const pgCpu = env.DATABASE_URL ? (postgresTicks() - pg0) / TICK / elapsed : 0;
  const m = machineTicks();
  const machineCpu = (m.busy - machine0.busy) / (m.total - machine0.total);
  const c = process.cpuUsage(client0);
  const clientCpu = (c.user + c.system) / 1e6 / elapsed;
  agent.destroy();
  proc.kill('SIGTERM');
  await once(proc, 'exit');
  latencies.sort((a, b) => a - b);
  return [
    `${name}: ${ok} receipts stored in ${elapsed.toFixed(1)} s = ${Math.round(ok / elapsed)} receipts/s sustained (${failed} non-2xx), ${CLIENTS} clients`,
    `  latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`,
    `  CPU: collector ${(serverCpu * 100).toFixed(0)}% of a core${env.DATABASE_URL ? `, PostgreSQL ${(pgCpu * 100).toFixed(0)}%` : ''}, load generator ${(clientCpu * 100).toFixed(0)}%, whole machine ${(machineCpu * 100).toFixed(0)}% of ${cpus().length} cores`,
    `  CPU per 1,000 receipts: collector ${((serverCpu / (ok / elapsed)) * 1e6).toFixed(0)} ms${env.DATABASE_URL ? `, PostgreSQL ${((pgCpu / (ok / elapsed)) * 1e6).toFixed(0)} ms` : ''}` +
      ` (so ${cpus().length} idle cores would take about ${Math.round(cpus().length / ((serverCpu + pgCpu) / (ok / elapsed)))} receipts/s)`,
  ].join('\n');
}

const results: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'candor-bench-'));
try {
  console.log(
    `candor-collector bench: ${CLIENTS} clients, ${WARMUP} s warm-up, then ${SECONDS} s or ${MAX} receipts; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
  );
  if (process.env.BENCH_SKIP_PGLITE) console.log('PGlite: skipped (BENCH_SKIP_PGLITE)');
  else {
    results.push(await run('PGlite (embedded)', { CANDOR_DATA_DIR: join(dir, 'data') }));
    console.log(results[results.length - 1]);
  }
  if (process.env.DATABASE_URL) {
    results.push(await run('PostgreSQL (DATABASE_URL)', { DATABASE_URL: process.env.DATABASE_URL }));
    console.log(results[results.length - 1]);
  } else console.log('PostgreSQL: skipped (set DATABASE_URL, e.g. sh scripts/with-postgres.sh npm run bench:collector)');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
