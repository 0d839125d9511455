/**
 * Group commit: requests that arrive while a transaction is running wait for the next one, which stores
 * all of them at once. One commit (one disk flush) then serves many requests, which is what lets a small
 * machine take thousands of receipts per second; a request is answered when the transaction holding its
 * receipts has committed.
 */
import type { Db } from './db.js';
import { deadline } from './deadline.js';
import { storeReceipts, type Incoming } from './store.js';

interface Waiting {
  rows: Incoming[];
  resolve: (result: { stored: number; duplicate: number }) => void;
  reject: (e: unknown) => void;
}

export class BatchWriter {
  private queue: Waiting[] = [];
  private running: Promise<void> | null = null;
  private transactions = 0;

  /** `maxRows`: receipts per transaction at most; `timeoutMs`: how long a write may wait (0: no limit). */
  constructor(
    private db: Db,
    private maxRows = 1000,
    private timeoutMs = 0,
  ) {}

  /**
   * Store `rows`; resolves once they are committed (or were already stored). Past `timeoutMs` it rejects with a
   * DeadlineError: rows still waiting for their transaction leave the queue (the device sends them again); rows in the
   * transaction under way may still be committed (the device's retry is then answered as a duplicate).
   */
  write(rows: Incoming[]): Promise<{ stored: number; duplicate: number }> {
    let waiting!: Waiting;
    const written = new Promise<{ stored: number; duplicate: number }>((resolve, reject) => {
      waiting = { rows, resolve, reject };
      this.queue.push(waiting);
      this.running ||= this.drain();
    });
    return deadline(written, this.timeoutMs).catch((e) => {
      const i = this.queue.indexOf(waiting);
      if (i >= 0) this.queue.splice(i, 1);
      throw e;
    });
  }

  /** Resolves when everything queued so far is written. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch: Waiting[] = [];
        let count = 0;
        while (this.queue.length && (!batch.length || count + this.queue[0].rows.length <= this.maxRows)) {
          const w = this.queue.shift()!;
          batch.push(w);
          count += w.rows.length;
        }
        try {
          const stored = await storeReceipts(
            this.db,
            batch.flatMap((w) => w.rows),
            undefined,
            this.timeoutMs,
          );
          const claimed = new Set<string>();
          for (const w of batch) {
            // A receipt stored by this batch counts as stored for the first request that sent it.
            let n = 0;
            for (const r of w.rows)
              if (stored.has(r.receipt.id) && !claimed.has(r.receipt.id)) {
                claimed.add(r.receipt.id);
                n++;
              }
            w.resolve({ stored: n, duplicate: w.rows.length - n });
          }
        } catch (e) {
          for (const w of batch) w.reject(e);
        }
        // PGlite has no autovacuum: the one-row chain head, updated by every transaction, would grow a
        // chain of dead versions that each lock has to walk. Clean it now and then (PostgreSQL does it itself).
        if (this.db.kind == 'pglite' && ++this.transactions % 200 == 0) await this.db.exec('VACUUM chain_head').catch(() => {});
      }
    } finally {
      this.running = null;
    }
  }
}
