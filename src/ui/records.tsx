/** @jsxRuntime classic */
/** @jsx h */
import type { Receipt, ResolvedConfig } from '../types';
import { h } from './shared';
import { READABLE_FILE, readableRecords } from './readable-records';
import type { Localized } from './texts';

/** The name of the downloaded records file (docs/contract.md §5). */
export const RECORDS_FILE = 'candor-receipts.json';

export interface RecordsProps {
  config: ResolvedConfig;
  /** This device's receipts, newest first; null while loading. */
  receipts: Receipt[] | null;
  l: Localized;
  download(near: Element): void;
}

/** Saves `content` as file `name` through a temporary `download` link placed next to `near`. */
function save(content: string, type: string, name: string, near: Element) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = near.ownerDocument.createElement('a');
  a.href = url;
  a.download = name;
  near.after(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1e4);
}

/** Saves `receipts` as a JSON file (the same objects, newest first) next to `near`. */
export function saveRecords(receipts: Receipt[], near: Element) {
  save(JSON.stringify(receipts, null, 2), 'application/json', RECORDS_FILE, near);
}

/** This device's consent records (GDPR Art. 7(1); access, Art. 15) and their download, as JSON and as readable text. */
export function Records({ config, receipts, l, download }: RecordsProps) {
  const { t, text, language } = l;
  const title = (id: string) => {
    const purpose = config.purposes.find((p) => p.id == id);
    return purpose ? text(purpose.title) : id;
  };
  const time = (iso: string) => {
    try {
      return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
    } catch {
      return iso;
    }
  };

  return (
    <section class="records" aria-labelledby="candor-records">
      <h3 id="candor-records">{t('records')}</h3>
      {receipts &&
        (receipts.length ? (
          <ol>
            {receipts.map((r) => (
              <li key={r.id}>
                <time dateTime={r.time}>{time(r.time)}</time> — {t(('event.' + r.event) as 'event.given')}
                <br />
                <span class="muted">
                  {Object.keys(r.purposes)
                    .map((id) => t('choice', { purpose: title(id), state: t(r.purposes[id] ? 'on' : 'off') }))
                    .join(', ')}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">{t('noRecords')}</p>
        ))}
      <button type="button" class="ghost" onClick={(e) => download(e.currentTarget)}>
        {t('download')}
      </button>
      {receipts && (
        <button
          type="button"
          class="ghost"
          onClick={(e) => save(readableRecords(receipts, config, l, new Date()), 'text/plain;charset=utf-8', READABLE_FILE, e.currentTarget)}
        >
          {t('downloadReadable')}
        </button>
      )}
    </section>
  );
}
