/**
 * SHA-256 of a string's UTF-8 bytes, as hex. Uses Web Crypto where the page is a secure context and a
 * small FIPS 180-4 implementation elsewhere (plain-http pages have no `crypto.subtle`), so every page can
 * hash its notice.
 */
export async function sha256(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  let digest: Uint8Array | undefined;
  try {
    digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  } catch {
    // No Web Crypto here (not a secure context), or it refused: the same digest, computed in JS.
  }
  digest ||= sha256Bytes(bytes);
  return Array.from(digest, (b) => (b + 256).toString(16).slice(1)).join('');
}

/** The FIPS 180-4 round constants: fractional parts of the cube roots of the first 64 primes. */
const K: number[] = [];
/** Initial hash: fractional parts of the square roots of the first 8 primes. */
const H0: number[] = [];
for (let n = 2, found = 0; found < 64; n++) {
  let prime = true;
  for (let d = 2; d * d <= n; d++) if (n % d == 0) prime = false;
  if (!prime) continue;
  if (found < 8) H0[found] = ((n ** (1 / 2) % 1) * 2 ** 32) | 0;
  K[found++] = ((n ** (1 / 3) % 1) * 2 ** 32) | 0;
}

/** Plain SHA-256 over bytes (exported for tests against Web Crypto). */
export function sha256Bytes(data: Uint8Array): Uint8Array {
  // The message, 0x80 and its 8-byte bit length, rounded up to whole 64-byte blocks.
  const length = (data.length + 72) & -64;
  const m = new Uint8Array(length);
  m.set(data);
  m[data.length] = 0x80;
  const view = new DataView(m.buffer);
  view.setUint32(length - 4, data.length * 8);
  // setUint32 truncates to a whole number (ToUint32): the bit length's high word.
  view.setUint32(length - 8, data.length / 2 ** 29);
  const h = H0.slice();
  const w: number[] = [];
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < length; off += 64) {
    for (let i = 0; i < 64; i++) {
      if (i < 16) w[i] = view.getUint32(off + i * 4);
      else {
        const a = w[i - 15],
          b = w[i - 2];
        w[i] = (w[i - 16] + (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) + w[i - 7] + (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10))) | 0;
      }
    }
    let [a, b, c, d, e, f, g, k] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, k].forEach((x, i) => (h[i] = (h[i] + x) | 0));
  }
  // The padded message is read: its first 32 bytes take the digest (setUint32 takes a negative word as unsigned).
  h.forEach((x, i) => view.setUint32(i * 4, x));
  return m.slice(0, 32);
}
