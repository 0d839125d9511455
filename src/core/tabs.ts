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
  let channel: BroadcastChannel | null | undefined;
  let poll = 0;
  let stopped = false;
  const link = () => {
    if (channel !== undefined || stopped) return;
    channel = typeof win.BroadcastChannel == 'function' ? new win.BroadcastChannel('candor') : null;
    // The message may come before the other tab's cookie reaches this tab's view of cookies: look again a
    // moment later.
    if (channel)
      channel.onmessage = () => {
        sync();
        win.setTimeout(sync, 99);
      };
    else poll = win.setInterval(sync, 1000);
    return 1;
  };
  parsed.then(() => link() && sync());
  return {
    tell() {
      link();
      channel?.postMessage(1);
    },
    stop() {
      stopped = true;
      channel?.close();
      win.clearInterval(poll);
    },
  };
}
