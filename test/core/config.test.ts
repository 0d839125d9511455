import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig, didYouMean, isSafeUrl, MAX_PURPOSES, parseConfig } from '../../src/core/config';
import { encodeDecision } from '../../src/core/storage';
import shop from '../fixtures/shop.json';

/** A deep copy of the fixture with `edit` applied. */
function variant(edit: (c: any) => void): any {
  const c = structuredClone(shop);
  edit(c);
  return c;
}

/** The problems of a config, as `path: message` lines. */
function errors(c: unknown): string[] {
  return checkConfig(c).problems.map((p) => `${p.path}: ${p.message}`);
}

describe('a valid configuration', () => {
  it('resolves with defaults and no problems', () => {
    const { config, problems } = checkConfig(variant((c) => delete c.reaskAfterDays));
    expect(problems).toEqual([]);
    expect(config!.reaskAfterDays).toBe(182);
    expect(config!.floatingButton).toBe(true);
    expect(config!.closeButton).toBe(false);
    expect(config!.purposes[0].required).toBe(true);
    expect(config!.purposes[1].sensitive).toBe(false);
  });

  it('defaults languages to English and French', () => {
    expect(checkConfig(variant((c) => delete c.languages)).config!.languages).toEqual(['en', 'fr']);
  });

  it('accepts $schema and $comment anywhere', () => {
    expect(
      errors(
        variant((c) => {
          c.$comment = 'x';
          c.purposes[1].$comment = 'y';
          c.controller.$schema = 'z';
        }),
      ),
    ).toEqual([]);
  });

  it('parses JSON text, BOM included', () => {
    expect(parseConfig('\uFEFF' + JSON.stringify(shop)).problems).toEqual([]);
  });
});

