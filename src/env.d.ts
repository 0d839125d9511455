/** The package version, from package.json, written in by the build (rollup.config.mjs) and vitest.config.ts. */
declare const __VERSION__: string;

declare module '*.css?raw' {
  const css: string;
  export default css;
}
