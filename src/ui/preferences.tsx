/** @jsxRuntime classic */
/** @jsx h */
import type { CandorHost, ResolvedConfig } from '../types';
import type { Actions, Model } from './app';
import { choice, gpcLocked, h, Link } from './shared';
import type { Localized } from './texts';
import { Purpose } from './purpose';
import { Records, saveRecords } from './records';

/** What mount.ts passes: its model and actions, and `redraw`, which renders everything again from the model. */
export interface CenterProps {
  config: ResolvedConfig;
  l: Localized;
  model: Model;
  actions: Actions;
  host: CandorHost;
  redraw(): void;
}

/**
 * The second layer: a modal dialog labelled by its visible title (WAI-ARIA APG dialog pattern, docs/compliance.md
 * G28); `mountUI` moves focus in, wraps Tab and closes on Escape (see focus.ts). Rendered only while open.
 * What only it offers is here: a switch changes mount.ts's model (read again by the next decision) and redraws;
 * the download takes the records mount.ts loaded on opening, or asks for them.
 */
export function Preferences({ config, l, model, actions, host, redraw }: CenterProps) {
  const { state, switches } = model;
  const toggle = (id: string) => {
    model.switches = { ...switches, [id]: !switches[id] };
    redraw();
  };
  const { t } = l;
  const { decide } = actions;
  const contact = config.controller.contact;

  return (
    <div class="backdrop">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="candor-dialog-title">
        <div class="head">
          <h2 id="candor-dialog-title" tabIndex={-1}>
            {t('dialogTitle')}
          </h2>
          <button type="button" class="x" aria-label={t('close')} onClick={actions.close}>
            ×
          </button>
        </div>
        <div class="body">
          <p>
            {t('intro', { controller: config.controller.name })} <Link href={config.policyUrl}>{t('policy')}</Link>
            {contact && ' · '}
            {contact && <Link href={contact}>{t('contact')}</Link>}
          </p>
          {/* Honoured, naming the purposes it keeps off (docs/compliance.md I35), as the banner does. */}
          {state.gpc && !!config.gpc?.length && (
            <div class="note">
              <p>{t('gpcHonored')}</p>
              <p>
                {config.purposes
                  .filter((p) => gpcLocked(config, state, p.id))
                  .map((p) => t('choice', { purpose: l.text(p.title), state: t('off') }))
                  .join(', ')}
              </p>
            </div>
          )}
          <ul class="purposes">
            {config.purposes.map((p) => {
              const locked = p.required || gpcLocked(config, state, p.id);
              return (
                <Purpose
                  key={p.id}
                  p={p}
                  config={config}
                  l={l}
                  on={p.required || (!locked && !!switches[p.id])}
                  locked={locked}
                  open={!!model.expanded[p.id]}
                  actions={actions}
                  toggle={toggle}
                />
              );
            })}
          </ul>
          <Records
            config={config}
            receipts={model.receipts}
            l={l}
            download={(near) => (model.receipts ? saveRecords(model.receipts, near) : host.receipts().then((list) => saveRecords(list, near)))}
          />
        </div>
        <div class="actions">
          {choice(t('save'), () => decide('save', switches))}
          {choice(t('acceptAll'), () => decide('accept-all', switches))}
          {choice(t('rejectAll'), () => decide('reject-all'))}
        </div>
      </div>
    </div>
  );
}
