/**
 * The salt of `"$validated"` stamps (src/core/stamp.ts), the same as candor.js of this build uses: the
 * integrity of dist/candor-check.js, so that a stamp written by one build is accepted by that build only
 * and a new validator checks every configuration again.
 */

/** Written in by the build (rollup.config.mjs, `integrity()`: candor.js's map); undefined when run from source. */
declare const __INTEGRITY__: { [id: string]: string } | undefined;

/** The salt of this build; '' from source (tests pass their own where it matters). */
export const SALT: string = typeof __INTEGRITY__ == 'object' ? __INTEGRITY__.check : '';
