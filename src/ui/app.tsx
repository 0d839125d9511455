/** @jsxRuntime classic */
/** @jsx h */
// Every src/ui/*.tsx compiles to classic h(tag, props, ...children) calls (issue #6): the chunk then carries
// one element factory (render already needs h) instead of two, and the calls are shorter than jsx(tag, {children}).
import { h } from 'preact';
import type { CandorHost, Method, Receipt, State } from '../types';
import type { Switches } from './choices';
import { localize, type BuiltIn } from './texts';
import { Banner } from './banner';
import type { PreferencesModule } from './mount';

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

/** What the visitor can do. */
export interface Actions {
  decide(method: Method, switches?: Switches): void;
  customize(opener: Element): void;
  /** The visitor is about to open the preference center: have it ready (its chunk, in candor.js). */
  prefetch(): void;
  close(): void;
  toggle(id: string): void;
  expand(id: string): void;
  download(near: Element): void;
  dismissReload(): void;
}

/**
 * The banner, the preference center and a polite status region, in the visitor's language. `Preferences`
 * is passed in: in candor.js it comes from its own chunk, loaded before `model.preferences` is set.
 */
export function App({
  host,
  model,
  actions,
  texts,
  Preferences,
}: {
  host: CandorHost;
  model: Model;
  actions: Actions;
  /** The built-in texts loaded (texts.ts). */
  texts: BuiltIn;
  Preferences?: PreferencesModule['Preferences'];
}) {
  const config = host.config;
  if (!config) return null;
  const { state } = model;
  const l = localize(config, state.language, texts);
  const { t } = l;
  const reload = model.reload && !model.preferences;

  return (
    <div class="root" lang={state.language}>
      {model.banner && <Banner config={config} state={state} l={l} actions={actions} open={model.expanded} />}
      {model.preferences && Preferences && <Preferences config={config} l={l} model={model} actions={actions} />}
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
