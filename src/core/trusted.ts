/**
 * The Trusted Types policy `candor`: under `require-trusted-types-for 'script'` every script URL and script
 * text Candor hands to the browser (its own chunks, the gated scripts it activates) goes through it. The
 * site lists `candor` in its `trusted-types` directive. Without Trusted Types, strings pass as they are.
 */
export interface Policy {
  createScriptURL(url: string): string;
  createScript(text: string): string;
}

const same = (s: string) => s;
let policy: Policy | undefined;

/** The policy, created on first use (once per page: a second `createPolicy('candor')` would be refused). */
export function trusted(win: Window): Policy {
  if (!policy) {
    policy = { createScriptURL: same, createScript: same };
    const types = (win as { trustedTypes?: { createPolicy(name: string, rules: Policy): Policy } }).trustedTypes;
    if (types)
      try {
        policy = types.createPolicy('candor', policy);
      } catch {
        console.error('Candor: could not create the Trusted Types policy candor: add it to trusted-types');
      }
  }
  return policy;
}
