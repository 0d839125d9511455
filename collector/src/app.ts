/**
 * The HTTP interface: `POST /consent-receipts` (the contract of docs/receipts.md, "The endpoint contract"),
 * the admin routes (a subject's receipts, consent rates) behind a token, and a health check. Every
 * refusal is a 4xx with a JSON body saying what is wrong; nothing of a refused request is stored. Whatever waits for the
 * database past CANDOR_DB_TIMEOUT is answered 503 (deadline.ts, bounded.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { Db } from './db.js';
import { bounded } from './bounded.js';
import { deadline } from './deadline.js';
import { RateLimiter, rateKey, truncateIp } from './client.js';
import { type CookieScope, reissue } from './cookie.js';
import { REASK_DAYS } from './notice-format.js';
import { checkReceipt, SUBJECT, type Problem } from './receipt.js';
import { subjectReceipts } from './records.js';
import type { Settings } from './settings.js';
import { statsPage, STATS_CSP } from './stats-page.js';
import { consentRates, period } from './stats.js';
import type { Incoming } from './store.js';
import { BatchWriter } from './writer.js';

export interface Collector {
  app: Hono<{ Bindings: HttpBindings }>;
  writer: BatchWriter;
}

type C = Context<{ Bindings: HttpBindings }>;

export const RECEIPTS_PATH = '/consent-receipts';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function createApp(db: Db, settings: Settings, log: (line: string) => void = () => {}): Collector {
  const app = new Hono<{ Bindings: HttpBindings }>();
  const writer = new BatchWriter(db, settings.batchRows, settings.dbTimeoutMs);
  const limiter = new RateLimiter(settings.ratePerMinute);
  const origins = new Set(settings.origins);

  const address = (c: C): string => {
    const socket = c.env?.incoming?.socket?.remoteAddress ?? '';
    if (!settings.trustProxy) return socket;
    const forwarded = c.req.header('x-forwarded-for');
    return forwarded?.split(',').pop()?.trim() || socket;
  };
  const refuse = (c: C, status: 400 | 401 | 403 | 404 | 413 | 415 | 429 | 503, error: string, extra: object = {}) =>
    c.json({ error, ...extra }, status);

  // CORS: only the configured site origins get the headers; for any other origin the browser refuses.
  app.use(RECEIPTS_PATH, async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin != null && origins.has(origin);
    if (c.req.method == 'OPTIONS') {
      if (!allowed) return c.body(null, 403, { Vary: 'Origin' });
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': '86400',
        Vary: 'Origin',
      });
    }
    await next();
    c.header('Vary', 'Origin');
    if (allowed) c.header('Access-Control-Allow-Origin', origin);
  });

  app.post(RECEIPTS_PATH, async (c) => {
    const client = address(c);
    const wait = limiter.take(rateKey(client));
    if (wait) {
      c.header('Retry-After', String(wait));
      return refuse(c, 429, 'too many requests from this client; retry later');
    }
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) return refuse(c, 415, 'Content-Type must be application/json');
    let bytes: Buffer | null;
    try {
      bytes = await (c.env?.incoming ? readNodeBody(c.env.incoming, settings.maxBodyBytes) : readBody(c.req.raw, settings.maxBodyBytes));
    } catch {
      return refuse(c, 400, 'incomplete body');
    }
    if (bytes == null) return refuse(c, 413, `body larger than ${settings.maxBodyBytes} bytes`);
    let text: string;
    try {
      text = UTF8.decode(bytes);
    } catch {
      // Decoded leniently, its bad bytes would be stored as U+FFFD: another text than the one sent.
      return refuse(c, 400, 'body is not UTF-8 text');
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return refuse(c, 400, 'body is not valid JSON');
    }
    const list = Array.isArray(body) ? body : [body];
    if (!list.length) return refuse(c, 400, 'no receipt in the body');
    if (list.length > settings.maxReceipts) return refuse(c, 413, `at most ${settings.maxReceipts} receipts per request`);
    // The limit counts receipts (the request took one): a batch of 100 is not 100 for the price of one. At most the
    // limit in all, so that a batch larger than it still passes with a full bucket.
    const more = Math.min(list.length, settings.ratePerMinute) - 1;
    const later = more > 0 ? limiter.take(rateKey(client), more) : 0;
    if (later) {
      c.header('Retry-After', String(later));
      return refuse(c, 429, 'too many receipts from this client; retry later');
    }
    const problems: Problem[] = [];
    const incoming: Incoming[] = [];
    const ip = settings.storeIp ? truncateIp(client) : null;
    const userAgent = settings.storeUserAgent ? (c.req.header('user-agent') ?? '').slice(0, 256) || null : null;
    list.forEach((value, i) => {
      const checked = checkReceipt(value, i);
      if (checked.receipt) incoming.push({ receipt: checked.receipt, ip, userAgent });
      problems.push(...checked.problems);
    });
    if (problems.length) return refuse(c, 400, 'invalid receipt', { problems: problems.slice(0, 50) });
    let result: Awaited<ReturnType<typeof writer.write>>;
    try {
      result = await writer.write(incoming);
    } catch (e) {
      log(`candor-collector: could not store ${incoming.length} receipt(s): ${(e as Error)?.message ?? e}`);
      return refuse(c, 503, 'could not store the receipts now; retry later');
    }
    // One receipt (what Candor sends): re-issue the visitor's cookie if it holds that very decision.
    if (incoming.length == 1 && c.req.header('cookie')) {
      try {
        const receipt = incoming[0].receipt;
        const origin = c.req.header('origin') ?? '';
        const secure =
          origin.startsWith('https:') ||
          !!(c.env?.incoming?.socket as { encrypted?: boolean } | undefined)?.encrypted ||
          (settings.trustProxy && c.req.header('x-forwarded-proto') == 'https');
        const cookie = await reissue(c.req.header(), receipt, await cookieOf(receipt.noticeHash), secure);
        if (cookie) c.header('Set-Cookie', cookie);
      } catch (e) {
        log(`candor-collector: could not re-issue the candor cookie: ${(e as Error)?.message ?? e}`);
      }
    }
    return c.json(result, result.stored ? 201 : 200);
  });

  /**
   * `reaskAfterDays` and `cookieDomain` of the registered configuration whose notice the receipt shows (the SDK's default
   * lifetime and a host-only cookie when unknown). The cookie goes where candor.js writes it: a host-only copy next to a
   * `cookieDomain` one would outlive, on this host, a decision made later on a sibling subdomain.
   */
  const cookies = new Map<string, CookieScope>();
  const cookieOf = async (hash: string): Promise<CookieScope> => {
    if (cookies.has(hash)) return cookies.get(hash)!;
    const [row] = await deadline(
      db.query<{ days: string | null; domain: string | null }>(
        `SELECT config->>'reaskAfterDays' AS days, config->>'cookieDomain' AS domain FROM notices WHERE hash = $1`,
        [hash],
      ),
      settings.dbTimeoutMs,
    );
    const scope = { reaskAfterDays: Number(row?.days) > 0 ? Number(row!.days) : REASK_DAYS, domain: row?.domain || undefined };
    if (row && cookies.size < 10_000) cookies.set(hash, scope);
    return scope;
  };

  const admin = (c: C): Response | null => {
    if (!settings.adminToken) return refuse(c, 403, 'admin routes are off: set CANDOR_ADMIN_TOKEN');
    const header = c.req.header('authorization') ?? '';
    let given = '';
    if (/^Bearer /i.test(header)) given = header.slice(7).trim();
    else if (/^Basic /i.test(header))
      given = Buffer.from(header.slice(6), 'base64')
        .toString('utf8')
        .replace(/^[^:]*:/, '');
    const a = Buffer.from(given);
    const b = Buffer.from(settings.adminToken);
    if (a.length == b.length && timingSafeEqual(a, b)) return null;
    c.header('WWW-Authenticate', 'Basic realm="candor-collector", charset="UTF-8"');
    return refuse(c, 401, 'admin token required (Authorization: Bearer TOKEN, or any user name with the token as password)');
  };

  app.get('/subjects/:id/receipts', async (c) => {
    const denied = admin(c);
    if (denied) return denied;
    const subject = c.req.param('id');
    // Of another form, no receipt has it; and PostgreSQL refuses a NUL in the query, which would be a 503 ("retry later").
    if (!SUBJECT.test(subject)) return refuse(c, 400, 'a subject id is 1 to 128 letters, digits or . _ : -');
    c.header('Cache-Control', 'no-store');
    return c.json(await bounded(db, settings.dbTimeoutMs, (q) => subjectReceipts(q, subject)));
  });

  app.get('/stats', async (c) => {
    const denied = admin(c);
    if (denied) return denied;
    const p = period(c.req.query('from'), c.req.query('to'));
    if (!p) return refuse(c, 400, 'from and to must be days (YYYY-MM-DD), from ≤ to, at most 366 days apart');
    c.header('Cache-Control', 'no-store');
    return c.json({ from: p.from, to: p.to, rates: await bounded(db, settings.dbTimeoutMs, (q) => consentRates(q, p.from, p.to)) });
  });

  app.get('/stats.html', async (c) => {
    const denied = admin(c);
    if (denied) return denied;
    const p = period(c.req.query('from'), c.req.query('to'));
    if (!p) return refuse(c, 400, 'from and to must be days (YYYY-MM-DD), from ≤ to, at most 366 days apart');
    c.header('Content-Security-Policy', STATS_CSP);
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.html(statsPage(await bounded(db, settings.dbTimeoutMs, (q) => consentRates(q, p.from, p.to)), p.from, p.to));
  });

  app.get('/health', async (c) => {
    await deadline(db.query('SELECT 1'), settings.dbTimeoutMs);
    return c.json({ ok: true, database: db.kind });
  });

  app.notFound((c) => refuse(c, 404, 'not found'));
  app.onError((e, c) => {
    log(`candor-collector: ${c.req.method} ${c.req.path}: ${e?.message ?? e}`);
    return refuse(c, 503, 'unavailable; retry later');
  });
  return { app, writer };
}

/**
 * The body of a Node request, or null when it is larger than `limit` bytes. Read from the Node
 * stream itself: building a fetch Request for each receipt costs more than storing it.
 */
function readNodeBody(req: IncomingMessage | Http2ServerRequest, limit: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve(null);
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume(); // let the rest drain so that the 413 can be read
        ok(null);
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => ok(size > limit ? null : Buffer.concat(chunks)));
    req.once('error', fail);
    // The client went away before the end of its body: nothing to store, nobody to answer.
    req.once('close', () => fail(new Error('request aborted')));
  });
}

/** The body, or null when it is larger than `limit` bytes (read no further than that). */
async function readBody(req: Request, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers.get('content-length'));
  if (declared > limit) return null;
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
