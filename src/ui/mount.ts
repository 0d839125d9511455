import type { CandorHost, UI, View } from '../types';
import { THEME_VALUE } from '../core/theme';
import { App, type Actions, type Model } from './app';
import type { Center } from './center';
import { focusedElement, landFocus } from './focus';
import { scrollCue } from './banner';
import { h, render } from './dom';
import { localize, type BuiltIn } from './texts';
import css from './styles.css?raw';

/** The preference center: its controller, drawing (with Preact), CSS and keyboard handling (prefs.ts). */
export type PreferencesModule = typeof import('./prefs');

/** What the preference center's controller (center.ts) works with: the interface's state and its pieces. */
export interface Mounted {
  host: CandorHost;
  doc: Document;
  shadow: ShadowRoot;
  model: Model;
  actions: Actions;
  /** Renders everything again from the model. */
  redraw(): void;
  find(selector: string): HTMLElement | null;
  /** Makes the page behind inert, except our host and what already was; returns what changed. */
  makeInert(): Element[];
  free(list: Element[]): Element[];
  /** Moves focus where it goes after a decision in the banner (focus.ts `landFocus`). */
  land(): void;
}

export interface MountOptions {
  doc?: Document;
  /** The URL of the dist directory, ending in '/': where the stylesheet fallbacks are. */
  base?: string;
  /**
   * The preference center, or how to load it on first need (candor.js: dist/candor-prefs.js). A loader
   * is called again after a failure.
   */
  preferences: PreferencesModule | (() => Promise<PreferencesModule>);
  /** src/core/styles.ts, which candor.js has already: passed in rather than bundled twice. */
  adoptStyles: typeof import('../core/styles').adoptStyles;
  /** src/core/language.ts's, which candor.js has already too: whose built-in texts show a language. */
  builtInLanguage: typeof import('../core/language').builtInLanguage;
  /**
   * The built-in texts, read at each draw: those loaded so far in the ES module (src/ui/i18n/lazy.ts); in candor.js the
   * visitor's language, its first layer, then every text once the preference center's loader has run (src/ui/entry.ts).
   */
  texts: BuiltIn;
}

/** How long the "saved" confirmation stays on screen. */
const SAVED_MS = 8000;

/**
 * Draws the banner and the preference center for `host` in one `<div id="candor">` with an open shadow
 * root, so page CSS does not leak in (docs/contract.md §5). `base` is the URL of the dist directory, ending in '/',
 * used for `candor.css` (and `candor-preferences.css`) where constructable stylesheets are unsupported.
 *
 * All state lives here and every change re-renders from the top, synchronously (the first layer with dom.ts,
 * the preference center with Preact, in a container of its own): what a visitor (or a script) clicks is on
 * screen, and in the next decision, at once. Only the first opening of
 * a preference center still to be loaded waits, for its chunk.
 */
