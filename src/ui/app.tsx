/** @jsxRuntime classic */
/** @jsx h */
// Every src/ui/*.tsx compiles to classic h(tag, props, ...children) calls (issue #6): shorter than jsx(tag, {children}).
// The first layer draws with dom.ts (no Preact: issue #16); the preference center, with Preact, draws into
// `center`, a container of its own that this tree places and never looks into.
import type { CandorHost, Method, Receipt, State } from '../types';
import type { Switches } from './choices';
import type { Localized } from './texts';
import { Banner } from './banner';
import { h } from './dom';

/** Everything the interface shows, held by `mountUI` (top-level renders are synchronous). */
export interface Model {
  state: State;
  banner: boolean;
  preferences: boolean;
  /** The preference center's switches, reset from the state on each opening and each decision. */
  switches: Switches;
  expanded: { [id: string]: boolean };
  receipts: Receipt[] | null;
  /** Non-zero after a decision made here: keys the status text so a repeat is announced again. */
  saved: number;
  /** A granted purpose was withdrawn: offer a reload (docs/contract.md §7, docs/compliance.md D17). */
  reload: boolean;
}

/** What the visitor can do (the preference center adds its own: prefs.ts). */
export interface Actions {
  decide(method: Method, switches?: Switches): void;
  customize(opener: Element): void;
  /** The visitor is about to open the preference center: have it ready (its chunk, in candor.js). */
  prefetch(): void;
  close(): void;
  expand(id: string): void;
  dismissReload(): void;
}

/**
 * The banner, the preference center's container and a polite status region, in the visitor's language.
 * What goes in `center` is drawn by the preference center's module (prefs.ts), once loaded (mount.ts).
 */
export function App({ host, model, actions, l, center }: { host: CandorHost; model: Model; actions: Actions; l: Localized; center: Element }) {
  const config = host.config!;
  const { state } = model;
  const { t } = l;
  const reload = model.reload && !model.preferences;

  return (
    <div class="root" lang={state.language} dir={l.dir}>
      {model.banner && <Banner config={config} state={state} l={l} actions={actions} open={model.expanded} />}
      {center}
      {/* "Saved" is only announced (the banner going away shows it): nothing covers the page for seconds.
          Visible only to offer a reload, and then never over the preference center's buttons. */}
      <div class={reload ? 'toast' : 'toast off'}>
        {/* Present from the start so screen readers announce what appears in it (WCAG 4.1.3). */}
        <p role="status">{model.saved > 0 && <span key={model.saved}>{t('saved')}</span>}</p>
        {reload && (
          <div class="row">
            <button type="button" class="ghost" onClick={() => location.reload()}>
              {t('reloadOffer')}
            </button>
            <button type="button" class="x" aria-label={t('close')} onClick={actions.dismissReload}>
              ×
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
