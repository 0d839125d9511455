/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
import { h, Fragment } from 'preact';
import type { ResolvedConfig } from '../types';
import { SPECIAL_CATEGORIES } from '../core/categories';
import type { Localized } from './texts';
import { Link } from './link';

export interface PurposeProps {
  purpose: ResolvedConfig['purposes'][number];
  l: Localized;
  /** Switch position (required purposes are always on). */
  on: boolean;
  /** Required, or kept off by a GPC signal: shown but not changeable. */
  locked: boolean;
  toggle(): void;
  /** Whether the details panel is open, and the way to open or close it. */
  open: boolean;
  expand(): void;
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
 * inputs → output line (COMPLIANCE E21), automated-decision information (E20) and, for special-category
 * data, what is used (E22). Categories, retention, recipients and storage come on demand (C12).
 */
export function Purpose({ purpose: p, l, on, locked, toggle, open, expand }: PurposeProps) {
  const { t, text, category, language } = l;
  const ai = p.ai;
  const titleId = 'candor-title-' + p.id;
  const panelId = 'candor-details-' + p.id;
  const categories = p.dataCategories || [];
  const special = categories.filter((c) => SPECIAL_CATEGORIES.includes(c));
  const vendors = p.vendors || [];
  const sensitiveId = 'candor-sensitive-' + p.id;
  // A "Details" control that opens an empty panel announces "expanded" and then nothing: only offer it
  // when there is something to disclose (a required purpose often has nothing but its justification).
  const hasDetails =
    categories.length > 0 || p.retentionDays != null || vendors.length > 0 || !!p.cookies?.length || !!p.storageKeys?.length || !!ai;
  const names = (key: 'cookies' | 'storageKeys', list?: string[]) =>
    list && list.length > 0 && (
      <>
        <dt>{t(key)}</dt>
        <dd>{list.join(', ')}</dd>
      </>
    );

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
      {ai && ai.automatedDecision && (
        <div class="note">
          <p>
            <strong>{t('automated')}</strong>
          </p>
          <dl>
            <dt>{t('logic')}</dt>
            <dd>{text(ai.logic)}</dd>
            <dt>{t('consequences')}</dt>
            <dd>{text(ai.consequences)}</dd>
          </dl>
          <p>
            <Link href={ai.humanReview}>{t('humanReview')}</Link>
          </p>
        </div>
      )}
      {p.required && p.justification && <p class="muted">{text(p.justification)}</p>}
      {p.sensitive && (
        <p class="note" id={sensitiveId}>
          {special.length
            ? t('sensitive', { categories: special.map(category).join(', ') })
            : t('sensitiveGeneric')}
        </p>
      )}
      <div class="row">
        {hasDetails && (
          <button type="button" class="more" aria-expanded={open} aria-controls={panelId} aria-describedby={titleId} onClick={expand}>
            {t('details')}
          </button>
        )}
        {p.required && <span class="muted">{t('alwaysActive')}</span>}
        {/* A sensitive purpose's opt-in names the special category it covers (COMPLIANCE E22): the note
            describes the switch, whose name stays the title. */}
        <button
          type="button"
          role="switch"
          class="switch"
          aria-checked={on}
          aria-labelledby={titleId}
          aria-describedby={p.sensitive ? sensitiveId : undefined}
          aria-disabled={locked || undefined}
          onClick={locked ? undefined : toggle}
        />
      </div>
      {hasDetails && (
        <div id={panelId} class="panel" hidden={!open}>
          <dl>
            {categories.length > 0 && (
              <>
                <dt>{t('dataCategories')}</dt>
                <dd>{categories.map(category).join(', ')}</dd>
              </>
            )}
            {p.retentionDays != null && (
              <>
                <dt>{t('retention')}</dt>
                <dd>{days(p.retentionDays, language)}</dd>
              </>
            )}
            {vendors.length > 0 && (
              <>
                <dt>{t('vendors')}</dt>
                {vendors.map((v) => (
                  <dd key={v.name}>
                    {v.name}
                    {v.country && ' (' + country(v.country, language) + ')'}
                    {v.policyUrl && ' — '}
                    {v.policyUrl && <Link href={v.policyUrl}>{t('vendorPolicy')}</Link>}
                  </dd>
                ))}
              </>
            )}
            {names('cookies', p.cookies)}
            {names('storageKeys', p.storageKeys)}
            {ai && (
              <>
                <dt>{t('aiSummary')}</dt>
                <dd>
                  {text(ai.summary)} {t(ai.trainsModels ? 'trainsModels' : 'noTraining')}
                </dd>
              </>
            )}
          </dl>
        </div>
      )}
    </li>
  );
}