describe('invalid configurations report every problem with its path', () => {
  it('text that is not JSON', () => {
    const { config, problems } = parseConfig('{ "version": "1", }');
    expect(config).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('');
    expect(problems[0].message).toMatch(/not valid JSON/);
  });

  it('a value that is not an object', () => {
    expect(errors([])).toEqual([': must be an object, not an array']);
    expect(errors(null)).toEqual([': must be an object, not null']);
  });

  it('missing required fields', () => {
    expect(errors({})).toEqual(['version: is required', 'controller: is required', 'policyUrl: is required', 'purposes: is required']);
  });

  it('wrong types, each at its own path', () => {
    const list = errors(
      variant((c) => {
        c.version = 3;
        c.floatingButton = 'yes';
        c.purposes[1].retentionDays = 1.5;
        c.purposes[2].ai.inputs = 'preferences';
        c.purposes[3].title = { en: 4 };
      }),
    );
    expect(list).toEqual([
      'version: must be a string, not number',
      'purposes[1].retentionDays: must be a whole number, not number',
      'purposes[2].ai.inputs: must be an array, not string',
      'purposes[3].title.en: must be a string',
      'floatingButton: must be true or false, not string',
    ]);
  });

  it('a version with a control character (a tab, a line feed): receipts carry it, and collectors refuse it', () => {
    for (const version of ['2026\t11', '2026-11\n', '\u007f1'])
      expect(
        errors(
          variant((c) => {
            c.version = version;
          }),
        ),
      ).toEqual(['version: holds a control character (tab, line feed…)']);
  });

  it('a version with a C1 control (U+0080–U+009F, as latin1-decoded cp1252 text holds): accepted as before, a collector stores it as sent', () => {
    for (const version of ['2026\u009611', '2026\u0085', '\u0080'])
      expect(
        errors(
          variant((c) => {
            c.version = version;
          }),
        ),
      ).toEqual([]);
  });

  it('a version holding half of a UTF-16 surrogate pair ("\\ud800" in JSON): refused, not a crash; a whole pair is fine', () => {
    // The collector cannot store it (PostgreSQL refuses it), nor the cookie hold it: encodeURIComponent threw, and the
    // validator with it ("URI malformed"), for the browser and `candor validate` alike.
    for (const version of ['2026-\ud800', '\udc00', '\ude00\ud83d'])
      expect(errors(variant((c) => (c.version = version)))).toEqual(['version: holds a control character (tab, line feed…)']);
    expect(parseConfig(JSON.stringify(variant((c) => (c.version = 'x'))).replace('"version":"x"', '"version":"\\ud800"')).problems).toHaveLength(1);
    expect(errors(variant((c) => (c.version = '2026-11 \ud83c\udf89 é\u0301 \u05e2\u05d1 \u2028 \ufeff \uffff')))).toEqual([]);
  });

  it('an empty purposes list and out-of-range reaskAfterDays', () => {
    expect(
      errors(
        variant((c) => {
          c.purposes = [];
          c.reaskAfterDays = 400;
          delete c.gpc;
          delete c.googleConsentMode;
        }),
      ),
    ).toEqual(['reaskAfterDays: must be between 1 and 395', 'purposes: must have at least 1 entry']);
  });

  it('duplicate and malformed ids', () => {
    const list = errors(
      variant((c) => {
        c.purposes[3].id = 'analytics';
        c.purposes[4].id = 'Health Offers';
      }),
    );
    expect(list).toContain('purposes[3].id: duplicate id "analytics" (also purposes[1])');
    expect(list).toContain('purposes[4].id: "Health Offers" is not in the expected form');
    const hint = checkConfig(variant((c) => (c.purposes[4].id = 'Health'))).problems[0].hint;
    expect(hint).toMatch(/lowercase letters, digits and "-"/);
  });

  it('unsafe URLs', () => {
    const list = errors(
      variant((c) => {
        c.policyUrl = 'javascript:alert(1)';
        c.controller.contact = 'data:text/html,hi';
        c.purposes[1].vendors[0].policyUrl = 'http://matomo.org';
        c.purposes[2].ai.humanReview = '//evil.example/contest';
      }),
    );
    expect(list).toEqual([
      'controller.contact: "data:text/html,hi" is not an allowed URL',
      'policyUrl: "javascript:alert(1)" is not an allowed URL',
      'purposes[1].vendors[0].policyUrl: "http://matomo.org" is not an allowed URL',
      'purposes[2].ai.humanReview: "//evil.example/contest" is not an allowed URL',
    ]);
  });

  it('unknown fields that look like typos get a "did you mean"', () => {
    const { problems } = checkConfig(
      variant((c) => {
        c.purpose = [];
        c.purposes[1].descripton = 'x';
        c.texts = { en: { acceptAl: 'OK' } };
      }),
    );
    expect(problems).toContainEqual({ path: 'purpose', message: 'unknown field', hint: 'did you mean "purposes"?' });
    expect(problems).toContainEqual({ path: 'purposes[1].descripton', message: 'unknown field', hint: 'did you mean "description"?' });
    expect(problems).toContainEqual({ path: 'texts.en.acceptAl', message: 'unknown text key', hint: 'did you mean "acceptAll"?' });
  });

  it('unknown fields unlike anything list what is allowed', () => {
    const [p] = checkConfig(variant((c) => (c.controller.zzzzzz = 1))).problems;
    expect(p.path).toBe('controller.zzzzzz');
    expect(p.hint).toBe('allowed: name, contact');
  });

  it('unknown data categories, with a suggestion', () => {
    const [p] = checkConfig(variant((c) => (c.purposes[1].dataCategories = ['browsing', 'devices']))).problems;
    expect(p).toEqual({ path: 'purposes[1].dataCategories[1]', message: 'unknown data category "devices"', hint: 'did you mean "device"?' });
  });

  it('a special category in a purpose that is not sensitive', () => {
    expect(errors(variant((c) => (c.purposes[3].dataCategories = ['browsing', 'religion'])))).toEqual([
      'purposes[3].dataCategories[1]: "religion" is a special category (GDPR Art. 9) but the purpose is not sensitive',
    ]);
  });

  it('a required purpose marked sensitive', () => {
    expect(errors(variant((c) => (c.purposes[0].sensitive = true)))).toEqual(['purposes[0].sensitive: a required purpose cannot be sensitive']);
  });

  it('AI inputs outside the purpose data categories', () => {
    expect(errors(variant((c) => c.purposes[2].ai.inputs.push('location')))).toEqual([
      `purposes[2].ai.inputs[2]: "location" is not among this purpose's dataCategories`,
    ]);
  });

  it('an automated decision without logic, consequences and human review', () => {
    expect(
      errors(
        variant((c) => {
          c.purposes[2].ai.automatedDecision = true;
          delete c.purposes[2].ai.humanReview;
        }),
      ),
    ).toEqual([
      'purposes[2].ai.logic: required when automatedDecision is true',
      'purposes[2].ai.consequences: required when automatedDecision is true',
      'purposes[2].ai.humanReview: required when automatedDecision is true',
    ]);
  });

  it('references to purposes that do not exist or cannot be refused', () => {
    expect(
      errors(
        variant((c) => {
          c.gpc = ['marketting', 'necessary'];
          c.googleConsentMode.ad_storage = ['ads'];
          c.googleConsentMode.ad_storag = ['marketing'];
        }),
      ),
    ).toEqual([
      'googleConsentMode.ad_storag: unknown key',
      'gpc[0]: unknown purpose "marketting"',
      'gpc[1]: "necessary" is required, so it cannot be turned off',
      'googleConsentMode.ad_storage[0]: unknown purpose "ads"',
    ]);
    expect(checkConfig(variant((c) => (c.gpc = ['marketting']))).problems[0].hint).toBe('did you mean "marketing"?');
  });

  it('a forced language that is not offered, and language codes that are not codes', () => {
    expect(
      errors(
        variant((c) => {
          c.language = 'de';
          c.purposes[1].title = { english: 'x' };
        }),
      ),
    ).toEqual(['purposes[1].title.english: "english" is not a language code', 'language: "de" is not among languages']);
  });

  it('a custom category that shadows a built-in one', () => {
    expect(errors(variant((c) => c.dataCategories.push({ id: 'age', label: 'Age' })))).toEqual([
      'dataCategories[1].id: "age" is a built-in category',
    ]);
  });

  it.each([
    'url(https://tracker.example/pixel.gif)',
    'image-set("https://t.example/p.png" 1x)',
    'var(--page-image)',
    'rgb(0 0 0) url(x)',
    'expression(alert(1))',
    '#12345g',
    'red blue',
  ])('a theme value that is not a colour or a length: %j', (value) => {
    expect(errors(variant((c) => (c.theme = { accent: value })))).toEqual([`theme.accent: "${value}" is not in the expected form`]);
  });

  it('theme colours and lengths are allowed', () => {
    const values = [
      '#1a4d8f',
      '#036',
      '#1a4d8f80',
      'rebeccapurple',
      'transparent',
      'rgb(26, 77, 143)',
      'rgba(0,0,0,.5)',
      'hsl(210 70% 33% / 0.9)',
      'oklch(45% 0.12 250)',
      '4px',
      '0.5rem',
      '0',
    ];
    for (const accent of values) expect(errors(variant((c) => (c.theme = { accent })))).toEqual([]);
  });

  it('theme values that could break out of CSS', () => {
    expect(errors(variant((c) => (c.theme = { accent: 'red;}body{display:none', colour: 'red' })))).toEqual([
      'theme.accent: "red;}body{display:none" is not in the expected form',
      'theme.colour: unknown key',
    ]);
  });
});

