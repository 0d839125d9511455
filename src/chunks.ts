/**
 * The lazy chunks' one contract. src/chunks.json lists them — `id: { entry, by }` — and drives the build
 * (rollup.config.mjs: dist/candor-<id>.js from `entry`, in that order, its sha256 written into the bundle named
 * by `by`: `candor` is candor.js), the loader (src/embed.ts) and the size budgets (scripts/size.mjs). Each
 * language of src/languages.ts is two chunks too (src/ui/text-layers.ts): dist/candor-<language>.js, the first
 * layer's texts, whose hash is in candor.js for the DEFAULT_LANGUAGES, in dist/candor-languages.js for the others;
 * and dist/candor-<language>-prefs.js, the second layer's, whose id and hash are in the first layer's chunk (FirstLayer): a
 * first visit carries that one hash, not all languages' (docs/architecture.md).
 *
 * A chunk, when it runs, registers what it brings as `window['candor-<id>']`, typed below; the loader reads
 * it once, and nothing else uses it.
 */
import type { MakePlaceholders } from './core/held';
import type { validate } from './core/validate';
import type { candorCore } from './core-entry';
import type { UIChunk } from './ui/entry';
import type * as prefs from './ui/prefs';
import type { BuiltInTexts } from './ui/texts';

/** What each chunk of src/chunks.json registers. */
export interface Chunks {
  /** The integrity of the language chunks candor.js does not carry, by language. */
  languages: Integrity;
  /** The preference center, for candor-ui.js. */
  prefs: typeof prefs;
  /** `mountUI`, for candor.js. */
  ui: UIChunk;
  /** The embed placeholders (src/core/blocked.ts), on the first blocked embed. */
  embeds: MakePlaceholders;
  /** The validator. */
  check: typeof validate;
  /** Records, outbox and cleanup. */
  core: typeof candorCore;
}

/**
 * The sha256 of chunks by id, base64, as the build writes it into a bundle: without the `sha256-` of an integrity
 * attribute, which the loader adds (rollup.config.mjs).
 */
export type Integrity = { [id: string]: string };

/**
 * A language's first-layer chunk (dist/candor-<language>.js): its texts, and which chunk has the others — its id
 * (`<language>-prefs`, dist/candor-<language>-prefs.js) and sha256 (as Integrity's). A tuple: the smallest chunk of a
 * first visit, it compresses least (rollup.config.mjs).
 */
export type FirstLayer = [texts: BuiltInTexts, more: `${string}-prefs`, sha256: string];

/** What chunk `id` registers: one of Chunks, else a language's second-layer texts (`<language>-prefs`) or first layer. */
export type Chunk<K extends string> = K extends keyof Chunks ? Chunks[K] : K extends `${string}-prefs` ? BuiltInTexts : FirstLayer;

/** candor.js's loader: dist/candor-<id>.js, once, with its `sha256` (as Integrity's) as integrity, crossorigin and candor.js's nonce. */
export type Load = <K extends string>(id: K, sha256: string) => Promise<Chunk<K>>;

/** Every chunk of src/chunks.json is typed in Chunks, and no other (a type error names the odd one out). */
type Listed = keyof typeof import('./chunks.json');
type Same<T extends true> = T;
export type ChunksListed = Same<[Listed, keyof Chunks] extends [keyof Chunks, Listed] ? true : false>;

type Registered = { [K in keyof Chunks as `candor-${K}`]?: Chunks[K] };

declare global {
  interface Window extends Registered {
    /** A language chunk's built-in texts (`candor-de`, `candor-de-prefs`). */
    [language: `candor-${string}`]: Chunks[keyof Chunks] | FirstLayer | BuiltInTexts | undefined;
  }
}
