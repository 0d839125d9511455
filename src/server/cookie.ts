/**
 * Re-issuing the visitor's `candor` cookie from your server (dist/server.mjs, `candor/server`), so Safari's
 * 7-day cap on cookies written by script does not ask the visitor again every week (README, "Safari's 7-day
 * cap on script-set cookies"). The server never makes a decision: it sends back, byte for byte, the cookie
 * the browser already holds, with a lifetime no longer than what is left of it — and only when that cookie
 * is well-formed, current, from the same site and, for a receipt, the decision that receipt records.
 */
import type { Receipt } from '../types';
import { COOKIE, decodeDecision } from '../core/storage';

export interface CookieOptions {
  /** `reaskAfterDays` of your configuration (182 by default): the cookie never outlives the decision. */
  reaskAfterDays?: number;
  /** `cookieDomain` of your configuration, when you set one. */
  domain?: string;
  /** Send `Secure` (default true). Only plain-http development (`http://localhost`) needs false. */
  secure?: boolean;
  /**
   * The receipt just POSTed to your receipts endpoint: the cookie is re-issued only when it holds the
   * decision this receipt records (same version, same granted and refused purposes), so a receipt sent late
   * (the outbox retries for days) never touches a newer decision.
   */
  receipt?: Partial<Receipt> | null;
  /** Current time in ms (tests). */
  now?: number;
}

/** The request as Node's `http.IncomingMessage` (or anything with lower-case header names) gives it. */
export interface RequestLike {
  headers: { [name: string]: string | string[] | undefined };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || '';
/** `cookieDomain` as the configuration allows it (src/core/schema.ts): anything else (`;`, a line break) would add attributes or headers. */
const DOMAIN = /^\.?[a-z0-9.-]+$/;
/** Cookie value characters of RFC 6265 (no space, `"`, `,`, `;` or `\`). */
const OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/;

/**
 * The `Set-Cookie` header value re-issuing the request's `candor` cookie, or null when it must not be sent:
 * no cookie, a value Candor would not accept, a decision that has lapsed or is dated in the future, a
 * cross-site request, several `candor` cookies that differ, (with `receipt`) another decision than the receipt's, or
 * options no configuration allows (`domain` other than a `cookieDomain`, `reaskAfterDays` not a positive number).
 */
export function candorSetCookie(req: RequestLike, options: CookieOptions = {}): string | null {
  const h = req.headers;
  // Same site only: a cross-site request never gets our cookie back (Fetch Metadata, then Origin).
  if (one(h['sec-fetch-site']) == 'cross-site') return null;
  const origin = one(h.origin);
  if (origin && origin != 'null') {
    try {
      // HTTP/2 (Node's http2 compatibility API) names the host `:authority`, and sends no `host` unless the client did.
      if (new URL(origin).host != (one(h.host) || one(h[':authority']))) return null;
    } catch {
      return null;
    }
  }
  // Several Cookie headers, as a framework may list them, are one list: a differing copy in the second counts too.
  const jar = ([] as (string | undefined)[]).concat(h.cookie).join('; ');
  const values = Array.from(jar.matchAll(new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]*)`, 'g')), (m) => m[1].trim());
  // Several copies that differ (a stale one on a deeper Path or a parent domain, listed first by the browser): which is
  // current cannot be told, and echoed on Path=/ the first could replace the visitor's last decision. None is re-issued.
  const value = values.every((v) => v == values[0]) ? values[0] || '' : '';
  const decision = OCTETS.test(value) ? decodeDecision(value) : null;
  if (!decision) return null;
  const days = options.reaskAfterDays || 182;
  // A site's mistake here must not shape the header: a Domain that injects `HttpOnly` would hide the decision from candor.js,
  // which could then never replace it (a withdrawal included); an endless lifetime is no Max-Age.
  if (!(days > 0 && days < 1e4) || (options.domain && !DOMAIN.test(options.domain))) return null;
  const now = options.now ?? Date.now();
  const left = Math.floor((decision.time + days * 864e5 - now) / 1000);
  // Dated more than a minute ahead (clock skew aside): not a decision this browser made.
  if (left <= 0 || left > days * 86400 + 60) return null;
  const r = options.receipt;
  if (r) {
    const p = r.purposes || {};
    if (r.version !== decision.version || !decision.granted.every((id) => p[id] === true) || !decision.denied.every((id) => p[id] === false))
      return null;
  }
  return `${COOKIE}=${value}; Path=/; Max-Age=${left}; SameSite=Lax${options.domain ? '; Domain=' + options.domain : ''}${options.secure === false ? '' : '; Secure'}`;
}