describe('hostile configurations', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('reports a field named %s as unknown, at the root and in a purpose', (name) => {
    // JSON.parse makes "__proto__" an own field, as a config file would.
    const c = JSON.parse(JSON.stringify(shop).replace(/^\{/, `{"${name}":{"a":1},`).replace('"id":"analytics"', `"${name}":1,"id":"analytics"`));
    expect(Object.prototype.hasOwnProperty.call(c, name)).toBe(true);
    const lines = errors(c);
    expect(lines).toContain(`${name}: unknown field`);
    expect(lines.some((l) => l.startsWith('purposes[') && l.includes(`.${name}: unknown field`))).toBe(true);
  });

  it('deeply nested __proto__ keys give one clear problem, never an exception', () => {
    const deep = '{"__proto__":'.repeat(5000) + '{}' + '}'.repeat(5000);
    const text = JSON.stringify(shop).replace('"purposes":[{', `"purposes":[{"__proto__":${deep},`);
    let result: ReturnType<typeof parseConfig> | undefined;
    expect(() => (result = parseConfig(text))).not.toThrow();
    expect(result!.config).toBeNull();
    expect(result!.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['purposes[0].__proto__: unknown field']);
  });

  it(`at most ${MAX_PURPOSES} purposes: 10,000 are refused with a clear message`, () => {
    const many = (n: number) =>
      variant((c) => {
        for (let i = 0; c.purposes.length < n; i++) c.purposes.push({ id: `p${i}`, title: 'T', description: 'D', dataCategories: ['browsing'] });
      });
    // The fixture has one required purpose: MAX_PURPOSES optional ones beside it fit the cookie (docs/contract.md §7).
    expect(errors(many(MAX_PURPOSES + 1))).toEqual([]);
    expect(errors(many(MAX_PURPOSES + 2))).toEqual([`purposes: ${MAX_PURPOSES + 1} optional purposes, more than the ${MAX_PURPOSES} allowed`]);
    expect(errors(many(10000))).toEqual([`purposes: 9999 optional purposes, more than the ${MAX_PURPOSES} allowed`]);
  });

  it('required purposes do not count against the limit: the cookie’s bytes bound them', () => {
    const required = (n: number) =>
      variant((c) => {
        for (let i = 0; i < n; i++) c.purposes.push({ id: `r${i}`, required: true, title: 'T', description: 'D', justification: 'J' });
      });
    expect(errors(required(20))).toEqual([]);
    expect(errors(required(2000))).toEqual([
      expect.stringMatching(/^purposes: the candor cookie and receipts would take \d+ bytes, more than the 4000 allowed$/),
    ]);
  });

  it('purpose ids too long for the candor cookie are refused', () => {
    const long = variant((c) => c.purposes.forEach((p: any, i: number) => i && (p.id = `purpose-${i}-`.padEnd(1500, 'x'))));
    long.gpc = [];
    long.googleConsentMode = {};
    const lines = errors(long);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^purposes: the candor cookie and receipts would take \d+ bytes, more than the 4000 allowed$/);
    // The estimate is never below the real cookie.
    const ids = long.purposes.filter((p: any) => !p.required).map((p: any) => p.id);
    const real = ('candor=' + encodeDecision({ version: long.version, time: Date.UTC(2200, 0), granted: ids, denied: [] })).length;
    expect(Number(/take (\d+) bytes/.exec(lines[0])![1])).toBeGreaterThanOrEqual(real);
  });

  it('a required purpose id or a language tag too long for a receipt is refused (a collector refused the receipt: 4,000 characters an id, 64 KB a request)', () => {
    // Not in the cookie (required purposes are not stored there): the cookie's bound let any length through.
    const longId = variant((c) => (c.purposes[0].id = 'necessary-'.padEnd(4100, 'x')));
    longId.googleConsentMode = {};
    expect(errors(longId)).toEqual([
      expect.stringMatching(/^purposes: the candor cookie and receipts would take \d+ bytes, more than the 4000 allowed$/),
    ]);
    const longLanguage = variant((c) => {
      c.languages = ['en', `en-${Array.from({ length: 9000 }, (_, i) => `v${i}`.padStart(5, '0')).join('-')}`];
      c.texts = {};
    });
    expect(errors(longLanguage)).toEqual([
      expect.stringMatching(/^purposes: the candor cookie and receipts would take \d+ bytes, more than the 4000 allowed$/),
    ]);
    // Within the bound, both are kept.
    expect(errors(variant((c) => (c.purposes[0].id = 'necessary-'.padEnd(1000, 'x')))).filter((l) => l.startsWith('purposes:'))).toEqual([]);
  });
});

