import type { ResolvedConfig } from '../types';

/** A text lookup by key, as candor.js hands it to what it draws. */
export type TextOf = (key: string) => string | undefined;

/**
 * `key` in `language`: the config's override, else the language chunk's built-in text (`builtIn`); undefined
 * without either — the button's and the embeds' chunks then use their own (English and French, else English:
 * button-texts.ts, embed-texts.ts).
 */
export function coreText(config: ResolvedConfig, language: string, key: string, builtIn?: { [key: string]: string }): string | undefined {
  return config.texts?.[language]?.[key] || builtIn?.[key];
}
