/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import type { Method, ResolvedConfig } from '../types';
import type { Switches } from './choices';
import type { Localized } from './texts';
import { Link } from './link';

export interface BannerProps {
  config: ResolvedConfig;
  l: Localized;
  /** The current switch positions: Accept all keeps sensitive purposes as they are (SPEC §6). */
  switches: Switches;
  decide(method: Method, switches?: Switches): void;
  customize(opener: Element): void;
}

/**
 * The first layer: a non-modal region at the bottom of the page (COMPLIANCE B, C11, G26). Everything a
 * visitor needs to decide comes before the three equal buttons in reading order.
 */
export function Banner({ config, l, switches, decide, customize }: BannerProps) {
  const { t, text } = l;
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
          {/* CNIL 2020-092 / COMPLIANCE B7: the three choices share one class, so one look and one weight. */}
          <button type="button" class="btn" onClick={() => decide('accept-all', switches)}>
            {t('acceptAll')}
          </button>
          <button type="button" class="btn" onClick={() => decide('reject-all')}>
            {t('rejectAll')}
          </button>
          <button type="button" class="btn" onClick={(e) => customize(e.currentTarget)}>
            {t('customize')}
          </button>
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
