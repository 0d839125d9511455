/**
 * A random RFC 4122 version 4 UUID (getRandomValues works outside secure contexts too, unlike
 * crypto.randomUUID). Its own module: candor.js names each receipt when the decision is made
 * (src/core/pending.ts) without carrying the hashing code.
 */
export const uuid = (): string =>
  // Each 0 becomes a random hex digit and the 8 one of 8, 9, a, b (the variant); the 4 stays (the version).
  '00000000-0000-4000-8000-000000000000'.replace(/[08]/g, (c) =>
    (+c | (crypto.getRandomValues(new Uint8Array(1))[0] & (c == '8' ? 3 : 15))).toString(16),
  );
