/**
 * The notice hash as receipts carry it, for Node and the ES module (`candor hash`, `noticeHash` of
 * dist/candor.mjs): the same code as the browser (src/core/receipts.ts), with this release's built-in texts.
 * In the ES module a language's texts are loaded on first need (src/ui/i18n/lazy.ts); the `candor` command
 * bundles them all (rollup.config.mjs).
 */
import { noticeHash as hashOf, notice as noticeOf, type BuiltInTexts } from './core/receipts';
import { LOADED, loadTexts, whose } from './ui/i18n/lazy';
import type { ResolvedConfig } from './types';

export { loadTexts };

/** The notice formats `candor hash` reproduces: 2 (receipts now), 1 (receipts made before it). */
export type NoticeFormat = 1 | 2;

/**
 * The built-in texts the interface shows in `language`: that language's, English for a language Candor has
 * no texts for (docs/contract.md §5), if already loaded (English always is); else it throws, naming the
 * language to load with `loadTexts` — a notice with other texts would not be the one the visitor was shown.
 */
export function builtInTexts(language: string, languages: readonly string[] = []): BuiltInTexts {
  const l = whose(language, languages);
  const texts = LOADED[l];
  if (!texts) throw new Error(`Candor: the built-in texts of "${l}" are not loaded yet: await loadTexts('${l}') first (or use noticeHash)`);
  return texts;
}

/**
 * The notice of `config` in `language`, in notice format `format` (default 2). Synchronous: format 2 needs the
 * built-in texts of the language, English or loaded before (`await loadTexts(language)`); it throws otherwise.
 */
export function notice(config: ResolvedConfig, language: string, format: NoticeFormat = 2): object {
  return noticeOf(config, language, format == 1 ? null : builtInTexts(language, config.languages));
}

/** SHA-256 (hex) of the canonical notice of `config` in `language`, format `format` (default 2): a receipt's `noticeHash`. */
export async function noticeHash(config: ResolvedConfig, language: string, format: NoticeFormat = 2): Promise<string> {
  return hashOf(config, language, format == 1 ? null : await loadTexts(language, config.languages));
}
