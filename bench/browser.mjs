// The browser every benchmark uses: Debian's Chromium through playwright-core, nothing downloaded.

/** Chromium's path. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags that keep Chromium from doing unrelated work (or reaching out) while it is measured. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