describe('every problem comes with a hint (docs/contract.md §8)', () => {
  const invalid = join(process.cwd(), 'test/fixtures/configs/invalid');
  const fixtures = readdirSync(invalid).filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'));
  /** The problems of a config that have no hint, as `path: message` lines. */
  const bare = (c: unknown) =>
    checkConfig(c)
      .problems.filter((p) => !p.hint?.trim())
      .map((p) => `${p.path}: ${p.message}`);

  it.each(fixtures)('invalid/%s', (file) => {
    const c = JSON.parse(readFileSync(join(invalid, file), 'utf8'));
    expect(checkConfig(c).problems.length).toBeGreaterThan(0);
    expect(bare(c)).toEqual([]);
  });

  it.each<[string, (c: any) => void]>([
    ['a required field missing', (c) => delete c.controller],
    ['a string of the wrong type', (c) => (c.version = 2026)],
    ['a boolean of the wrong type', (c) => (c.closeButton = 'yes')],
    ['a whole number of the wrong type', (c) => (c.reaskAfterDays = '182')],
    ['a whole number out of range', (c) => (c.reaskAfterDays = 0)],
    ['a text of the wrong type', (c) => (c.purposes[1].title = 42)],
    ['an empty text', (c) => (c.purposes[1].title = ' ')],
    ['a text map entry that is not a string', (c) => (c.purposes[1].title = { en: 1 })],
    ['an array of the wrong type', (c) => (c.purposes[1].cookies = '_ga')],
    ['an empty purposes list', (c) => (c.purposes = [])],
    ['an object of the wrong type', (c) => (c.controller = 'Maison Lumière')],
    ['an empty version', (c) => (c.version = '')],
    ['a country not in ISO form', (c) => (c.purposes[1].vendors[0].country = 'France')],
    ['a cookie pattern with a space', (c) => (c.purposes[1].cookies = ['_pk id'])],
    ['a cookie domain with a scheme', (c) => (c.cookieDomain = 'https://example.com')],
    ['a theme value that is no colour or length', (c) => (c.theme = { accent: 'url(x)' })],
    ['a language that is no code', (c) => (c.languages = ['english'])],
    ['texts under a key that is no language', (c) => (c.texts = { English: {} })],
    ['a Consent Mode type unlike any', (c) => (c.googleConsentMode = { zzzzzzzzzzzz: ['analytics'] })],
    ['trainedBy without trainsModels', (c) => Object.assign(c.purposes[2].ai, { trainsModels: false, trainedBy: ['controller'] })],
    ['trainedBy naming no vendor', (c) => Object.assign(c.purposes[2].ai, { trainsModels: true, trainedBy: ['Nobody Inc'] })],
    ['a training purpose naming itself', (c) => Object.assign(c.purposes[2].ai, { trainsModels: true, trainingPurpose: c.purposes[2].id })],
  ])('%s', (_, edit) => {
    const c = variant(edit);
    expect(checkConfig(c).problems.length).toBeGreaterThan(0);
    expect(bare(c)).toEqual([]);
  });
});

