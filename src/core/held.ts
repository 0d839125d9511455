/**
 * Embed placeholders from their own chunk (dist/candor-embeds.js in candor.js), fetched when the gate first
 * reports a blocked embed: a page without one never downloads them, nor their texts and styles. Until the
 * chunk is there, and if it never comes, the embeds stay as the gate left them — inert, their `data-src` not
 * loaded — since only the gate activates an element, and only once its purposes are granted. An embed
 * activated meanwhile is skipped when the placeholders arrive (placeholder.ts draws only for elements still waiting).
 */
import type { CandorHost } from '../types';
import type { Embeds } from './blocked';
import type { Widget } from './widget';

export type MakePlaceholders = (doc: Document, widget: Widget, host: CandorHost) => Embeds;

/** `host` gives the Candor instance once the chunk is there. */
export function lazyPlaceholders(doc: Document, widget: Widget, host: () => CandorHost, load?: () => Promise<MakePlaceholders>): Embeds {
  let made: Embeds | undefined;
  let loading: Promise<unknown> | undefined;
  let gone = false;
  return {
    add(els, text) {
      if (made || !load) return made?.add(els, text);
      (loading ||= load().then(
        (make) => gone || (made = make(doc, widget, host())),
        (e) => {
          // Tried again on the next blocked embed.
          loading = undefined;
          console.error('Candor: could not load the embed placeholders.', e);
        },
      )).then(() => made?.add(els, text));
    },
    remove: (el) => made?.remove(el),
    destroy() {
      gone = true;
      made?.destroy();
    },
  };
}
