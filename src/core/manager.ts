import type { CandorHost, EventMap, EventName, Method, Problem, Receipt, ReceiptEvent, ResolvedConfig, State, UI, View } from '../types';
import type { Checked } from './config';
import { configCache, settles } from './config-cache';
import { choicesOf, choose, decisionOf, eventOf, expiresAt, needsPrompt, purposeStates, standing, type Choices, type Decision } from './consent';
import { consentDefault, consentUpdate, grants } from './consent-mode';
import { afterParse } from './after-parse';
import { createGate } from './gate';
import { guard } from './guard';
import { DEFAULT_LANGUAGES } from '../languages';
import { chooseLanguage } from './language';
import { OUTBOX_FLAG } from './outbox';
import { PENDING, queue, type Decided } from './pending';
import { lazyPlaceholders, type MakePlaceholders } from './held';
import { lazyButton, type FloatingButton } from './lazy-button';
import { widgetHost } from './widget';
import { unknownIds } from './unknown';
import type { Services } from './services';
import { linkTabs } from './tabs';
import { trustOrCheck, type Usable, type Validate } from './trust';
import { COOKIE, decodeDecision, encodeDecision, readCookie, writeCookie } from './storage';
import { coreText, type TextOf } from './texts';
import { uuid } from './uuid';
import { present } from './traces';

/** What mounts the visitor interface: `mountUI` from the UI chunk (src/ui). */
export type MountUI = (host: CandorHost, options: { doc: Document; base: string }) => UI;

export interface Options {
  /**
   * The configuration: an object, JSON text, or a promise of either (a rejected promise is reported) — or a
   * function returning one, which starts the request: at once, except for a visitor decided from the cached
   * config (`cache`), who needs the file only to revalidate it, once the page is parsed.
   */
  config: unknown;
  /**
   * Where the visitor interface comes from, with its built-in texts for `language`; without it nothing is
   * shown (headless use).
   */
  ui?: ((language: string, languages?: string[]) => Promise<MountUI>) | null;
  /**
   * The built-in texts of `language` (its chunk, dist/candor-<language>.js, in candor.js), for the few
   * strings drawn without the interface (floating button, placeholders); without it, English.
   */
  texts?: (language: string, languages: string[]) => Promise<{ [key: string]: string }>;
  /** The languages with built-in texts, to guess the one to prefetch before the config is read. */
  languages?: string[];
  /**
   * The validator (dist/candor-check.js), loaded only for a configuration not known to be valid: it tells
   * the console every warning and problem, and remembers a text that validated (src/core/validate.ts).
   */
  check: () => Promise<Validate>;
  /** The embed placeholders (dist/candor-embeds.js), loaded on the first blocked embed; without it, none. */
  placeholders?: () => Promise<MakePlaceholders>;
  /** The floating button (src/core/button.ts, in candor.js), drawn when it must first be visible; without it, none. */
  button?: () => Promise<FloatingButton>;
  /** Consent records, the outbox and cleanup (dist/candor-core.js), loaded on first need. */
  services: () => Promise<Services>;
  /**
   * A config stamped by `candor validate --stamp`, or whose text validated once on this device (a hash
   * in localStorage), is not validated again (src/core/stamp.ts). `salt` changes with the validator.
   */
  salt?: string;
  /**
   * The URL `config` was fetched from (`data-config`): its last trusted text is kept on the device, and a
   * returning visitor whose decision covers it is decided from it at once (src/core/config-cache.ts).
   */
  cache?: string | null;
  /** The dist/ directory URL, ending in `/` (stylesheet fallback). */
  base?: string;
  window?: Window & typeof globalThis;
  document?: Document;
  now?: () => number;
}

/** What an API call that needs a configuration says when there is none (the error was reported at load). */
const NO_CONFIG = 'Candor: no valid configuration (see the error above), so nothing can be granted or shown.';

/**
 * The consent manager: reads the config and the `candor` cookie, answers `has` / `when`, gates markup,
 * records every decision and shows the interface when the visitor must be asked. Never throws into the page.
 */
