import type { CandorHost } from '../types';

/**
 * The manager running on a page, whichever of candor.js and the ES module's createCandor() started it (docs/contract.md
 * §2): one per page. A registered symbol, shared by every copy of Candor on the page, and which no markup can make:
 * `<img name="candor">` or `<iframe name="candor">` (DOM clobbering) give `window.candor`, never a symbol-keyed property.
 */
export const ONE = Symbol.for('candor');

export type Running = { [ONE]?: CandorHost };
