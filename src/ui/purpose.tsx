/** @jsxRuntime classic */
/** @jsx h */
import type { ComponentChildren } from 'preact';
import type { ResolvedConfig } from '../types';
import type { Actions } from './app';
import { SPECIAL_CATEGORIES } from '../core/categories';
import { h, Link } from './shared';
import type { Localized } from './texts';
import type { TextKey } from './i18n/en';

export interface PurposeProps {
  p: ResolvedConfig['purposes'][number];
  /** The whole configuration: the controller's name and the other purposes' titles (a training purpose's). */
  config: ResolvedConfig;
  l: Localized;
  /** Switch position (required purposes are always on). */
  on: boolean;
  /** Required, or kept off by a GPC signal: shown but not changeable. */
  locked: boolean;
  /** Whether the details panel is open. */
  open: boolean;
  actions: Actions;
  /** Moves the purpose's switch. */
  toggle(id: string): void;
}

/** `n` days, in the visitor's language ("395 days", "395 jours"). */
function days(n: number, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(n);
  } catch {
    return n + ' d';
  }
}

/** A country's name from its ISO code, in the visitor's language; the code where Intl cannot say. */
function country(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) || code;
  } catch {
    return code;
  }
}

/**
 * A data category's label: the config's own `dataCategories`, else the built-in vocabulary (English where the
 * visitor's language lacks it, as every built-in text), else the id. Only the preference center shows them.
 */
const categoryLabel =
  (config: ResolvedConfig, { t, text }: Localized) =>
  (id: string) => {
    const custom = config.dataCategories.find((c) => c.id == id);
    const key = 'category.' + id;
    const label = t(key as TextKey);
    return custom ? text(custom.label) : label != key ? label : id;
  };

/** Where an activation of a sensitive purpose's switch leads while it is off: its explicit statement, to tick. */
function explicit(sw: Element) {
  (sw.closest('.purpose')!.querySelector('.consent input') as HTMLElement).focus();
}

/**
 * One purpose in the preference center. Before its switch in reading order: what it does, its AI badge and
 * inputs → output line (docs/compliance.md E21), automated-decision information (E20) and, for special-category
 * data, what is used (E22). Categories, retention, recipients and storage come on demand (C12).
 */
