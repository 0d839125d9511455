/**
 * A language's whole built-in texts in candor.js: its first layer's chunk (dist/candor-<language>.js, already
 * loaded) names its second layer's, dist/candor-<language>-prefs.js, with its hash (`more`); both layers
 * together are the language's texts (src/ui/text-layers.ts). The preference center (src/ui/entry.ts) and the
 * records chunk (src/core-entry.ts: receipts hash every text) load it; candor.js itself never needs it.
 */
import type { FirstLayer, Load } from './chunks';
import type { BuiltInTexts } from './ui/texts';

export const bothLayers = (first: FirstLayer, load: Load): Promise<BuiltInTexts> => load(...first.more).then((more) => ({ ...first.texts, ...more }));
