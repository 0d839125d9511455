/**
 * The notice hash as receipts carry it, for Node and the ES module (`candor hash`, `noticeHash` of
 * dist/candor.mjs): the same code as the browser (src/core/receipts.ts), with this release's built-in texts.
 */
import { noticeHash as hashOf, notice as noticeOf, type BuiltInTexts } from './core/receipts';
import { builtInLanguage } from './core/language';
import { LANGUAGES } from './languages';
import { BUILT_IN } from './ui/i18n/index';
import type { ResolvedConfig } from './types';

/** The notice formats `candor hash` reproduces: 2 (receipts now), 1 (receipts made before it). */
export type NoticeFormat = 1 | 2;

/**
 * The built-in texts the interface shows in `language`: that language's, English for a language Candor has
 * no texts for (docs/contract.md §5). The one place that knows where built-in texts live on this side.
 */
export function builtInTexts(language: string, languages: readonly string[] = []): BuiltInTexts {
  return BUILT_IN[builtInLanguage(language, languages, LANGUAGES)];
}

/** The notice of `config` in `language`, in notice format `format` (default 2). */
export function notice(config: ResolvedConfig, language: string, format: NoticeFormat = 2): object {
  return noticeOf(config, language, format == 1 ? null : builtInTexts(language, config.languages));
}

/** SHA-256 (hex) of the canonical notice of `config` in `language`, format `format` (default 2): a receipt's `noticeHash`. */
export function noticeHash(config: ResolvedConfig, language: string, format: NoticeFormat = 2): Promise<string> {
  return hashOf(config, language, format == 1 ? null : builtInTexts(language, config.languages));
}
