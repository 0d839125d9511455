import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The policy is created once per page: each test imports fresh modules.
beforeEach(() => {
  vi.resetModules();
  document.body.innerHTML = '';
});
afterEach(() => {
  delete (window as { trustedTypes?: unknown }).trustedTypes;
  vi.restoreAllMocks();
});

describe('the Trusted Types policy "candor"', () => {
  it('passes gated script URLs and texts through a policy named candor', async () => {
    const seen: string[] = [];
    const createPolicy = vi.fn((_name: string, rules: { createScriptURL(s: string): string; createScript(s: string): string }) => ({
      createScriptURL: (s: string) => {
        seen.push('url ' + s);
        return rules.createScriptURL(s);
      },
      createScript: (s: string) => {
        seen.push('script ' + s);
        return rules.createScript(s);
      },
    }));
    (window as { trustedTypes?: unknown }).trustedTypes = { createPolicy };
    const { createGate } = await import('../../src/core/gate');
    document.body.innerHTML =
      '<script type="text/plain" data-purpose="a" src="/a.js"></script><script type="text/plain" data-purpose="a">void "inline"</script>';
    const gate = createGate(document, () => true);
    gate.scan();
    await new Promise((r) => setTimeout(r, 0));
    // The live copy of the external script "loads"; then the inline one is activated.
    document.querySelector('script[src]:not([type])')!.dispatchEvent(new Event('load'));
    await new Promise((r) => setTimeout(r, 0));
    gate.stop();
    expect(createPolicy).toHaveBeenCalledTimes(1);
    expect(createPolicy.mock.calls[0][0]).toBe('candor');
    expect(seen).toEqual(['url /a.js', 'script void "inline"']);
  });

  it('says exactly what is missing when the page does not allow the policy', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    (window as { trustedTypes?: unknown }).trustedTypes = {
      createPolicy: () => {
        throw new TypeError('Policy "candor" disallowed.');
      },
    };
    const { trusted } = await import('../../src/core/trusted');
    expect(trusted(window).createScriptURL('/x.js')).toBe('/x.js');
    trusted(window);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toBe('Candor: could not create the Trusted Types policy candor: add it to trusted-types');
  });
});
