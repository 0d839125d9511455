/** @jsxRuntime classic */
/** @jsx h */
import type { ResolvedConfig, State } from '../types';
import type { Actions } from './app';
import { gpcLocked, initialSwitches } from './choices';
import { controls } from './controls';
import { h } from './dom';
import type { Localized } from './texts';

const { choice, Link } = controls(h);

/**
 * Marks the banner `data-more` while its text has more below the visible part, which shows the "scroll"
 * cue. Called on scroll, when a purpose opens or closes, and when the banner changes size (mount.ts).
 */
export function scrollCue(info: Element | null) {
  if (info) info.parentElement!.toggleAttribute('data-more', info.scrollHeight - info.scrollTop - info.clientHeight > 2);
}

/** Where a visitor changes or withdraws their choices: the floating button, else the site's own link. */
function withdraw(config: ResolvedConfig, l: Localized) {
  const how = l.text(config.withdrawHint);
  return config.floatingButton || !how ? l.t('changeAnytime', { settings: l.t('floatingButton') }) : l.t('changeAnytimeVia', { how });
}

/**
 * The first layer: a non-modal region (docs/compliance.md B, C11, G26). Everything a visitor needs to decide comes
 * before the three equal buttons in reading order: who, every purpose by title (its explanation one
 * activation away, in a disclosure), how to withdraw, the policy. The titles wrap as a compact list, so the
 * banner stays small; where its text still scrolls, a visible cue says so.
 */
export function Banner({
  config,
  state,
  l,
  actions,
  open,
}: {
  config: ResolvedConfig;
  state: State;
  l: Localized;
  actions: Actions;
  /** Purposes whose explanation is open. */
  open: { [id: string]: boolean };
}) {
  const { t, text } = l;
  const { decide } = actions;
  const more = (e: { currentTarget: Element }) => scrollCue(e.currentTarget);
  const off = config.purposes.filter((p) => gpcLocked(config, state, p.id));
  const layout = config.layout || 'bar';
  return (
    <div
      class={'banner ' + layout + ' ' + (config.position || (layout == 'box' ? 'bottom-right' : 'bottom'))}
      role={layout == 'modal' ? 'dialog' : 'region'}
      aria-modal={layout == 'modal' || undefined}
      tabIndex={-1}
      aria-label={t('bannerLabel')}
    >
      <div class="info" onScroll={more}>
        <p>{t('intro', { controller: config.controller.name })}</p>
        {off.length > 0 && <p class="gpc">{t('gpcOff', { purposes: off.map((p) => text(p.title)).join(', ') })}</p>}
        {/* The titles wrap as one list of disclosure buttons: on a phone, five purposes take four or five lines. */}
        <ul class="brief">
          {config.purposes.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                class="more"
                aria-expanded={!!open[p.id]}
                aria-controls={'candor-brief-' + p.id}
                onClick={() => actions.expand(p.id)}
              >
                {text(p.title)}
                {p.ai && <span class="badge">{t('aiBadge')}</span>}
                {p.required && <span class="muted"> ({t('alwaysActive')})</span>}
              </button>{' '}
            </li>
          ))}
        </ul>
        {config.purposes.map((p) => (
          <div class="muted" id={'candor-brief-' + p.id} hidden={!open[p.id]}>
            {text(p.description)}
            {/* That the visitor will interact with an AI system, before they do (AI Act Art. 50(1), docs/compliance.md I36). */}
            {p.ai?.interaction && <p>{t(('interaction.' + p.ai.interaction) as 'interaction.chat')}</p>}
            {!!p.vendors?.length && (
              <p>
                {t('vendors')}: {p.vendors.map((v) => v.name).join(', ')}
              </p>
            )}
          </div>
        ))}
        <p>
          {withdraw(config, l)} <Link href={config.policyUrl}>{t('policy')}</Link>
        </p>
      </div>
      <p class="cue" aria-hidden="true">
        {t('scrollCue')}
      </p>
      <div class="choices">
        <div class="actions">
          {/* Accept all keeps sensitive purposes as they are (docs/contract.md §6): the switches as they stand. */}
          {choice(t('acceptAll'), () => decide('accept-all', initialSwitches(config, state)))}
          {choice(t('rejectAll'), () => decide('reject-all'))}
          {choice(t('customize'), (e) => actions.customize(e.currentTarget), actions.prefetch)}
        </div>
        {config.closeButton && (
          <button type="button" class="skip" onClick={() => decide('dismiss')}>
            {t('continueWithout')}
          </button>
        )}
      </div>
    </div>
  );
}
