/**
 * What the embeds chunk (dist/candor-embeds.js) makes of the embeds the gate reports blocked: a placeholder
 * each (placeholder.ts) naming its purposes, the recipients "Allow and load" grants consent to, and the way to
 * the preference center — composed here, so candor.js carries none of it. candor.js hands over the elements
 * and its text lookup (the config's texts, the language chunk's, the floating button's label).
 */
import { LANGUAGES } from '../languages';
import type { CandorHost } from '../types';
import { direction } from './direction';
import { EMBED_TEXTS } from './embed-texts';
import { purposesOf } from './gate';
import { placeholders, recipients } from './placeholder';
import { pick } from './text';
import type { TextOf } from './texts';
import type { Widget } from './widget';

/** The placeholders of one Candor instance, as candor.js drives them. */
export interface Embeds {
  /** Put a placeholder before each element (they are still blocked), with the texts `text` finds. */
  add(els: Element[], text: TextOf): void;
  /** The element was activated: its placeholder goes. */
  remove(el: Element): void;
  destroy(): void;
}

/** What candor-embeds.js registers: `host` is the Candor instance the placeholders decide through. */
export function blockedEmbeds(doc: Document, widget: Widget, host: CandorHost): Embeds {
  const drawn = placeholders(doc, widget);
  return {
    add(els, text) {
      const c = host.config;
      if (!c) return;
      const { language, gpc } = host.get();
      // Once for every embed of the batch. The languages Candor has texts for are written left to right: known without
      // Intl.Locale#maximize(), whose first call is slow (src/core/direction.ts).
      const dir = direction(language, LANGUAGES.includes(language.split('-')[0]));
      // The config's text or the language chunk's, else this chunk's own (English and French).
      const t = (key: string) => text(key) || (EMBED_TEXTS[language] || EMBED_TEXTS.en)[key];
      drawn.add(
        els.map((el) => {
          const ids = purposesOf(el);
          const purposes = ids.map((id) => c.purposes.find((p) => p.id == id));
          const titles = ids.map((id, i) => pick(purposes[i]?.title, language, c.languages) || id);
          const title = titles.join(', ');
          // The purposes the visitor's Global Privacy Control signal keeps off (the configuration's `gpc` names declared ones
          // only): no consent turns them on while the signal is on.
          const off = gpc && titles.filter((_, i) => c.gpc?.includes(ids[i])).join(', ');
          const names = recipients(c.purposes, ids);
          // Each kind of AI interaction of its purposes, once: the last thing said before the interaction (AI Act Art. 50(1)).
          const ai = [...new Set(purposes.map((p) => p?.ai?.interaction))].map((k) => (k ? ' ' + t('interaction.' + k) : '')).join('');
          return {
            el: el as HTMLElement,
            language,
            dir,
            texts: {
              title,
              // Replaced by functions: a title or a vendor name with `$&` or `$'` in it is written as it is.
              // Under the signal, the placeholder says it keeps those purposes off (`blockedGpc`), and names no recipients: nothing is to allow.
              // Then, for a purpose whose AI system the visitor interacts with, that they will (`ai`).
              message:
                (off
                  ? t('blockedGpc').replace('{purpose}', () => off)
                  : t('blocked').replace('{purpose}', () => title) + (names && ' ' + t('allowGrants').replace('{vendors}', () => names))) + ai,
              allow: t('allowAndLoad'),
              settings: t('floatingButton'),
            },
            // A special-category purpose is granted only through its explicit statement (docs/compliance.md E43):
            // its embed's "Allow and load" opens the preference center, where the statement is, and grants nothing.
            // A purpose the configuration does not declare, or one the visitor's Global Privacy Control signal keeps off, is
            // never granted here: no button that would load nothing and record a decision the visitor did not make (a refusal).
            onAllow:
              !off && purposes.every(Boolean)
                ? (opener: Element) =>
                    purposes.some((p) => p!.sensitive)
                      ? host.open(opener)
                      : host.decide('placeholder', Object.fromEntries(ids.map((id) => [id, true])))
                : undefined,
            onSettings: (opener: Element) => host.open(opener),
          };
        }),
      );
    },
    remove: drawn.remove,
    destroy: drawn.destroy,
  };
}
