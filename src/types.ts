/** A visitor-facing text: one string for every language, or a map language → string. */
export type Text = string | { [language: string]: string };

/** Who the purpose's data goes to (GDPR Art. 13(1)(e): recipients). */
export interface Vendor {
  name: string;
  /** ISO 3166-1 alpha-2 country where the vendor processes data, e.g. "FR", "US". */
  country?: string;
  policyUrl?: string;
  /**
   * For a vendor outside the EEA, the transfer's safeguard (GDPR Art. 13(1)(f), 45, 46): `adequacy` (an EU
   * adequacy decision), `scc` (standard contractual clauses) or `dpf` (the EU-US Data Privacy Framework).
   */
  transfer?: string;
}

/** How a purpose uses AI (AI Act Art. 50, 86; GDPR Art. 13(2)(f), 22). */
export interface AIDisclosure {
  summary: Text;
  /** Data category ids the model reads; each must be among the purpose's `dataCategories`. */
  inputs: string[];
  output: Text;
  trainsModels?: boolean;
  /** Who trains models with the data: `"controller"` and/or names of vendors (this purpose's or its `trainingPurpose`'s). */
  trainedBy?: string[];
  /**
   * The id of another, optional purpose under which the training happens: the visitor can refuse it and keep
   * this one. A purpose named here is a training purpose (docs/compliance.md E41).
   */
  trainingPurpose?: string;
  automatedDecision?: boolean;
  logic?: Text;
  consequences?: Text;
  /** Where to obtain human review and contest: https: URL, mailto: or same-origin path. */
  humanReview?: string;
  /**
   * The visitor interacts with the AI system itself (AI Act Art. 50(1)): `chat` (a chat assistant) or `voice` (a voice
   * bot). Said in plain words before the interaction: the banner's brief, the preference center, the embed placeholder.
   */
  interaction?: string;
}

export interface Purpose {
  id: string;
  title: Text;
  description: Text;
  /** Always on, cannot be refused (strictly necessary): say why in `justification`. */
  required?: boolean;
  /** Special-category data (GDPR Art. 9): never granted by Accept all. */
  sensitive?: boolean;
  justification?: Text;
  dataCategories?: string[];
  retentionDays?: number;
  vendors?: Vendor[];
  /** Cookie name patterns this purpose sets (`*` = any run of characters). */
  cookies?: string[];
  /** localStorage / sessionStorage key patterns this purpose sets. */
  storageKeys?: string[];
  /**
   * Ids of the vendor catalog (`candor services`): their vendors, cookies and storage keys are added to this purpose's
   * by `candor validate --stamp`; a file naming services without a current stamp is refused (docs/configuration.md).
   */
  services?: string[];
  ai?: AIDisclosure;
}

export interface DataCategory {
  id: string;
  label: Text;
}

/** The configuration file, as written (docs/contract.md §6). */
export interface Config {
  $schema?: string;
  $comment?: string;
  version: string;
  controller: { name: string; contact?: string };
  policyUrl: string;
  languages?: string[];
  language?: string;
  reaskAfterDays?: number;
  floatingButton?: boolean;
  closeButton?: boolean;
  /** Show the floating button's label ("Privacy settings") as visible text beside its icon. */
  floatingLabel?: boolean;
  /** The banner's form: a bar across the page (default), a corner card, or a centered dialog. */
  layout?: string;
  /** Where the banner sits: `bottom` or `top` for the bar, `bottom-left` or `bottom-right` for the box. */
  position?: string;
  /**
   * Where the site's own way back to the settings is, for the withdrawal sentence when `floatingButton` is
   * false, e.g. "the “Cookie settings” link at the bottom of every page".
   */
  withdrawHint?: Text;
  cookieDomain?: string;
  dataCategories?: DataCategory[];
  purposes: Purpose[];
  googleConsentMode?: { [consentType: string]: string[] };
  gpc?: string[];
  receipts?: { endpoint?: string };
  theme?: { [name: string]: string };
  texts?: { [language: string]: { [key: string]: string } };
}

/**
 * A configuration after validation, with the defaults of `languages`, `reaskAfterDays`, `floatingButton`, `closeButton`,
 * `dataCategories` and each purpose's `required` and `sensitive` applied; `layout`, `position` and `floatingLabel` stay
 * as written (absent: a bar, at the bottom — a box at the bottom right — and no visible label).
 */
