/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import type { ResolvedConfig, State } from '../types';
import type { Actions } from './app';
import { initialSwitches } from './choices';
import type { Localized } from './texts';
import { Link } from './link';

/**
 * One of the equal choices (CNIL 2020-092, COMPLIANCE B7): one class, so one look and one weight.
 * `intent` runs when the visitor points at or focuses it, before a click.
 */
export const choice = (label: string, onClick: (e: { currentTarget: HTMLButtonElement }) => void, intent?: () => void) => (
  <button type="button" class="btn" onClick={onClick} onPointerEnter={intent} onFocus={intent}>
    {label}
  </button>
);

/**
 * The first layer: a non-modal region at the bottom of the page (COMPLIANCE B, C11, G26). Everything a
 * visitor needs to decide comes before the three equal buttons in reading order.
 */
export function Banner({ config, state, l, actions }: { config: ResolvedConfig; state: State; l: Localized; actions: Actions }) {
  const { t, text } = l;
  const { decide } = actions;
  return (
    <div class="banner" role="region" aria-label={t('bannerLabel')}>
      <div class="info">
        <p>{t('intro', { controller: config.controller.name })}</p>
        <ul class="brief">
          {config.purposes.map((p) => (
            <li key={p.id}>
              <strong>{text(p.title)}</strong>
              {p.ai && <span class="badge">{t('aiBadge')}</span>}
              {p.required && <span class="muted"> ({t('alwaysActive')})</span>}
              {' — '}
              <span class="muted">{text(p.description)}</span>
            </li>
          ))}
        </ul>
        <p>
          {t('changeAnytime', { settings: t('floatingButton') })}{' '}
          <Link href={config.policyUrl}>{t('policy')}</Link>
        </p>
      </div>
      <div class="choices">
        <div class="actions">
          {/* Accept all keeps sensitive purposes as they are (SPEC §6): the switches as they stand. */}
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
