/**
 * Decisions across the tabs of a site (docs/contract.md §7): a BroadcastChannel tells the other tabs that a
 * decision was made; where there is none, each tab looks every second. Either way `sync` re-reads the
 * shared cookie.
 */
export interface Tabs {
  /** Tell the other tabs a decision was made here. */
  tell(): void;
  /** Stop listening and looking. */
  stop(): void;
}

/**
 * Call `sync` when another tab may have decided. The link opens once the page is `parsed`, not while candor.js holds
 * the parser (docs/architecture.md, "Startup order"), and `sync` runs then, so a decision another tab made in between
 * is applied as if heard of; a decision made here before that opens it at once to tell the others.
 */
export function linkTabs(win: Window & typeof globalThis, sync: () => void, parsed: Promise<void>): Tabs {
  let channel: BroadcastChannel | undefined;
  let poll = 0;
  /** Opened (or stopped): the link opens once. */
  let linked = false;
  /** Open the link; false if it was already open (or stopped). */
  const link = () => {
    if (linked) return false;
    linked = true;
    if (typeof win.BroadcastChannel == 'function') {
      channel = new win.BroadcastChannel('candor');
      // The message may come before the other tab's cookie reaches this tab's view of cookies: look again a
      // moment later.
      channel.onmessage = () => {
        sync();
        win.setTimeout(sync, 99);
      };
    } else poll = win.setInterval(sync, 1000);
    return true;
  };
  parsed.then(() => link() && sync());
  return {
    tell() {
      link();
      channel?.postMessage(1);
    },
    stop() {
      linked = true;
      channel?.close();
      win.clearInterval(poll);
    },
  };
}