export function createCandor(options: Options): CandorHost {
  const win = options.window || window;
  const doc = options.document || win.document;
  const now = options.now || Date.now;
  const base = options.base || '';
  let slow: Promise<Services> | undefined;
  // A chunk that did not load (a navigation cancels it, WebKit) is loaded again next time: the page may come back (pageshow).
  const services = () =>
    (slow ||= options.services().catch((e) => {
      slow = undefined;
      throw e;
    }));
  // No prototype: `on('constructor', fn)` must not find Object's.
  const listeners: { [E in EventName]?: Set<(detail: any) => void> } = Object.create(null);
  const gpc = (win.navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;

  let config: ResolvedConfig | null = null;
  let problems: Problem[] | undefined;
  let decision: Decision | null = null;
  let purposes: Choices = {};
  let language = 'en';
  let ui: Promise<UI | null> | null = null;
  let showButton: ((visible: boolean) => void) | null = null;
  let writing: Promise<unknown> = Promise.resolve();
  /**
   * The `candor` cookie as this page last read or wrote it, to notice another tab's decision. With cookies
   * blocked it stays undefined, so the decision kept in memory for this page view is not mistaken for one.
   * Read once here (each read is a round trip to the browser's cookie store); sync() keeps it current.
   * `jar` keeps that one read for the first cleanup check and the first look for receipts waiting to be sent too,
   * then is dropped (resume()).
   */
  let jar: string | undefined;
  try {
    jar = doc.cookie;
  } catch {}
  let seen = readCookie(doc, COOKIE, jar);
  const salt = options.salt || '';
  const cache = configCache(win, doc, options.cache, salt);
  // A returning visitor whose decision covers the config last trusted here is decided from it, while
  // candor.js runs; the file is fetched again all the same (revalidate, below).
  const cached = seen ? cache.read() : undefined;
  const early = cached && settles(decodeDecision(seen), cached.config, now(), gpc) ? cached : undefined;
  // What an unusable file means, in the console: nothing optional runs, except on a page decided from the cached
  // config, which keeps that decision; the cache is forgotten, so the next page waits for a valid file.
  const outcome = early ? 'this page keeps its decision' : 'nothing optional will run';
  // Starting a request costs the main thread too: one that only revalidates waits until the page is parsed
  // (docs/architecture.md, "A returning visitor").
  // One wait for the parse, shared by that request and the floating button.
  const parsed = afterParse(doc);
  const source = options.config;
  const requested = typeof source != 'function' ? source : early ? parsed.then(() => source()) : source();

  // Consent Mode's default must be in dataLayer before any Google tag placed after candor.js (docs/contract.md §8).
  consentDefault(win);

  const blocked = () => (gpc && config?.gpc) || [];
  /** The decision in force and covering every purpose: what `decided` means. */
  const decided = () => (config && !needsPrompt(decision, config, now()) ? decision : null);
  const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

  /** The last `change`: one still being delivered when the next comes (a listener decided again) is stale. */
  let last: Event | undefined;
  /** Whether `ready` was emitted: a `ready` listener added after it is still called, once. */
  let readied: unknown;
  const emit = <E extends EventName>(event: E, detail?: EventMap[E]) => {
    const e = new win.CustomEvent('candor:' + event, { detail });
    // `ready` comes without a detail: each read of it, by a listener or on `window`, gives the state as it is then, so no
    // listener called after one that decided again holds a grant already undone (docs/contract.md §4).
    if (!detail) Object.defineProperty(e, 'detail', { get });
    // The listeners not told yet get the newer state only, never a grant already undone (docs/contract.md §4); stopping
    // an event whose delivery is over does nothing. Only `change`: each `show` or `hide` is news of its own.
    if (event == 'change') {
      last?.stopImmediatePropagation();
      last = e;
    }
    listeners[event]?.forEach((fn) => e.cancelBubble || guard(() => fn(e.detail)));
    // After the listeners: one a `ready` listener adds is called by this loop (a Set's forEach visits it), not twice.
    if (event == 'ready') readied = 1;
    guard(() => win.dispatchEvent(e));
  };
  const on = <E extends EventName>(event: E, fn: (detail: EventMap[E]) => void) => {
    // Wrong-typed arguments from the page are ignored, never thrown later from here.
    if (typeof fn == 'function') (listeners[event] ||= new Set()).add(fn);
    // Added once Candor is ready (candorQueue's functions run then, docs/contract.md §2): called once, just after, with
    // the state then, unless removed first.
    if (event == 'ready' && readied) queueMicrotask(() => listeners.ready?.has(fn) && guard(() => (fn as any)(get())));
    return () => void listeners[event]?.delete(fn);
  };
  const unknown = unknownIds();
  const has = (id: string) => {
    if (config) unknown(id, purposes);
    // Nothing is granted before start() (purposes stays empty until then).
    return purposes[id] === true;
  };
  /** Everything that listens on the page, released by destroy(). */
  const life = new win.AbortController();
  const signal = life.signal;

  const get = (): State => {
    const d = decided();
    return {
      decided: !!d,
      purposes: { ...purposes },
      version: d ? d.version : null,
      decidedAt: iso(d?.time),
      expiresAt: iso(d && expiresAt(d, config!)),
      gpc,
      language,
      ...(problems && { error: problems }),
    };
  };

  /** The interface goes into <body>, which candor.js in <head> may run before. */
  const body = () =>
    new Promise<unknown>((resolve) => (doc.body ? resolve(0) : doc.addEventListener('DOMContentLoaded', resolve, { once: true, signal })));
  const mount = (): Promise<UI | null> =>
    (ui ||=
      options.ui && config
        ? Promise.all([options.ui(language, config.languages), body()]).then(
            ([mountUI]) => mountUI(host, { doc, base }),
            (e) => {
              // Tried again on the next need (open(), reset(), a re-prompt): a failed load never leaves the page without a way to decide.
              ui = null;
              console.error('Candor: could not load the interface.', e);
              return null;
            },
          )
        : Promise.resolve(null));
  // No stored decision: the banner will surely be needed, so fetch the interface while the config loads,
  // in the language the page most likely gets (the loader keeps what it fetched).
  if (options.ui && !seen) {
    const nav = win.navigator;
    options
      .ui(chooseLanguage(options.languages || DEFAULT_LANGUAGES, undefined, doc.documentElement.lang, nav.languages || [nav.language]))
      .catch(() => {});
  }
  // The banner only while a decision is still wanted: one may come (the API, another tab) while the interface loads.
  const show = (view: View, opener?: Element | null) =>
    void mount().then((u) => u && !(view == 'banner' && decided()) && guard(() => u.show(view, opener)));

  /**
   * Keep a receipt for the decision just made (history only: a storage fault never blocks a decision), under
   * an id chosen now. It waits in localStorage until the records chunk has kept it, so leaving the page at
   * once loses nothing; this page hands it over from memory too, so a write another tab overwrote loses
   * nothing either (src/core/pending.ts).
   */
  const record = (event: ReceiptEvent, method: Method) => {
    const c = config!,
      decided: Decided = { id: uuid(), time: now(), event, method, language, purposes: { ...purposes }, gpc, version: c.version };
    try {
      queue(win.localStorage, decided);
    } catch {}
    writing = writing
      .then(() => services())
      .then((s) => s.keep(win, c, decided))
      .catch((e) => console.warn('Candor: could not keep a consent record.', e));
  };

  /** Optional purposes granted at some point of this page view: their scripts may have run. */
  const granted = new Set<string>();
  let hiding = false;
  let lapse: ReturnType<typeof setTimeout> | null | undefined;
  /** Refresh every purpose's state from the stored decision. */
  const refresh = () => {
    purposes = purposeStates(decision, config!, now(), blocked());
    for (const id in purposes) if (purposes[id]) granted.add(id);
    // A decision that lapses while the page stays open takes its grants with it then, as the next page view would
    // (docs/contract.md §7). It waits 4e6 ms (about 67 minutes) at most, then again from the clock: a timer does not count a
    // machine's sleep in every browser (nor wait past 2^31 - 1 ms), so a lapse is told at most that long after waking.
    clearTimeout(lapse!);
    const d = standing(decision, config!, now());
    lapse = d && setTimeout(due, Math.min(expiresAt(d, config!) - now(), 4e6));
    // After a withdrawal, clean up again when the page is hidden or left (docs/integrations.md#cleanup-on-refusal-and-withdrawal);
    // listened to only from then on, so a page view without one runs none of our code in the browser's task that leaves it.
    if (!hiding && host.withdrawn) {
      hiding = true;
      doc.addEventListener('visibilitychange', () => doc.hidden && host.withdrawn && cleanup(), { signal });
    }
  };

  /** Store a decision (or, with null, forget it) and keep its receipt. */
  const store = (choices: Choices | null, method: Method, event: ReceiptEvent) => {
    const c = config!;
    decision = choices && decisionOf(c, choices, now());
    const value = decision ? encodeDecision(decision) : '';
    // Read back: a refused cookie (blocked, or over 4 KB) leaves the choice to this page view (storage.ts).
    if (!writeCookie(doc, COOKIE, value, decision ? c.reaskAfterDays * 86400 : 0, c.cookieDomain) && decision)
      console.warn('Candor: cookie refused, the choice holds for this page only');
    refresh();
    record(event, method);
    seen = readCookie(doc, COOKIE);
    // Another tab's decision, made in the same instant, may have been written just after this one: the
    // last decision written holds here too, as in every tab.
    if (seen && seen != value) {
      decision = decodeDecision(seen);
      refresh();
    }
  };

  /**
   * Bring the page to the current choices: gated markup, Consent Mode (on every change — a withdrawal
   * must deny again — and on load when some grant stands, or a type is mapped to required purposes only), the floating button.
   */
  const apply = (change: boolean) => {
    gate.scan();
    const map = config?.googleConsentMode;
    if (map && (change || standing(decision, config!, now()) || Object.values(map).some((ids) => grants(ids, has))))
      consentUpdate(win, map, has, purposes);
    showButton?.(!!decided());
  };

  /** Delete what purposes not granted left behind (docs/compliance.md A2, D17), when some of it is there (src/core/traces.ts). */
  const cleanup = (cookieJar?: string) => {
    if (present(win, config!.purposes, has, cookieJar))
      services()
        .then((s) => s.cleanup(win, config!, has))
        .catch(() => {});
  };

  /** After a decision here or in another tab: apply it, clean up, and tell the page. */
  const changed = () => {
    apply(true);
    cleanup();
    emit('change', get());
  };

  const commit = (choices: Choices | null, method: Method, event: ReceiptEvent) => {
    store(choices, method, event);
    changed();
    tabs.tell();
  };

  /** Run `fn` once the config is read (a file may still be on its way); without a valid one, say so instead. */
  const withConfig = (fn: () => void) => void host.ready.then(() => (config ? fn() : console.warn(NO_CONFIG)));

  /** A decision: `method` says what was chosen; `by` what the receipt records (page code calls record `api`). */
  const decide = (method: Method, switches?: Choices, by: Method = method) => {
    if (!config) return withConfig(() => decide(method, switches, by));
    const previous = standing(decision, config, now());
    const choices = choose(method, config, choicesOf(previous), switches, blocked());
    commit(choices, by, eventOf(method, choices, previous));
  };

  /**
   * Call `draw` with the texts candor.js draws itself in the visitor's language: the config's own, else
   * the built-in ones — English and French at once (the button's in candor.js, the placeholders' in their chunk),
   * another language from its chunk (English if it fails to load). That chunk is not fetched when `only`, the one key
   * drawn, is in the config's texts for the language.
   */
  let builtIn: Promise<{ [key: string]: string } | undefined> | undefined;
  const withTexts = (draw: (text: TextOf) => void, only?: string) => {
    const c = config!;
    const go = (texts?: { [key: string]: string }) => guard(() => draw((key) => coreText(c, language, key, texts)));
    if (DEFAULT_LANGUAGES.includes(language) || !options.texts || (only && coreText(c, language, only))) go();
    else (builtIn ||= options.texts(language, c.languages).catch(() => undefined)).then(go);
  };

  /** Gated embeds waiting for consent get a placeholder with "Allow and load" (src/core/blocked.ts, in its chunk). */
  const widget = (...a: [string, string, string]) => widgetHost(doc, base, ...a);
  const held = lazyPlaceholders(doc, widget, () => host, options.placeholders);
  const onBlocked = (els: Element[]) => void (config && withTexts((text) => held.add(els, text)));
  const gate = createGate(doc, has, held.remove, onBlocked);

  // A decision in another tab of this site applies here too (docs/contract.md §7): the cookie is shared, so re-read it.
  const sync = () => {
    const cookie = readCookie(doc, COOKIE);
    if (cookie == seen) return;
    seen = cookie;
    // Before the config is read, start() will pick the new cookie up.
    if (!config) return;
    decision = decodeDecision(cookie);
    // No decision stood at the last refresh() (no lapse timer: the cookie's Max-Age ended after it fired) nor stands now:
    // nothing the page sees changes, and that lapse told it already.
    if (!lapse && !standing(decision, config, now())) return;
    refresh();
    changed();
    if (needsPrompt(decision, config, now())) show('banner');
  };
  const tabs = linkTabs(win, sync, parsed);
  /**
   * Tell the lapse of the decision that stood here, once (docs/contract.md §7): when its timer fires, or when the visitor
   * comes back to the page (a timer late by a machine's sleep). Its cookie still there, or gone (the browser drops it as it
   * lapses): recorded as `expired` and deleted, the other tabs told (a lapse they then hear of records nothing; two tabs
   * telling it at once: the records chunk keeps one). Another decision in the cookie, or none standing here: sync(). Only
   * a lapse is recorded: a clock set back (the decision "from the future") takes the grants as a page load would, no more.
   * Else the timer starts again, from the clock. One cookie read: `focus` may come often.
   */
  const due = () => {
    if (!config || !lapse) return sync();
    const cookie = readCookie(doc, COOKIE);
    const why = needsPrompt(decision, config, now());
    if (cookie != seen && (cookie || why != 'expired')) return sync();
    if (why == 'expired') {
      commit(null, 'expiry', 'expired');
      return show('banner');
    }
    refresh();
    if (!lapse) {
      changed();
      show('banner');
    }
  };
  /** Take up the receipts an earlier page view left (set by start(), once the config is read). */
  let resume = () => {};
  // A page back from the back/forward cache (Safari) heard nothing meanwhile: a decision made on another page applies here
  // too, a lapse meanwhile is told (due()); and what its freeze stopped (src/core/frozen.ts) waits, as for a new page view.
  win.addEventListener(
    'pageshow',
    (e) => {
      if (!(e as PageTransitionEvent).persisted) return;
      due();
      resume();
    },
    { signal },
  );
  // `focus`, not `visibilitychange`: no code of ours runs in the task that leaves the page (docs/architecture.md).
  win.addEventListener('focus', due, { signal });

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
          if (typeof fn == 'function') guard(fn);
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
      if (choices && typeof choices == 'object') {
        if (config) for (const id in choices) unknown(id, purposes);
        decide('api', Object.fromEntries(Object.entries(choices).map(([k, v]) => [k, v === true])));
      }
    },
    open(opener) {
      const from = opener instanceof win.Element ? opener : null;
      withConfig(() => show('preferences', from));
    },
    // After ready, as open() shows: close() called just after open() closes what it opened.
    close: () => void host.ready.then(() => ui?.then((u) => u && guard(() => u.hide('preferences')))),
    reset() {
      if (!config) return withConfig(() => host.reset());
      commit(null, 'api', 'withdrawn');
      show('banner');
    },
    receipts: () =>
      writing
        .then(services)
        .then((s) => s.receipts())
        .catch(() => [] as Receipt[]),
    get config() {
      return config;
    },
    get withdrawn() {
      return Object.keys(purposes).some((id) => granted.has(id) && !purposes[id]);
    },
    decide: (method, switches) => decide(method, switches),
    emit,
    version: __VERSION__,
    destroy() {
      life.abort();
      gate.stop();
      held.destroy();
      tabs.stop();
      showButton?.(false);
      ui?.then((u) => u && guard(() => u.destroy()));
      ui = Promise.resolve(null);
      config = null;
    },
  };

  // `data-candor-open` anywhere, now or later, opens the preference center.
  doc.addEventListener(
    'click',
    (e) => {
      const opener = (e.target as Element | null)?.closest?.('[data-candor-open]');
      if (!opener) return;
      e.preventDefault();
      host.open(opener);
    },
    { signal },
  );

  /** The configuration as given (the file's text), once it is there. */
  let given: unknown;
  const loaded = Promise.resolve(requested).then(
    (raw): Partial<Checked> | Promise<Usable> => {
      given = raw;
      // The very text decided from already is not checked twice.
      return early && raw === early.text ? early : trustOrCheck(raw, win, salt, options.check, unusable, outcome);
    },
    (e) => unusable(`could not be loaded (${e?.message || e})`),
  );
  const use = (c: ResolvedConfig) => {
    const nav = win.navigator;
    config = c;
    language = chooseLanguage(c.languages, c.language, doc.documentElement.lang, nav.languages || [nav.language]);
  };
  /** A bug of ours must not reach the page: fail closed. */
  const broken = (e: unknown) => {
    console.error('Candor: internal error', e);
    config = null;
    purposes = {};
    emit('error', (problems = [{ path: '', message: 'internal error' }]));
  };

  host.ready = (early ? Promise.resolve<Partial<Checked>>(early) : loaded)
    .then((checked) => {
      // destroy() before the config was read: the instance applies and shows nothing (no gate, no button, no event).
      if (signal.aborted) return get();
      if (checked.config) use(checked.config);
      else problems = checked.problems;
      start();
      return get();
    })
    .catch((e) => {
      broken(e);
      emit('ready');
      return get();
    });
  // Every trusted text of the file is kept for the next page view; a failure forgets it (src/core/config-cache.ts).
  // Written once the page is parsed, in a task of its own: not in the one that decides or draws the banner (a first
  // visit's file usually arrives after the parse; its first localStorage access: 7.6 ms of that task at 4× CPU).
  loaded.then((checked) => parsed.then(() => setTimeout(() => cache.keep(checked.config && given))));
  // Decided from the cached config: the fresh one either matches it, or the page moves to it (docs/architecture.md).
  if (early)
    host.ready
      .then(() => loaded)
      .then((checked) => {
        // A failure keeps the decision for this page view: the visitor consented to exactly that version. Its problems
        // are reported all the same, as on any page (docs/contract.md §8).
        if (!config || given === early.text) return;
        if (!checked.config) return void emit('error', (problems = checked.problems!));
        const view = () => JSON.stringify([get(), config!.googleConsentMode]);
        const before = view();
        use(checked.config);
        refresh();
        // A text that changes nothing the page sees (a reworded description) is no decision: no `change`, no Consent Mode update.
        if (view() != before) changed();
        else cleanup();
        if (needsPrompt(decision, checked.config, now())) show('banner');
      })
      .catch(broken);

  /** A configuration that could not even be checked (the validator reports the others itself). */
  function unusable(message: string): Usable {
    console.error(`Candor: the configuration ${message}, ${outcome}`);
    return { config: null, problems: [{ path: '', message }] };
  }

  /** Read the stored decision and bring the page to it (no `change` event: nothing was decided now). */
  function start() {
    if (!config) {
      emit('error', problems!);
      emit('ready');
      return;
    }
    const c = config;
    decision = decodeDecision(seen);
    const why = needsPrompt(decision, c, now());
    // A lapsed consent is recorded once, then forgotten.
    if (why == 'expired') store(null, 'expiry', 'expired');
    refresh();
    // GPC turns its purposes off even over an earlier grant; store that, so a later visit without the
    // signal grants nothing by itself, and clean up after them (docs/compliance.md F25).
    if (standing(decision, c, now())?.granted.some((id) => blocked().includes(id)))
      store(choose('api', c, choicesOf(decision), {}, blocked()), 'gpc', 'updated');
    // The gate first: the button can wait for the scripts the visitor allowed.
    apply(false);
    // On every page load, not only when deciding: what a tracker wrote back after a withdrawal goes too (and
    // again when this page view, after a withdrawal, is hidden or left: refresh()).
    // The page's cookies as read when candor.js started: what an earlier page view left is there already.
    cleanup(jar);
    // Drawn once the page is parsed, after its gated scripts (and not after destroy()), when first visible.
    if (c.floatingButton)
      parsed.then(
        () =>
          config &&
          (showButton = lazyButton(
            doc,
            options.button,
            (make) =>
              new Promise((drawn) =>
                withTexts(
                  (text) => drawn(make(doc, widget, text('floatingButton'), language, c.theme?.accent, (el) => host.open(el), c.floatingLabel)),
                  'floatingButton',
                ),
              ),
          ))(!!decided()),
      );
    emit('ready');
    if (needsPrompt(decision, c, now())) show('banner');
    // Receipts an earlier page view left to keep (the visitor left at once) or to send (server down,
    // offline): looked for once the page has loaded, so localStorage is not read on the way to the gate (and when it
    // comes back from the back/forward cache, above).
    resume = () => {
      // The config in force now: a decision made since under a fresh file's new version is not stale (nor its endpoint another).
      const k = config || c;
      try {
        const storage = win.localStorage;
        // The flag is a cookie where localStorage was full (src/core/outbox.ts): on load, found in the cookies candor.js
        // read as it started (`jar`, dropped after this first look), not in another round trip to the cookie store on
        // every page view with an endpoint.
        if (storage.getItem(PENDING) || (k.receipts?.endpoint && (storage.getItem(OUTBOX_FLAG) || readCookie(doc, OUTBOX_FLAG, jar))))
          services()
            .then((s) => s.keep(win, k))
            .catch(() => {});
        jar = undefined;
      } catch {}
    };
    if (doc.readyState == 'complete') resume();
    else win.addEventListener('load', resume, { once: true, signal });
  }

  return host;
}
