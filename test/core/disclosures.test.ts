// The validator's disclosure rules (docs/compliance.md C12, E41, E42): recipients and retention of optional purposes,
// transfer safeguards outside the EEA, and who trains models with the data, in a purpose of its own.
import { describe, expect, it } from 'vitest';
import { EEA } from '../../src/core/check-disclosures';
import { checkConfig } from '../../src/core/config';
import shop from '../fixtures/shop.json';

/** A deep copy of the shop fixture (no warnings) with `edit` applied. */
function variant(edit: (c: any) => void): any {
  const c = structuredClone(shop);
  edit(c);
  return c;
}
const lines = (list: { path: string; message: string; hint?: string }[]) => list.map((p) => `${p.path}: ${p.message}`);
const warnings = (c: unknown) => lines(checkConfig(c).warnings);
const errors = (c: unknown) => lines(checkConfig(c).problems);

/** A purpose that trains models, as a personalisation purpose would say it. */
const training = (ai: object) => (c: any) => Object.assign(c.purposes[2].ai, { trainsModels: true }, ai);
/** An optional purpose for the training, after the others. */
const trainingPurpose = (c: any) =>
  c.purposes.push({
    id: 'model-training',
    title: 'Improving our models',
    description: 'Your purchases help train our ranking model.',
    dataCategories: ['purchase-history'],
    retentionDays: 365,
    vendors: [{ name: 'Acme AI', country: 'FR' }],
  });

describe('the fixture the rules are tested on', () => {
  it('has neither errors nor warnings', () => {
    expect(checkConfig(shop)).toMatchObject({ problems: [], warnings: [] });
  });
});

describe('recipients and retention of optional purposes (docs/compliance.md C12)', () => {
  it('warns, naming the purpose and the field, when an optional purpose does not say who receives the data', () => {
    const c = variant((c) => delete c.purposes[3].vendors);
    expect(checkConfig(c).config).not.toBeNull();
    expect(warnings(c)).toEqual(['purposes[3].vendors: optional purpose "marketing" does not say who receives the data']);
    expect(checkConfig(c).warnings[0].hint).toMatch(/give \[\] if nobody but you/);
  });

  it('warns when an optional purpose does not say how long the data is kept', () => {
    expect(warnings(variant((c) => delete c.purposes[4].retentionDays))).toEqual([
      'purposes[4].retentionDays: optional purpose "health-offers" does not say how long the data is kept',
    ]);
  });

  it('takes an empty vendors list as "nobody but the controller", and asks nothing of required purposes', () => {
    expect(shop.purposes[2].vendors).toEqual([]);
    expect(shop.purposes[0].vendors).toBeUndefined();
    expect(warnings(shop)).toEqual([]);
  });
});

describe('transfers outside the EEA (docs/compliance.md E42)', () => {
  const vendor = (v: object) => variant((c) => c.purposes[1].vendors.push({ name: 'Cloud Inc.', ...v }));

  it('the EEA is the 27 EU countries, Iceland, Liechtenstein and Norway', () => {
    expect(EEA).toHaveLength(30);
    expect(new Set(EEA).size).toBe(30);
    for (const code of ['FR', 'DE', 'GR', 'CY', 'HR', 'IE', 'IS', 'LI', 'NO']) expect(EEA).toContain(code);
    for (const code of ['GB', 'CH', 'US', 'EL', 'UK']) expect(EEA).not.toContain(code);
  });

  it('warns when a vendor outside the EEA gives no safeguard', () => {
    expect(warnings(vendor({ country: 'US' }))).toEqual(['purposes[1].vendors[1].transfer: outside the EEA (US) with no transfer safeguard']);
    expect(warnings(vendor({ country: 'GB' }))).toHaveLength(1);
  });

  it.each(['adequacy', 'scc', 'dpf'])('accepts "%s" for a vendor in the United States', (transfer) => {
    expect(checkConfig(vendor({ country: 'US', transfer }))).toMatchObject({ problems: [], warnings: [] });
  });

  it('needs nothing for a vendor in the EEA or of unknown country', () => {
    expect(warnings(vendor({ country: 'NO' }))).toEqual([]);
    expect(warnings(vendor({}))).toEqual([]);
  });

  it('refuses an unknown safeguard, with the words allowed', () => {
    const c = vendor({ country: 'US', transfer: 'none' });
    expect(checkConfig(c).config).toBeNull();
    expect(checkConfig(c).problems).toEqual([
      { path: 'purposes[1].vendors[1].transfer', message: '"none" is not in the expected form', hint: 'use "adequacy", "scc", "dpf"' },
    ]);
    expect(checkConfig(vendor({ country: 'US', transfer: 'SCC' })).problems[0].hint).toBe('did you mean "scc"?');
  });

  it('warns about a safeguard that cannot apply', () => {
    expect(warnings(vendor({ country: 'DE', transfer: 'scc' }))).toEqual([
      'purposes[1].vendors[1].transfer: DE is in the EEA: no transfer safeguard applies',
    ]);
    expect(warnings(vendor({ country: 'JP', transfer: 'dpf' }))).toEqual([
      'purposes[1].vendors[1].transfer: the EU-US Data Privacy Framework covers the US only',
    ]);
  });
});