export function Purpose({ p, config, l, on, locked, open, actions, toggle }: PurposeProps) {
  const { t, text, language } = l;
  const category = categoryLabel(config, l);
  const ai = p.ai;
  const controller = config.controller.name;
  const id = (part: string) => 'candor-' + part + '-' + p.id;
  const titleId = id('title');
  const panelId = id('details');
  const sensitiveId = p.sensitive ? id('sensitive') : undefined;
  const consentId = id('consent');
  const categories = p.dataCategories || [];
  const special = categories.filter((c) => SPECIAL_CATEGORIES.includes(c));
  const training = ai?.trainingPurpose && config.purposes.find((q) => q.id == ai.trainingPurpose);
  /** The explicit Art. 9(2)(a) statement: the special categories and the purpose, by name (docs/compliance.md E43). */
  const statement = special.length
    ? t('sensitiveConsent', { purpose: text(p.title), categories: special.map(category).join(', ') })
    : t('sensitiveConsentGeneric', { purpose: text(p.title) });
  /** A term of a description list and its descriptions. */
  const field = (key: Parameters<typeof t>[0], ...values: ComponentChildren[]) => [<dt>{t(key)}</dt>, values.map((value) => <dd>{value}</dd>)];
  /** A non-empty list as a term and one description. */
  const list = (key: Parameters<typeof t>[0], names?: string[]) => !!names?.length && field(key, names.join(', '));
  const details = [
    list('dataCategories', categories.map(category)),
    p.retentionDays != null && field('retention', days(p.retentionDays, language)),
    // An empty list says nobody but the controller receives the data (docs/compliance.md C12); a transfer outside
    // the EEA names its safeguard next to the country (E42).
    p.vendors &&
      (p.vendors.length
        ? field(
            'vendors',
            ...p.vendors.map((v) => [
              v.name,
              (v.country || v.transfer) &&
                ' (' +
                  [v.country && country(v.country, language), v.transfer && t(('transfer.' + v.transfer) as 'transfer.scc')]
                    .filter(Boolean)
                    .join(', ') +
                  ')',
              v.policyUrl && [' — ', <Link href={v.policyUrl}>{t('vendorPolicy')}</Link>],
            ]),
          )
        : field('vendors', t('vendorsNone', { controller }))),
    list('cookies', p.cookies),
    list('storageKeys', p.storageKeys),
    // Who trains models with the data, and the purpose the training is refused under (docs/compliance.md E41).
    ai &&
      field('aiSummary', [
        text(ai.summary),
        ' ',
        t(ai.trainsModels ? 'trainsModels' : 'noTraining'),
        ai.trainsModels && ai.trainedBy && [' ', t('trainedBy', { who: ai.trainedBy.map((w) => (w == 'controller' ? controller : w)).join(', ') })],
        ai.trainsModels && training && [' ', t('trainingSeparate', { purpose: text(training.title) })],
      ]),
  ];
  // A "Details" control that opens an empty panel announces "expanded" and then nothing: only offer it
  // when there is something to disclose (a required purpose often has nothing but its justification).
  const hasDetails = details.some(Boolean);

  return (
    <li class="purpose">
      <h3>
        {/* The switch is named by this span alone: accessible name = the purpose title. */}
        <span id={titleId}>{text(p.title)}</span>
        {ai && <span class="badge">{t('aiBadge')}</span>}
      </h3>
      <p>{text(p.description)}</p>
      {ai && (
        <p class="io">
          {ai.inputs.map(category).join(' + ')} {l.dir == 'rtl' ? '←' : '→'} {text(ai.output)}
        </p>
      )}
      {/* The visitor interacts with the AI system itself: said before the switch (AI Act Art. 50(1), docs/compliance.md I36). */}
      {ai?.interaction && <p class="note">{t(('interaction.' + ai.interaction) as 'interaction.chat')}</p>}
      {/* How to reach a human, for every AI purpose that gives a contact (in the note below when it decides). */}
      {ai?.humanReview && !ai.automatedDecision && (
        <p class="hr">
          <Link href={ai.humanReview}>{t('humanReview')}</Link>
        </p>
      )}
      {ai?.automatedDecision && (
        <div class="note">
          <p>
            <strong>{t('automated')}</strong>
          </p>
          <dl>
            {field('logic', text(ai.logic))}
            {field('consequences', text(ai.consequences))}
          </dl>
          <p>
            <Link href={ai.humanReview}>{t('humanReview')}</Link>
          </p>
        </div>
      )}
      {p.required && p.justification && <p class="muted">{text(p.justification)}</p>}
      {p.sensitive && (
        <p class="note" id={sensitiveId}>
          {special.length ? t('sensitive', { categories: special.map(category).join(', ') }) : t('sensitiveGeneric')}
        </p>
      )}
      <div class="row">
        {hasDetails && (
          <button
            type="button"
            class="more"
            aria-expanded={open}
            aria-controls={panelId}
            aria-describedby={titleId}
            onClick={() => actions.expand(p.id)}
          >
            {t('details')}
          </button>
        )}
        {p.required && <span class="muted">{t('alwaysActive')}</span>}
        {/* A sensitive purpose's opt-in names the special category it covers (docs/compliance.md E22): the note
            describes the switch, whose name stays the title. It turns on only through the explicit statement below
            (E43): while off, activating it leads to the statement; once on, it turns off in one activation. */}
        <button
          type="button"
          role="switch"
          class="switch"
          aria-checked={on}
          aria-labelledby={titleId}
          aria-describedby={p.sensitive && !locked ? sensitiveId + ' ' + consentId : sensitiveId}
          aria-disabled={locked || undefined}
          onClick={locked ? undefined : (e) => (p.sensitive && !on ? explicit(e.currentTarget) : toggle(p.id))}
        />
      </div>
      {p.sensitive && !locked && (
        <label class="consent">
          <input type="checkbox" checked={on} onChange={() => toggle(p.id)} />
          <span id={consentId}>{statement}</span>
        </label>
      )}
      {hasDetails && (
        <div id={panelId} class="panel" hidden={!open}>
          <dl>{details}</dl>
        </div>
      )}
    </li>
  );
}