it('a whole number out of range is hinted with an example, not with its range again ("from 1 to 395")', () => {
  expect(checkConfig(variant((c) => (c.reaskAfterDays = 0)))).toMatchObject({
    problems: [{ path: 'reaskAfterDays', message: 'must be between 1 and 395', hint: 'e.g. 182' }],
  });
  expect(checkConfig(variant((c) => (c.purposes[1].retentionDays = -1))).problems[0].hint).toBe('e.g. 182');
});

describe('warnings do not block', () => {
  it('a reaskAfterDays under 182 days asks a refusal again before six months (docs/compliance.md I39)', () => {
    const { config, warnings } = checkConfig(variant((c) => (c.reaskAfterDays = 30)));
    expect(config!.reaskAfterDays).toBe(30);
    expect(warnings.map((w) => [w.path, w.message])).toEqual([['reaskAfterDays', 'a refusal would be asked again before six months']]);
    expect(warnings[0].hint).toMatch(/182/);
    for (const days of [182, 395]) expect(checkConfig(variant((c) => (c.reaskAfterDays = days))).warnings).toEqual([]);
  });

  it('AI that targets on age (AI Act Art. 5)', () => {
    const { config, warnings } = checkConfig(variant((c) => c.purposes[2].dataCategories.push('age')));
    expect(config).not.toBeNull();
    expect(warnings.map((w) => w.path)).toEqual(['purposes[2].ai']);
    expect(warnings[0].message).toMatch(/age/);
  });

  it('cookies kept longer than 13 months', () => {
    const { warnings } = checkConfig(variant((c) => (c.purposes[1].retentionDays = 400)));
    expect(warnings.map((w) => w.path)).toEqual(['purposes[1].retentionDays']);
  });
});

describe('URL rules', () => {
  it.each([
    ['https://example.com/privacy', 'web', true],
    ['/privacy', 'web', true],
    ['mailto:dpo@example.com', 'contact', true],
    ['mailto:dpo@example.com', 'web', false],
    ['http://example.com', 'web', false],
    ['javascript:alert(1)', 'web', false],
    ['JAVASCRIPT:alert(1)', 'contact', false],
    ['data:text/html,x', 'web', false],
    ['//evil.example', 'web', false],
    ['/\\evil.example', 'web', false],
    ['https://user@evil.example', 'web', false],
    [' https://example.com', 'web', false],
  ] as const)('%s as %s → %s', (url, kind, ok) => {
    expect(isSafeUrl(url, kind)).toBe(ok);
  });
});

it('suggests only close names', () => {
  expect(didYouMean('polcyUrl', ['policyUrl', 'purposes'])).toBe('did you mean "policyUrl"?');
  expect(didYouMean('colour', ['accent', 'text'])).toBe('');
});
