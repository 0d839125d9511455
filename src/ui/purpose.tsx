/** @jsxRuntime classic */
/** @jsx h */
import type { ComponentChildren } from 'preact';
import type { ResolvedConfig } from '../types';
import type { Actions } from './app';
import { SPECIAL_CATEGORIES } from '../core/categories';
import { h, Link } from './shared';
import type { Localized } from './texts';

export interface PurposeProps {
  p: ResolvedConfig['purposes'][number];
  l: Localized;
  /** Switch position (required purposes are always on). */
  on: boolean;
  /** Required, or kept off by a GPC signal: shown but not changeable. */
  locked: boolean;
  /** Whether the details panel is open. */
  open: boolean;
  actions: Actions;
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
 * One purpose in the preference center. Before its switch in reading order: what it does, its AI badge and
 * inputs → output line (docs/compliance.md E21), automated-decision information (E20) and, for special-category
 * data, what is used (E22). Categories, retention, recipients and storage come on demand (C12).
 */
export function Purpose({ p, l, on, locked, open, actions }: PurposeProps) {
  const { t, text, category, language } = l;
  const ai = p.ai;
  const id = (part: string) => 'candor-' + part + '-' + p.id;
  const titleId = id('title');
  const panelId = id('details');
  const sensitiveId = p.sensitive ? id('sensitive') : undefined;
  const categories = p.dataCategories || [];
  const special = categories.filter((c) => SPECIAL_CATEGORIES.includes(c));
  /** A term of a description list and its descriptions. */
  const field = (key: Parameters<typeof t>[0], ...values: ComponentChildren[]) => [<dt>{t(key)}</dt>, values.map((value) => <dd>{value}</dd>)];
  /** A non-empty list as a term and one description. */
  const list = (key: Parameters<typeof t>[0], names?: string[]) => !!names?.length && field(key, names.join(', '));
  const details = [
    list('dataCategories', categories.map(category)),
    p.retentionDays != null && field('retention', days(p.retentionDays, language)),
    !!p.vendors?.length &&
      field(
        'vendors',
        ...p.vendors.map((v) => [
          v.name,
          v.country && ' (' + country(v.country, language) + ')',
          v.policyUrl && [' — ', <Link href={v.policyUrl}>{t('vendorPolicy')}</Link>],
        ]),
      ),
    list('cookies', p.cookies),
    list('storageKeys', p.storageKeys),
    ai && field('aiSummary', [text(ai.summary), ' ', t(ai.trainsModels ? 'trainsModels' : 'noTraining')]),
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
          {ai.inputs.map(category).join(' + ')} → {text(ai.output)}
        </p>
      )}
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
            describes the switch, whose name stays the title. */}
        <button
          type="button"
          role="switch"
          class="switch"
          aria-checked={on}
          aria-labelledby={titleId}
          aria-describedby={sensitiveId}
          aria-disabled={locked || undefined}
          onClick={locked ? undefined : () => actions.toggle(p.id)}
        />
      </div>
      {hasDetails && (
        <div id={panelId} class="panel" hidden={!open}>
          <dl>{details}</dl>
        </div>
      )}
    </li>
  );
}
