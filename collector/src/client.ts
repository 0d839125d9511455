/**
 * What the collector knows about the sender, kept to the minimum: the address is used for rate limiting
 * and, only if the operator turns it on, stored truncated (IPv4 to its /24, IPv6 to its /48) so that it
 * points to a network, not a device.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** The address truncated to its network: 203.0.113.77 → 203.0.113.0, 2001:db8:1:2::5 → 2001:db8:1::. */
export function truncateIp(address: string): string | null {
  const v4 = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  if (isIPv4(v4)) return v4.split('.').slice(0, 3).join('.') + '.0';
  return isIPv6(address) ? prefix(address, 3) : null;
}

/**
 * Whom the rate limit counts: an IPv4 address, or an IPv6 address's /64 — the smallest network a provider gives one
 * subscriber, whose 2^64 addresses its holder may all use: counted one by one, each would get its own requests a minute.
 */
export function rateKey(address: string): string {
  if (!isIPv6(address) || (address.startsWith('::ffff:') && isIPv4(address.slice(7)))) return address.replace(/^::ffff:/, '');
  return prefix(address, 4);
}

/** The first `n` groups of an IPv6 address, `::` expanded: prefix('2001:db8:1:2::5', 3) → 2001:db8:1::. */
function prefix(address: string, n: number): string {
  const [head, tail = ''] = address.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return (
    groups
      .slice(0, n)
      .map((g) => (parseInt(g, 16) || 0).toString(16))
      .join(':') + '::'
  );
}

/** Clients remembered by the rate limiter at most. */
const MAX_CLIENTS = 100_000;

/** A token bucket per client: `perMinute` tokens a minute (a token per receipt), bursts as large. */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  private swept = 0;

  constructor(
    private perMinute: number,
    private now = () => Date.now(),
  ) {}

  /** Take `cost` tokens (at most `perMinute`) for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string, cost = 1): number {
    if (!this.perMinute) return 0;
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + ((now - b.at) * this.perMinute) / 60e3);
    b.at = now;
    if (this.buckets.size > MAX_CLIENTS && now - this.swept > 10e3) this.sweep(now);
    this.buckets.set(key, b);
    cost = Math.min(cost, this.perMinute);
    if (b.tokens < cost) return Math.ceil(((cost - b.tokens) * 60) / this.perMinute);
    b.tokens -= cost;
    return 0;
  }

  /**
   * Forget clients whose bucket is full again, at most every 10 s (memory stays bounded under many
   * addresses, and a flood of new addresses does not make every request walk the map). Still too many:
   * forget the oldest half.
   */
  private sweep(now: number): void {
    this.swept = now;
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) * this.perMinute) / 60e3 >= this.perMinute) this.buckets.delete(k);
    if (this.buckets.size > MAX_CLIENTS) {
      let drop = this.buckets.size - MAX_CLIENTS / 2;
      for (const k of this.buckets.keys()) if (drop-- > 0) this.buckets.delete(k);
    }
  }
}
