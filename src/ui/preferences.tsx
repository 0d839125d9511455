/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import type { Method, Receipt, ResolvedConfig, State } from '../types';
import { gpcLocked, type Switches } from './choices';
import type { Localized } from './texts';
import { Link } from './link';
import { Purpose } from './purpose';
import { Records } from './records';

export interface PreferencesProps {
  config: ResolvedConfig;
  state: State;
  l: Localized;
  switches: Switches;
  /** Purposes whose details are open. */
  expanded: { [id: string]: boolean };
  receipts: Receipt[] | null;
  decide(method: Method, switches?: Switches): void;
  /** Go back without deciding (Escape, Close). */
  close(): void;
  toggle(id: string): void;
  expand(id: string): void;
  download(near: Element): void;
}

/**
 * The second layer: a modal dialog labelled by its visible title (WAI-ARIA APG dialog pattern, COMPLIANCE
 * G28); `mountUI` moves focus in, wraps Tab and closes on Escape (see focus.ts).
 */
export function Preferences(props: PreferencesProps) {
  const { config, state, l, switches, decide } = props;
  const { t } = l;
  const gpc = state.gpc && !!config.gpc && config.gpc.length > 0;

  return (
    <div class="backdrop">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="candor-dialog-title">
        <div class="head">
          <h2 id="candor-dialog-title" tabIndex={-1}>
            {t('dialogTitle')}
          </h2>
          <button type="button" class="x" aria-label={t('close')} onClick={props.close}>
            ×
          </button>
        </div>
        <div class="body">
          <p>
            {t('intro', { controller: config.controller.name })}{' '}
            <Link href={config.policyUrl}>{t('policy')}</Link>
            {config.controller.contact && ' · '}
            {config.controller.contact && <Link href={config.controller.contact}>{t('contact')}</Link>}
          </p>
          {gpc && <p class="note">{t('gpcHonored')}</p>}
          <ul class="purposes">
            {config.purposes.map((p) => {
              const gpcOff = gpcLocked(config, state, p.id);
              return (
                <Purpose
                  key={p.id}
                  purpose={p}
                  l={l}
                  on={p.required || (!gpcOff && !!switches[p.id])}
                  locked={p.required || gpcOff}
                  toggle={() => props.toggle(p.id)}
                  open={!!props.expanded[p.id]}
                  expand={() => props.expand(p.id)}
                />
              );
            })}
          </ul>
          <Records config={config} receipts={props.receipts} l={l} download={props.download} />
        </div>
        <div class="actions">
          <button type="button" class="btn" onClick={() => decide('save', switches)}>
            {t('save')}
          </button>
          <button type="button" class="btn" onClick={() => decide('accept-all', switches)}>
            {t('acceptAll')}
          </button>
          <button type="button" class="btn" onClick={() => decide('reject-all')}>
            {t('rejectAll')}
          </button>
        </div>
      </div>
    </div>
  );
}