export interface ResolvedConfig extends Config {
  languages: string[];
  reaskAfterDays: number;
  floatingButton: boolean;
  closeButton: boolean;
  dataCategories: DataCategory[];
  purposes: (Purpose & { required: boolean; sensitive: boolean })[];
}

/** One thing wrong with a configuration. `path` is dotted/bracket: `purposes[2].ai.humanReview`. */
export interface Problem {
  path: string;
  message: string;
  hint?: string;
}

/** What `candor.get()` returns (docs/contract.md §4). Times are ISO-8601 UTC. */
export interface State {
  decided: boolean;
  purposes: { [id: string]: boolean };
  version: string | null;
  decidedAt: string | null;
  expiresAt: string | null;
  gpc: boolean;
  language: string;
  error?: Problem[];
}

export type ReceiptEvent = 'given' | 'refused' | 'updated' | 'withdrawn' | 'dismissed' | 'expired';
export type Method = 'accept-all' | 'reject-all' | 'save' | 'api' | 'dismiss' | 'placeholder' | 'gpc' | 'expiry';

/** A consent record kept on the device (docs/contract.md §7, docs/compliance.md D18). */
export interface Receipt {
  id: string;
  subject: string;
  time: string;
  event: ReceiptEvent;
  method: Method;
  version: string;
  language: string;
  purposes: { [id: string]: boolean };
  gpc: boolean;
  /** The Candor version that showed the notice and made the receipt (package.json's `version`). */
  sdk: string;
  /** The notice format `noticeHash` follows: 2 covers the built-in texts too (docs/receipts.md). */
  noticeFormat: 1 | 2;
  noticeHash: string;
}

/** Which surface a `show` / `hide` event is about. */
export type View = 'banner' | 'preferences';

export interface EventMap {
  ready: State;
  change: State;
  show: { view: View };
  hide: { view: View };
  error: Problem[];
}
export type EventName = keyof EventMap;

/** `window.candor` and the ES module's `createCandor()` result (docs/contract.md §4). */
export interface Candor {
  ready: Promise<State>;
  has(id: string): boolean;
  when(ids: string | string[], fn?: () => void): Promise<void>;
  on<E extends EventName>(event: E, fn: (detail: EventMap[E]) => void): () => void;
  get(): State;
  acceptAll(): void;
  rejectAll(): void;
  set(choices: { [id: string]: boolean }): void;
  open(opener?: Element | null): void;
  close(): void;
  reset(): void;
  receipts(): Promise<Receipt[]>;
  /**
   * Release everything this instance set up on the page — listeners, the observers, the cross-tab channel
   * or polling, the placeholders, the floating button and the interface — for a single-page app that
   * unmounts it. The instance then shows and applies nothing more; create a new one to start again.
   */
  destroy(): void;
  /** The Candor release (package.json's `version`). */
  readonly version: string;
}

/**
 * What the lazily loaded UI receives: the public API plus the few members a visitor interface needs.
 * The UI talks to the core only through this object.
 */
export interface CandorHost extends Candor {
  /** The validated configuration (null while loading or when invalid — the UI then shows nothing). */
  readonly config: ResolvedConfig | null;
  /**
   * Record a decision made in the interface. `accept-all` grants every optional purpose except
   * sensitive ones, which keep the value in `switches`, else their current one (their own explicit opt-in),
   * and those a Global Privacy Control signal keeps off (`gpc`), which are refused; `reject-all` and
   * `dismiss` refuse every optional purpose; `save` merges `switches` with the current choices; `placeholder` does too
   * but leaves the purposes neither decided before nor in `switches` undecided (an embed answers for its own).
   */
  decide(method: Method, switches?: { [id: string]: boolean }): void;
  /** A purpose granted earlier in this page view is now refused: its scripts may have run (offer a reload). */
  readonly withdrawn: boolean;
  /** Tell listeners that a surface was shown or hidden. */
  emit<E extends EventName>(event: E, detail: EventMap[E]): void;
}

/** A mounted visitor interface (what `mountUI` returns). */
export interface UI {
  show(view: View, opener?: Element | null): void;
  hide(view?: View): void;
  destroy(): void;
}
