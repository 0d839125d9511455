/**
 * The configuration file's last trusted text, kept on the device, so a returning visitor is decided while
 * candor.js runs instead of after the file's request (docs/architecture.md, "A returning visitor").
 *
 * Threat model. The entry is only a faster way to learn what the file says: it never grants by itself. The
 * grant comes from the `candor` cookie, and the cached config is used only when that cookie's decision covers
 * it entirely (same version, not expired, every optional purpose answered, no grant GPC turns off). Whatever
 * reads back is hostile until proven otherwise: an entry for another URL, text that is not JSON, an old format,
 * storage that throws (blocked, Safari private mode) all give nothing. The text must also pass the same trust
 * test as a fresh file (trust.ts): stamped for this build's validator, or the very text that validated last
 * on this device, so an edited entry — say one marking a purpose `required` — is refused and the page waits
 * for the file, as without a cache. These hashes are not a security boundary against script running on the
 * site's origin: such script could as well write the cookie or call `candor.acceptAll()`, so the cache is no
 * weaker than the cookie it serves; what the checks stop is corruption, stale entries, another config of the
 * same origin, and a validator update (which changes the salt). The file is always fetched again: when it
 * differs, the page moves to it (manager.ts), and a failure forgets the entry, so the next page waits.
 */
import type { ResolvedConfig } from '../types';
import { type Decision, needsPrompt } from './consent';
import { known } from './trust';

/** localStorage key: the config file's absolute URL, a line feed, and its text as last trusted. */
export const CACHED = 'candor-cached';

/** The cache of the config file at `url` (relative to `doc`); without a URL, or an unusable one, it holds nothing. */
export function configCache(win: Window, doc: Document, url: string | null | undefined, salt: string) {
  let at = '';
  try {
    // An absolute URL never holds a line feed (the URL parser drops them).
    if (url) at = new URL(url, doc.baseURI).href + '\n';
  } catch {}
  return {
    /** The cached text and its config, when it is for this URL and still trusted. */
    read(): { text: string; config: ResolvedConfig } | undefined {
      try {
        const value = at && win.localStorage.getItem(CACHED);
        if (value?.startsWith(at)) {
          const text = value.slice(at.length);
          const config = known(text, win, salt);
          if (config) return { text, config };
        }
      } catch {}
    },
    /**
     * Keep `text`, a trusted config of this URL, or, with anything falsy, forget the entry. A refused write (quota)
     * forgets it too. The same text already kept is not written again (most page views fetch an unchanged file).
     */
    keep(text: unknown) {
      const forget = () => win.localStorage.removeItem(CACHED);
      if (at)
        try {
          if (!text) forget();
          else if (win.localStorage.getItem(CACHED) !== at + text) win.localStorage.setItem(CACHED, at + text);
        } catch {
          try {
            forget();
          } catch {}
        }
    },
  };
}

/**
 * Whether `decision` settles `config` now with nothing to ask or to write: same version, not expired, every
 * optional purpose answered, and no grant that GPC turns off (that would store a new decision).
 */
export function settles(decision: Decision | null, config: ResolvedConfig, now: number, gpc: boolean): boolean {
  // No decision needs a prompt ('none'), so `decision` is there past the first test.
  return !needsPrompt(decision, config, now) && !(gpc && decision!.granted.some((id) => config.gpc?.includes(id)));
}
