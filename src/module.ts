import { validate } from './core/validate';
import { inertCandor } from './core/inert';
import { createCandor as create, type Options } from './core/manager';
import { blockedEmbeds } from './core/blocked';
import { floatingButton } from './core/button';
import { createServices } from './core/services';
import { LOADED, loadTexts } from './ui/i18n/lazy';
import { mountUI } from './ui/index';
import type { CandorHost } from './types';
// The stamp's salt, as the `candor` command of this build writes it: a file it stamped is used as it is (a file naming
// catalog `services` only so: the validator has no catalog, docs/configuration.md "Services: the vendor catalog").
import { SALT } from './cli/salt';
import { ONE, type Running } from './core/one';

/** The built-in interface, drawn once the visitor's language is loaded (its own chunk; English if it fails), as in candor.js. */
const builtIn: Options['ui'] = async (language, languages = []) => {
  await loadTexts(language, languages).catch(() => undefined);
  return (host, o) => mountUI(host, { ...o, texts: LOADED });
};

/**
 * For bundler users: `createCandor({ config })` with the interface, the validator and the records
 * included. Pass `ui: null` for a headless manager that never shows anything (you then call
 * `acceptAll`/`set` yourself). Without a page (server-side rendering, Node, a worker) it returns an inert
 * instance: nothing granted, `ready` resolved as undecided (src/core/inert.ts).
 */
export function createCandor(options: Partial<Options> & Pick<Options, 'config'>): CandorHost {
  // Plain JavaScript may pass anything: no options, a member set to undefined (its default then), a wrong type. Each fails
  // closed (an invalid configuration, reported), never throws into the page (docs/contract.md §8).
  const given: Partial<Options> = Object.fromEntries(
    Object.entries(options && typeof options == 'object' ? options : {}).filter(([, v]) => v !== undefined),
  );
  if (!given.window && (typeof window == 'undefined' || !window.document)) return inertCandor();
  // candor.js or an earlier createCandor() already runs on this page (a layout's script tag, a bundle's import, a second
  // bundle): one manager only, as when candor.js is loaded twice (docs/contract.md §2); two would show two banners and gate,
  // record and clean up twice. Not read from `window.candor`, which markup makes too (src/core/one.ts).
  const win = (given.window || window) as Window & Running;
  const running = win[ONE];
  if (running) {
    console.warn('Candor: already running on this page; createCandor() returns that manager, without these options.');
    return running;
  }
  const { config, ui } = given;
  const host = create({
    texts: loadTexts,
    check: async () => validate,
    placeholders: async () => blockedEmbeds,
    button: async () => floatingButton,
    // Receipts hash the built-in texts of the decision's language (notice format 2), loaded as the interface loads them.
    services: async () => createServices(undefined, loadTexts),
    salt: SALT,
    ...given,
    // A loader that throws at once is a configuration that could not be loaded.
    config: typeof config == 'function' ? async () => config() : config,
    // null or false: headless; any other value but a function (`ui: true`): the built-in interface.
    ui: typeof ui == 'function' ? ui : ui === null || (ui as unknown) === false ? null : builtIn,
  });
  // Ended, it leaves the page to the next createCandor() (a component mounted again).
  const end = host.destroy;
  host.destroy = () => {
    if (win[ONE] == host) delete win[ONE];
    end();
  };
  return (win[ONE] = host);
}
