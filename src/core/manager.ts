import type { CandorHost, EventMap, EventName, Method, Problem, Receipt, ReceiptEvent, ResolvedConfig, State, UI, View } from '../types';
import { floatingButton } from './button';
import { checkConfig, parseConfig, type Checked } from './config';
import { choose, decisionOf, eventOf, expiresAt, needsPrompt, purposeStates, type Choices, type Decision } from './consent';
import { createGate } from './gate';
import { chooseLanguage } from './language';
import { makeReceipt, uuid } from './receipts';
import { COOKIE, createRecordStore, decodeDecision, encodeDecision, readCookie, writeCookie, type RecordStore } from './storage';

/** What mounts the visitor interface: `mountUI` from the UI chunk (src/ui). */
export type MountUI = (host: CandorHost, options: { doc: Document; base: string }) => UI;

export interface Options {
  /** The configuration: an object, JSON text, or a promise of either (a rejected promise is reported). */
  config: unknown;
  /** Where the visitor interface comes from; without it nothing is shown (headless use). */
  ui?: () => Promise<MountUI>;
  /** The dist/ directory URL, ending in `/` (stylesheet fallback). */
  base?: string;
  window?: Window & typeof globalThis;
  document?: Document;
  now?: () => number;
  records?: RecordStore;
}

/**
 * The consent manager: reads the config and the `candor` cookie, answers `has` / `when`, gates markup,
 * records every decision and shows the interface when the visitor must be asked. Never throws into the page.
 */
