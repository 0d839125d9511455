import type { Receipt, ResolvedConfig } from '../types';
import type { TextKey } from './i18n/en';
import type { Localized } from './texts';

/** The readable records file, saved beside candor-receipts.json (docs/receipts.md, "The readable download"). */
export const READABLE_FILE = 'candor-receipts.txt';

/** Methods that are a button the visitor pressed, named by its label; the others get a sentence of their own. */
const BUTTONS: { [method: string]: TextKey } = {
  'accept-all': 'acceptAll',
  'reject-all': 'rejectAll',
  save: 'save',
  dismiss: 'continueWithout',
  placeholder: 'allowAndLoad',
};

/**
 * `receipts` (newest first) as plain text in the visitor's language (GDPR Art. 12(1), 15): dates for their locale,
 * purposes by title, what each decision was and meant per purpose — consent given, refused, or withdrawn (on in
 * the previous record, off in this one). Plain text has nothing to escape and nothing that runs: config texts are
 * written as they are.
 */
export function readableRecords(receipts: Receipt[], config: ResolvedConfig, l: Localized, now: Date): string {
  const { t, text, language } = l;
  const date = (d: Date) => {
    try {
      return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'long' }).format(d);
    } catch {
      return d.toISOString();
    }
  };
  const purpose = (id: string) => config.purposes.find((p) => p.id == id);
  const lines = [t('records'), t('readableIntro', { controller: config.controller.name, date: date(now) }), ''];
  receipts.forEach((r, i) => {
    // `== true` below: an object (`{}` for the first record) inherits `constructor`, a valid purpose id, truthy.
    const before = receipts[i + 1]?.purposes || {};
    const button = BUTTONS[r.method];
    lines.push(
      `${date(new Date(r.time))} — ${t(('event.' + r.event) as TextKey)}`,
      button ? t('recordMethod', { button: t(button) }) : t(('method.' + r.method) as TextKey),
    );
    if (r.gpc) lines.push(t('gpcHonored'));
    for (const id in r.purposes) {
      const p = purpose(id);
      const state = p?.required ? 'alwaysActive' : r.purposes[id] ? 'event.given' : before[id] == true ? 'event.withdrawn' : 'event.refused';
      lines.push('  ' + t('choice', { purpose: p ? text(p.title) : id, state: t(state) }));
    }
    lines.push(t('recordRef', { id: r.id, version: r.version }), '');
  });
  if (!receipts.length) lines.push(t('noRecords'));
  // The byte order mark tells text editors the file is UTF-8.
  return '\ufeff' + lines.join('\n');
}
