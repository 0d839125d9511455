// Writes dist/candor.schema.json (JSON Schema 2020-12 of the configuration) from the shape in
// src/core/schema.ts and the field docs in src/core/schema-docs.ts, through the built dist/cli.js
// (so it runs after rollup, in `npm run build`). With --docs (`npm run docs`) it also brings the generated
// parts of docs/configuration.md up to date: the field reference and the validator output of each example.
import { readFileSync, writeFileSync } from 'node:fs';
import { configurationDoc, jsonSchema } from '../dist/cli.js';

const root = new URL('../', import.meta.url);
writeFileSync(new URL('dist/candor.schema.json', root), JSON.stringify(jsonSchema(), null, 2) + '\n');

if (process.argv.includes('--docs')) {
  const file = new URL('docs/configuration.md', root);
  writeFileSync(file, configurationDoc(readFileSync(file, 'utf8')));
  console.log('docs/configuration.md is up to date');
}