export function createCandor(options: Options): CandorHost {
  const win = options.window || window;
  const doc = options.document || win.document;
  const now = options.now || Date.now;
  const base = options.base || '';
  const records = options.records || createRecordStore(uuid);
  const listeners: { [E in EventName]?: Set<(detail: any) => void> } = {};
  const gpc = (win.navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;

  let config: ResolvedConfig | null = null;
  let problems: Problem[] | undefined;
  let ready = false;
  let decision: Decision | null = null;
  let purposes: Choices = {};
  let language = chooseLanguage(['en'], undefined, doc.documentElement.lang, []);
  let ui: Promise<UI | null> | null = null;
  let showButton: ((visible: boolean) => void) | null = null;
  let writing: Promise<unknown> = Promise.resolve();

  const blocked = () => (gpc && config && config.gpc) || [];
  const valid = () => (config && decision && !needsPrompt(decision, config, now()) ? decision : null);
  const refresh = () => {
    purposes = config ? purposeStates(decision, config, now(), blocked()) : {};
  };
  const iso = (ms: number | undefined) => (ms == null ? null : new Date(ms).toISOString());

  const emit = <E extends EventName>(event: E, detail: EventMap[E]) => {
    listeners[event]?.forEach((fn) => guard(() => fn(detail)));
    guard(() => win.dispatchEvent(new win.CustomEvent('candor:' + event, { detail })));
  };
  const on = <E extends EventName>(event: E, fn: (detail: EventMap[E]) => void) => {
    (listeners[event] ||= new Set()).add(fn);
    return () => void listeners[event]!.delete(fn);
  };
  const has = (id: string) => ready && purposes[id] === true;

  const get = (): State => {
    const d = valid();
    return {
      decided: !!d,
      purposes: { ...purposes },
      version: d ? d.version : null,
      decidedAt: iso(d?.time),
      expiresAt: iso(d && config ? expiresAt(d, config) : undefined),
      gpc,
      language,
      ...(problems && { error: problems }),
    };
  };

  const mount = (): Promise<UI | null> =>
    (ui ||= options.ui && config
      ? options.ui().then(
          (mountUI) => mountUI(host, { doc, base }),
          (e) => (console.error('Candor: could not load the interface.', e), null),
        )
      : Promise.resolve(null));
  const show = (view: View, opener?: Element | null) => void mount().then((u) => u && guard(() => u.show(view, opener)));

  /** Store a receipt for the decision just made (history only: a storage fault never blocks a decision). */
  const record = (event: ReceiptEvent, method: Method) => {
    if (!config) return;
    const c = config, time = now(), snapshot = { ...purposes };
    writing = writing
      .then(async () => records.add(await makeReceipt(c, { subject: await records.subject(), time, event, method, language, purposes: snapshot, gpc })))
      .catch((e) => console.warn('Candor: could not keep a consent record.', e));
  };

  /** Store a decision and its receipt. */
  const store = (choices: Choices, method: Method, event: ReceiptEvent) => {
    const c = config!;
    decision = decisionOf(c, choices, now());
    writeCookie(doc, COOKIE, encodeDecision(decision), c.reaskAfterDays * 86400, c.cookieDomain);
    refresh();
    record(event, method);
  };

  /** Apply and store a decision, then tell the page. */
  const commit = (choices: Choices, method: Method, event: ReceiptEvent) => {
    store(choices, method, event);
    gate.scan();
    showButton?.(true);
    emit('change', get());
  };

  /** A decision: `method` says what was chosen; `by` what the receipt records (page code calls record `api`). */
  const decide = (method: Method, switches?: Choices, by: Method = method) => {
    if (!config) return console.warn('Candor: no valid configuration, so nothing can be granted.');
    const previous = valid();
    const choices = choose(method, config, previous ? purposes : {}, switches, blocked());
    commit(choices, by, eventOf(method, choices, previous));
  };

  const gate = createGate(doc, has);

  const host: CandorHost = {
    ready: null as unknown as Promise<State>,
    has,
    when(ids, fn) {
      const list = ([] as string[]).concat(ids);
      return new Promise<void>((resolve) => {
        const check = () => {
          if (!list.every(has)) return;
          off();
          resolve();
          if (fn) guard(fn);
        };
        const off = on('change', check);
        host.ready.then(check);
      });
    },
    on,
    get,
    acceptAll: () => decide('accept-all', undefined, 'api'),
    rejectAll: () => decide('reject-all', undefined, 'api'),
    set: (choices) => {
      if (choices && typeof choices == 'object') decide('api', Object.fromEntries(Object.entries(choices).map(([k, v]) => [k, v === true])));
    },
    open(opener) {
      host.ready.then(() => (config ? show('preferences', opener || (doc.activeElement as Element)) : console.warn('Candor: no valid configuration, nothing to show.')));
    },
    close: () => void ui?.then((u) => u && guard(() => u.hide('preferences'))),
    reset() {
      if (!config) return;
      decision = null;
      writeCookie(doc, COOKIE, '', 0, config.cookieDomain);
      refresh();
      record('withdrawn', 'api');
      showButton?.(false);
      emit('change', get());
      show('banner');
    },
    receipts: () => writing.then(() => records.receipts()).catch(() => [] as Receipt[]),
    get config() {
      return config;
    },
    decide: (method, switches) => decide(method, switches),
    emit,
  };

  // `data-candor-open` anywhere, now or later, opens the preference center.
  doc.addEventListener('click', (e) => {
    const opener = (e.target as Element | null)?.closest?.('[data-candor-open]');
    if (!opener) return;
    e.preventDefault();
    host.open(opener);
  });

  host.ready = Promise.resolve(options.config)
    .then(
      (raw): Checked => (typeof raw == 'string' ? parseConfig(raw) : checkConfig(raw)),
      (e): Checked => ({ config: null, problems: [{ path: '', message: `could not be loaded (${(e && e.message) || e})` }], warnings: [] }),
    )
    .then((checked) => {
      const nav = win.navigator;
      if (checked.warnings.length) console.warn('Candor: configuration warnings\n' + describe(checked.warnings));
      if (checked.config) {
        config = checked.config;
        language = chooseLanguage(config.languages, config.language, doc.documentElement.lang, nav.languages || [nav.language]);
      } else {
        problems = checked.problems;
        console.error('Candor: invalid configuration, nothing optional will run\n' + describe(problems));
      }
      start();
      return get();
    })
    .catch((e) => {
      // A bug of ours must not reach the page: fail closed.
      console.error('Candor: internal error', e);
      config = null;
      refresh();
      return get();
    });

  /** Read the stored decision and bring the page to it. */
  function start() {
    ready = true;
    if (!config) {
      emit('error', problems!);
      emit('ready', get());
      return;
    }
    decision = decodeDecision(readCookie(doc, COOKIE));
    const why = needsPrompt(decision, config, now());
    if (why == 'expired') {
      // The consent lapsed: record it and forget it, so it is recorded once.
      writeCookie(doc, COOKIE, '', 0, config.cookieDomain);
      decision = null;
    }
    refresh();
    if (why == 'expired') record('expired', 'expiry');
    const c = config;
    if (c.floatingButton) showButton = floatingButton(doc, buttonLabel(c, language), base, c.theme?.accent, (el) => host.open(el));
    const overridden = !why && decision!.granted.filter((id) => blocked().includes(id));
    if (overridden && overridden.length) {
      // GPC turns these off even over an earlier grant; store that, so a later visit without it grants nothing by itself.
      store(choose('api', c, purposes, {}, blocked()), 'gpc', 'updated');
    }
    gate.scan();
    emit('ready', get());
    if (why) show('banner');
    else showButton?.(true);
  }

  return host;
}

/** The floating button's accessible name in `language` (its only text), overridable like every text. */
function buttonLabel(config: ResolvedConfig, language: string): string {
  return config.texts?.[language]?.floatingButton || (language == 'fr' ? 'Paramètres de confidentialité' : 'Privacy settings');
}

/** Problems as console lines: `  path: message — hint`. */
export function describe(list: Problem[]): string {
  return list.map((p) => `  ${p.path || '(root)'}: ${p.message}${p.hint ? ` — ${p.hint}` : ''}`).join('\n');
}

/** Run a page callback; its error is reported asynchronously instead of breaking Candor's own loop. */
function guard(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    setTimeout(() => {
      throw e;
    });
  }
}
