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

/** Call `sync` when another tab may have decided. */
export function linkTabs(win: Window & typeof globalThis, sync: () => void): Tabs {
  const channel = typeof win.BroadcastChannel == 'function' ? new win.BroadcastChannel('candor') : null;
  // The message may come before the other tab's cookie reaches this tab's view of cookies: look again a
  // moment later.
  if (channel)
    channel.onmessage = () => {
      sync();
      win.setTimeout(sync, 99);
    };
  const poll = channel ? 0 : win.setInterval(sync, 1000);
  return {
    tell: () => channel?.postMessage(1),
    stop() {
      channel?.close();
      win.clearInterval(poll);
    },
  };
}
