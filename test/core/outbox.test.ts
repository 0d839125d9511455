import { createStore } from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { enqueue, flush, OUTBOX_FLAG, type OutboxEnv } from '../../src/core/outbox';
import { uuid } from '../../src/core/receipts';
import { createRecordStore } from '../../src/core/storage';
import type { Receipt } from '../../src/types';

let db = 0;
let clock = 1_800_000_000_000;
/** A page view's record store; page views of one test share the database, like a device. */
const store = () => createRecordStore(uuid, () => createStore(`candor-outbox-${db}`, 'records'));

function receipt(event: Receipt['event'] = 'given'): Receipt {
  return { id: uuid(), subject: 's', time: new Date(clock).toISOString(), event, method: 'accept-all', version: '1', language: 'en', purposes: { a: true }, gpc: false, noticeHash: '0'.repeat(64) };
}

/** A receipt server: answers with the given statuses in turn (then 200), keeps accepted receipts by id. */
function server(...statuses: (number | 'down' | 'hang')[]) {
  const accepted = new Map<string, Receipt>();
  const calls: RequestInit[] = [];
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    calls.push(init!);
    const status = statuses.shift() ?? 200;
    if (status == 'down') throw new TypeError('Failed to fetch');
    if (status == 'hang') return new Promise<Response>(() => {});
    if (status < 300) {
      const r = JSON.parse(init!.body as string) as Receipt;
      accepted.set(r.id, r);
    }
    return new Response(null, { status });
  });
  return { fetch, accepted, calls };
}

function env(fetch: OutboxEnv['fetch']): OutboxEnv {
  return { fetch, now: () => clock, storage: localStorage };
}

beforeEach(() => {
  db++;
  clock = 1_800_000_000_000;
  localStorage.clear();
});

describe('the receipt outbox', () => {
  it('POSTs each receipt as JSON with keepalive and empties the outbox on 2xx', async () => {
    const s = server(201);
    const records = store();
    const r = receipt();
    await enqueue(records, env(s.fetch), r);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBe('1');
    expect(await flush(records, env(s.fetch), '/consent-receipts')).toBe(1);
    expect(s.fetch).toHaveBeenCalledWith('/consent-receipts', expect.objectContaining({ method: 'POST', keepalive: true }));
    expect((s.calls[0].headers as any)['Content-Type']).toBe('application/json');
    expect(s.accepted.get(r.id)).toEqual(r);
    expect(await records.pending()).toEqual([]);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBeNull();
  });

  it('keeps receipts while the server is down and retries with backoff on later page views', async () => {
    const s = server('down', 500, 200, 200);
    const first = receipt('given');
    const second = receipt('updated');
    await enqueue(store(), env(s.fetch), first);
    await enqueue(store(), env(s.fetch), second);
    expect(await flush(store(), env(s.fetch), '/r')).toBe(0);
    expect(s.fetch).toHaveBeenCalledTimes(1); // stops at the first failure
    const [p] = await store().pending();
    expect(p).toMatchObject({ attempts: 1, retryAt: clock + 30e3 });
    // Too early: nothing is sent.
    expect(await flush(store(), env(s.fetch), '/r')).toBe(0);
    expect(s.fetch).toHaveBeenCalledTimes(1);
    clock += 30e3;
    expect(await flush(store(), env(s.fetch), '/r')).toBe(0); // 500
    expect((await store().pending())[0]).toMatchObject({ attempts: 2, retryAt: clock + 60e3 });
    clock += 60e3;
    expect(await flush(store(), env(s.fetch), '/r')).toBe(2);
    expect([...s.accepted.keys()]).toEqual([first.id, second.id]);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBeNull();
  });

  it('never sends a receipt again after a 2xx', async () => {
    const s = server();
    const records = store();
    await enqueue(records, env(s.fetch), receipt());
    await flush(records, env(s.fetch), '/r');
    await flush(store(), env(s.fetch), '/r');
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('loses nothing when the tab closes mid-send: the next page view sends it again, once accepted', async () => {
    const s = server('hang');
    const r = receipt();
    await enqueue(store(), env(s.fetch), r);
    void flush(store(), env(s.fetch), '/r'); // the tab closes while this request is in flight
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await flush(store(), env(s.fetch), '/r')).toBe(1);
    expect(s.accepted.size).toBe(1);
    expect(await store().pending()).toEqual([]);
  });

  it('queues a receipt once even when asked twice', async () => {
    const records = store();
    const r = receipt();
    await enqueue(records, env(vi.fn()), r);
    await enqueue(records, env(vi.fn()), r);
    expect(await records.pending()).toHaveLength(1);
  });

  it('without IndexedDB, still sends from memory during the page view', async () => {
    const s = server();
    const records = createRecordStore(uuid, () => {
      throw new Error('no IndexedDB');
    });
    await enqueue(records, env(s.fetch), receipt());
    expect(await flush(records, env(s.fetch), '/r')).toBe(1);
  });
});

it('a receipt the server refuses (4xx) does not hold back the ones after it', async () => {
  const s = server(422, 201);
  const refused = receipt('given');
  const next = receipt('updated');
  await enqueue(store(), env(s.fetch), refused);
  await enqueue(store(), env(s.fetch), next);
  expect(await flush(store(), env(s.fetch), '/r')).toBe(1);
  expect([...s.accepted.keys()]).toEqual([next.id]);
  expect(await store().pending()).toMatchObject([{ receipt: { id: refused.id }, attempts: 1 }]);
});