export function mountUI(host: CandorHost, options: MountOptions): UI {
  const { adoptStyles } = options;
  const doc = options.doc || document;
  const base = options.base || '';
  const hostEl = doc.createElement('div');
  hostEl.id = 'candor';
  const shadow = hostEl.attachShadow({ mode: 'open' });
  adoptStyles(shadow, css, base + 'candor.css');
  // The renderers own this container only, not the link above; the preference center, `center` in it.
  const mount = doc.createElement('div');
  shadow.append(mount);
  const center = doc.createElement('div');
  // First in <body>: the banner comes early in tab order (docs/compliance.md G26).
  doc.body.prepend(hostEl);

  const model: Model = {
    state: host.get(),
    banner: false,
    preferences: false,
    switches: {},
    expanded: {},
    receipts: null,
    saved: 0,
    // Mounted by a withdrawal (reset() shows the banner again): offer the reload from the start.
    reload: !!host.withdrawn,
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Page elements made inert while a modal banner waits for the choice; freed by any choice. */
  let waiting: Element[] = [];
  /** What had focus before the banner: focus goes back there after a decision if no floating button. */
  let before: Element | null = null;
  /** Make the page behind inert, except our host and what already was; returns what changed. */
  const makeInert = () => {
    const list = Array.from(doc.body.children).filter((el) => el != hostEl && !el.hasAttribute('inert'));
    for (const el of list) el.setAttribute('inert', '');
    return list;
  };
  const free = (list: Element[]) => {
    for (const el of list) el.removeAttribute('inert');
    return [];
  };
  let resize: ResizeObserver | undefined;
  const page = doc.documentElement.style;
  let padding = '';

  const find = (selector: string) => mount.querySelector<HTMLElement>(selector);

  /** The preference center, once its module is here (center.ts). */
  let prefs: Center | undefined;
  /** Set by destroy(): a preference center arriving later is not started (it would listen to the page's keys). */
  let gone = false;
  /** Its CSS extends the banner's: one sheet, in the order of one file (or a second <link>, after candor.css). */
  const prefsReady = (m: PreferencesModule) => {
    if (gone) return;
    adoptStyles(shadow, css + m.css, base + 'candor-preferences.css');
    prefs = m.center({ host, doc, shadow, model, actions, redraw: draw, find, makeInert, free, land: () => landFocus(doc, before) }, center);
  };
  const source = options.preferences;
  let loading: Promise<unknown> | undefined;
  /** Fetch the preference center once; a failure is reported, and the next need tries again. */
  const loadPreferences = () =>
    (loading ||= (source as () => Promise<PreferencesModule>)().then(prefsReady, (e) => {
      loading = undefined;
      console.error('Candor: could not load the preference center.', e);
      throw e;
    }));
  /** The opening that waits for the chunk, until a decision or a close cancels it. */
  let pending: object | undefined;

  function draw() {
    const config = host.config;
    const theme = config?.theme || {};
    // CSSOM custom properties are allowed under a strict CSP (string style attributes are not).
    // Only colours and lengths, checked again here: a stamped configuration skips the validator.
    for (const name in theme)
      if (/^[a-z][a-z0-9-]*$/.test(name) && THEME_VALUE.test(theme[name])) hostEl.style.setProperty('--candor-' + name, theme[name]);
    if (theme.scheme) hostEl.dataset.scheme = theme.scheme;
    const l = config && localize(config, model.state.language, options.texts, options.builtInLanguage);
    render(l && h(App, { host, model, actions, l, center }), mount);
    prefs?.draw(l);
  }

  // WCAG 2.4.11 (technique C43): scroll-padding keeps a focused page element from scrolling under the banner,
  // and a spacer as tall as the banner at the end of the page lets the last elements scroll above it.
  const spacer = doc.createElement('div');
  spacer.setAttribute('aria-hidden', 'true');
  spacer.setAttribute('data-candor-spacer', '');
  function fitBanner() {
    const banner = find('.banner');
    if (!banner) return;
    // One layout read: the write to the page's style in between would force a second one.
    scrollCue(banner.firstElementChild);
    // A top bar or a modal covers no end of the page: nothing to pad.
    if (!banner.classList.contains('bottom')) return;
    const height = banner.offsetHeight + 'px';
    page.setProperty('scroll-padding-bottom', height);
    spacer.style.height = height;
    if (!spacer.isConnected) doc.body.append(spacer);
  }

  const actions: Actions = {
    decide(method, switches) {
      // Focus was on the choice just made, which goes away: it lands somewhere sensible, never on <body>.
      const had = doc.activeElement == hostEl;
      host.decide(method, switches);
      // A later decision restarts the timer, so this one always clears its own confirmation.
      model.saved++;
      clearTimeout(timer);
      timer = setTimeout(() => {
        model.saved = 0;
        draw();
      }, SAVED_MS);
      // After a decision the banner is gone (docs/contract.md §5), even if the core reports it later.
      ui.hide();
      draw();
      // (On <body> or nowhere means not on our host.)
      if (had && (!doc.activeElement || doc.activeElement == doc.body)) landFocus(doc, before);
    },
    customize: (from) => ui.show('preferences', from),
    // The visitor points at or focuses Customize: fetch the chunk now, so the click rarely waits.
    prefetch: () => void (prefs || loadPreferences().catch(() => {})),
    close: () => ui.hide('preferences'),
    expand(id) {
      model.expanded = { ...model.expanded, [id]: !model.expanded[id] };
      draw();
    },
    dismissReload() {
      model.reload = false;
      draw();
    },
  };

  const unsubscribe = host.on('change', (next) => {
    const before = model.state.purposes;
    // Withdrawing cannot unload scripts that already ran: offer a reload (docs/compliance.md D17).
    if (Object.keys(before).some((id) => before[id] && next.purposes[id] === false)) model.reload = true;
    model.state = next;
    prefs?.change();
    if (next.decided) ui.hide('banner');
    draw();
  });

  const ui: UI = {
    show(view: View, from?: Element | null) {
      const config = host.config;
      if (!config) return; // an invalid config shows nothing (docs/contract.md §5)
      model.state = host.get();
      if (view == 'banner') {
        // Not under an open preference center (a decision lapsed meanwhile, or was withdrawn elsewhere), where it would take
        // focus from it: it comes when the center closes without a decision in force (hide(); docs/contract.md §5).
        if (model.banner || model.preferences) return;
        model.banner = true;
        padding = page.getPropertyValue('scroll-padding-bottom');
        const was = focusedElement(doc);
        before = was && was != doc.body && !hostEl.contains(was) ? was : null;
        draw();
        if (config.layout == 'modal') {
          waiting = makeInert();
          find('.banner')!.focus();
        }
        // The observer's first call comes after the browser's own layout: measuring here would force one
        // more, inside the task that shows the banner (issue #6: no long task).
        const Observer = doc.defaultView!.ResizeObserver;
        if (Observer) (resize = new Observer(fitBanner)).observe(find('.banner')!);
        else fitBanner();
      } else {
        if (model.preferences) return;
        const by = from || focusedElement(doc);
        if (!prefs) {
          // The opener says it is busy until the chunk is here; then this opening goes on, if still wanted.
          const wait = (pending = {});
          from?.setAttribute('aria-busy', 'true');
          const done = () => {
            from?.removeAttribute('aria-busy');
            if (pending != wait) return;
            pending = undefined;
            if (prefs) ui.show('preferences', by);
          };
          loadPreferences().then(done, done);
          return;
        }
        prefs.open(by);
      }
      host.emit('show', { view });
    },

    hide(view?: View) {
      if (view != 'banner') pending = undefined;
      const hidden: View[] = [];
      if (view != 'preferences' && model.banner) {
        model.banner = false;
        hidden.push('banner');
      }
      if (view != 'banner' && model.preferences) {
        model.preferences = false;
        hidden.push('preferences');
      }
      if (!hidden.length) return;
      draw();
      if (hidden.includes('banner')) {
        if (resize) resize.disconnect();
        waiting = free(waiting);
        page.setProperty('scroll-padding-bottom', padding);
        spacer.remove();
      }
      if (hidden.includes('preferences')) prefs!.closed();
      for (const v of hidden) host.emit('hide', { view: v });
      // No decision in force once the center is closed: the banner (as it was on a first visit's Customize).
      if (view == 'preferences' && !host.get().decided) ui.show('banner');
    },

    destroy() {
      gone = true;
      ui.hide();
      unsubscribe();
      clearTimeout(timer);
      render(null, mount);
      prefs?.destroy();
      hostEl.remove();
    },
  };
  // The ES module has the preference center at once (src/ui/index.ts).
  if (typeof source != 'function') prefsReady(source);
  return ui;
}
