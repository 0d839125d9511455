/**
 * A language's whole built-in texts in candor.js: its first layer's chunk (dist/candor-<language>.js, already
 * loaded) names its second layer's, dist/candor-<language>-prefs.js, with its hash (src/chunks.ts FirstLayer); both layers
 * together are the language's texts (src/ui/text-layers.ts). The preference center (src/ui/entry.ts) and the
 * records chunk (src/core-entry.ts: receipts hash every text) load it; candor.js itself never needs it.
 */
import type { FirstLayer, Load } from './chunks';
import type { BuiltInTexts } from './ui/texts';

export const bothLayers = ([texts, more, sha256]: FirstLayer, load: Load): Promise<BuiltInTexts> =>
  load(more, sha256).then((rest) => ({ ...texts, ...rest }));
