// Candor's configuration of the comparison page (page.mjs), on its own so that scripts/size.mjs can count it
// (stamped) in a first visit without loading the peers, whose packages only the benchmark installs.
import { NECESSARY, POLICY_URL, purposesFor } from './page.mjs';

/** Candor's configuration (docs/contract.md §6) for `count` optional purposes; 3 is the comparison config. */
export function candorConfig(count = 3) {
  return {
    version: 'bench-1',
    controller: { name: 'Maison Lumière SAS', contact: 'mailto:dpo@example.com' },
    policyUrl: POLICY_URL,
    languages: ['en'],
    purposes: [
      { ...NECESSARY, required: true, justification: 'The shop cannot work without it.' },
      ...purposesFor(count).map(({ id, title, description, dataCategories }) => ({ id, title, description, dataCategories })),
    ],
  };
}