describe('model training: by whom, and as a purpose of its own (docs/compliance.md E41)', () => {
  it('warns when data trains models and neither who trains nor a separate purpose is given (trainsModels: true stays valid)', () => {
    const c = variant(training({}));
    expect(checkConfig(c).config).not.toBeNull();
    expect(warnings(c)).toEqual([
      'purposes[2].ai.trainedBy: "personalization" does not say who trains the models',
      'purposes[2].ai.trainsModels: the training is not a separate purpose: the visitor cannot refuse it and keep "personalization"',
    ]);
  });

  it('is satisfied by who trains and a separate optional purpose for the training', () => {
    const c = variant((c) => {
      trainingPurpose(c);
      training({ trainedBy: ['controller', 'Acme AI'], trainingPurpose: 'model-training' })(c);
    });
    expect(checkConfig(c)).toMatchObject({ problems: [], warnings: [] });
  });

  it("recognises the training purpose by its being named in another purpose's trainingPurpose", () => {
    const c = variant((c) => {
      trainingPurpose(c);
      c.purposes[2].ai.trainingPurpose = 'model-training';
      c.purposes[2].ai.trainsModels = true;
      c.purposes[2].ai.trainedBy = ['controller'];
      // The training purpose says it trains models too: it is the separate purpose, so no warning asks for another.
      c.purposes[5].ai = {
        summary: 'Trains the ranking model.',
        inputs: ['purchase-history'],
        output: 'a better model',
        trainsModels: true,
        trainedBy: ['Acme AI'],
      };
    });
    expect(checkConfig(c)).toMatchObject({ problems: [], warnings: [] });
  });

  it('still warns when the only other purpose does not name the training purpose', () => {
    const c = variant((c) => {
      trainingPurpose(c);
      training({ trainedBy: ['controller'] })(c);
    });
    expect(warnings(c)).toEqual([
      'purposes[2].ai.trainsModels: the training is not a separate purpose: the visitor cannot refuse it and keep "personalization"',
    ]);
  });

  it('refuses a trainer that is neither the controller nor a vendor of the purpose or its training purpose', () => {
    expect(errors(variant(training({ trainedBy: ['OpenAI'] })))).toEqual([
      'purposes[2].ai.trainedBy[0]: "OpenAI" is not "controller" nor a vendor of this purpose or its trainingPurpose',
    ]);
    // A vendor of the purpose itself is a trainer it may name.
    const own = variant((c) => {
      c.purposes[1].ai = { summary: 'x', inputs: ['browsing'], output: 'y', trainsModels: true, trainedBy: ['Matomo'] };
    });
    expect(errors(own)).toEqual([]);
  });

  it('refuses a training purpose that is unknown, this purpose, or required', () => {
    const with_ = (id: string) => variant(training({ trainedBy: ['controller'], trainingPurpose: id }));
    expect(errors(with_('training'))[0]).toMatch(/^purposes\[2\]\.ai\.trainingPurpose: unknown purpose "training"/);
    expect(errors(with_('personalization'))).toEqual(['purposes[2].ai.trainingPurpose: names this purpose itself']);
    expect(errors(with_('necessary'))).toEqual(['purposes[2].ai.trainingPurpose: "necessary" is required, so it cannot be turned off']);
  });

  it('refuses who trains or a training purpose on data that trains no model', () => {
    const c = variant((c) => {
      trainingPurpose(c);
      Object.assign(c.purposes[2].ai, { trainsModels: false, trainedBy: ['controller'], trainingPurpose: 'model-training' });
    });
    expect(errors(c)).toEqual([
      'purposes[2].ai.trainedBy: given but trainsModels is not true',
      'purposes[2].ai.trainingPurpose: given but trainsModels is not true',
    ]);
  });

  it('checks the shape: trainedBy is a non-empty list of names, trainingPurpose an id', () => {
    expect(errors(variant(training({ trainedBy: 'controller' })))).toEqual(['purposes[2].ai.trainedBy: must be an array, not string']);
    expect(errors(variant(training({ trainedBy: [] })))).toEqual(['purposes[2].ai.trainedBy: must have at least 1 entry']);
    expect(errors(variant(training({ trainingPurpose: 'Model Training' })))[0]).toMatch(
      /trainingPurpose: "Model Training" is not in the expected form/,
    );
  });
});

describe('an AI system the visitor interacts with (docs/compliance.md I36)', () => {
  const interaction = (value: unknown) => variant((c) => Object.assign(c.purposes[2].ai, { interaction: value }));

  it.each(['chat', 'voice'])('accepts "%s", without a warning', (kind) => {
    expect(checkConfig(interaction(kind))).toMatchObject({ problems: [], warnings: [] });
    expect(checkConfig(interaction(kind)).config!.purposes[2].ai!.interaction).toBe(kind);
  });

  it('refuses any other kind, naming the field and the words allowed, and refuses the whole config', () => {
    const c = interaction('avatar');
    expect(checkConfig(c).config).toBeNull();
    expect(checkConfig(c).problems).toEqual([
      { path: 'purposes[2].ai.interaction', message: '"avatar" is not in the expected form', hint: 'use "chat", "voice"' },
    ]);
    expect(checkConfig(interaction('Chat')).problems[0].hint).toBe('did you mean "chat"?');
    expect(checkConfig(interaction('')).problems).toEqual([
      { path: 'purposes[2].ai.interaction', message: 'must not be empty', hint: 'use "chat", "voice"' },
    ]);
  });

  it('refuses a value that is not a string (`true`, a list of kinds)', () => {
    expect(errors(interaction(true))).toEqual(['purposes[2].ai.interaction: must be a string, not boolean']);
    expect(errors(interaction(['chat', 'voice']))).toEqual(['purposes[2].ai.interaction: must be a string, not an array']);
  });
});
