// @vitest-environment node
// The demo server passes receipts on to a collector (demo/collector.mjs) when it has one, and keeps its
// in-memory endpoint otherwise (what the browser tests use).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the demo
import { startServer } from '../../demo/serve.mjs';
// @ts-expect-error: a plain JavaScript module of the demo
import { demoCollector } from '../../demo/collector.mjs';

const closing: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closing.length) await closing.pop()!();
});

/** A stand-in collector on 127.0.0.1: records what it gets, answers 201 with a Set-Cookie. */
async function fakeCollector() {
  const got: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(201, { 'Content-Type': 'application/json', 'Set-Cookie': 'candor=reissued; Path=/' }).end('{"stored":1,"duplicate":0}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  closing.push(() => new Promise((ok) => server.close(ok)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got, server };
}

const receipt = { id: '0f8b6a53-8f0e-4c1e-9c4e-2f7d8a1b3c5d', version: '2026-11', purposes: { necessary: true }, noticeHash: 'a'.repeat(64) };

describe('the demo server with a collector', () => {
  it('passes the receipt, the visitor cookie and Host on, and the collector’s answer and Set-Cookie back', async () => {
    const collector = await fakeCollector();
    const demo = await startServer({ port: 0, collector: collector.url });
    closing.push(demo.close);
    const res = await fetch(demo.url + 'consent-receipts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', cookie: 'candor=1~abc~necessary~~2026-11', origin: demo.url.slice(0, -1) },
      body: JSON.stringify(receipt),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toBe('candor=reissued; Path=/');
    expect(collector.got).toHaveLength(1);
    expect(JSON.parse(collector.got[0].body)).toEqual(receipt);
    expect(collector.got[0].headers).toMatchObject({
      cookie: 'candor=1~abc~necessary~~2026-11',
      host: `127.0.0.1:${demo.port}`,
      origin: demo.url.slice(0, -1),
    });
    expect(await (await fetch(demo.url + 'consent-receipts')).json()).toEqual([receipt]);
  });

  it('answers 503 when the collector is down, so the outbox sends the receipt again, and lists nothing', async () => {
    const collector = await fakeCollector();
    await new Promise((ok) => collector.server.close(ok));
    const demo = await startServer({ port: 0, collector: collector.url });
    closing.push(demo.close);
    const res = await fetch(demo.url + 'consent-receipts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(receipt),
    });
    expect(res.status).toBe(503);
    expect(await (await fetch(demo.url + 'consent-receipts')).json()).toEqual([]);
  });

  it('keeps the receipts in memory, and says why, when the collector is not installed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'candor-demo-'));
    expect(await demoCollector(root, {})).toEqual({
      why: expect.stringMatching(/not installed: run `npm run collector` once, or set CANDOR_COLLECTOR/),
    });
    expect(await demoCollector(root, { CANDOR_COLLECTOR: 'http://127.0.0.1:9/' })).toMatchObject({
      url: 'http://127.0.0.1:9',
      how: 'CANDOR_COLLECTOR',
    });
  });
});
