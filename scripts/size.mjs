// Byte budgets (issue #6), run by `npm test`: prints raw / gzip / brotli for every dist entry and for what
// each kind of visitor downloads, and fails when one grows past its budget. The budget is what the build
// enforces today; the target is where the project is going (5 KB for candor.js, 12 KB for a first visit) — both are printed so every change sees its cost.
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const measure = (file) => {
  const buf = readFileSync(new URL(file, dist));
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

/** The lazy chunks of src/chunks.json (dist/candor-<id>.js): each must have its row below. */
const CHUNKS = Object.keys(JSON.parse(readFileSync(new URL('../src/chunks.json', import.meta.url), 'utf8')));

/** The language chunks (dist/candor-<language>.js, one per language of src/languages.ts), largest (brotli) first. */
const LANGUAGES = [
  ...readFileSync(new URL('../src/languages.ts', import.meta.url), 'utf8')
    .match(/LANGUAGES = \[([^\]]*)\]/)[1]
    .matchAll(/'([^']+)'/g),
].map((m) => m[1]);
const languageChunks = LANGUAGES.map((l) => `candor-${l}.js`)
  .filter((f) => existsSync(new URL(f, dist)))
  .sort((a, b) => measure(b).brotli - measure(a).brotli);
const largest = languageChunks[0] || 'candor-en.js';

/**
 * What each visitor downloads (besides the config), with its brotli budget and target, in bytes. A first
 * visit gets the interface in one language (English here; the others are a little larger), the
 * validator only when the config is not stamped by `candor validate --stamp`, the preference center only
 * when the visitor opens it (Customize), the records after a decision.
 */
const entries = [
  { name: 'candor.js (returning visitor)', files: ['candor.js'], budget: 8163, target: 5120 },
  // The banner draws without Preact (src/ui/dom.ts); Preact comes with the preference center.
  { name: 'candor-ui.js (banner + styles)', files: ['candor-ui.js'], budget: 5090 },
  { name: 'candor-prefs.js (preference center)', files: ['candor-prefs.js'], budget: 7480 },
  { name: 'candor-en.js (English texts)', files: ['candor-en.js'], budget: 1400 },
  // Every language of src/languages.ts has its chunk; a visitor downloads one. The largest must fit too.
  { name: `${largest} (largest language)`, files: [largest], budget: 2150 },
  { name: 'candor-check.js (validator)', files: ['candor-check.js'], budget: 6150 },
  { name: 'candor-core.js (records, cleanup)', files: ['candor-core.js'], budget: 3250 },
  { name: 'candor-embeds.js (embed placeholders)', files: ['candor-embeds.js'], budget: 1060 },
  { name: 'candor-languages.js (other languages)', files: ['candor-languages.js'], budget: 930 },
  { name: 'first visit, to the banner', files: ['candor.js', 'candor-ui.js', 'candor-en.js'], budget: 14530, target: 12288 },
  { name: '  + validator (config not stamped)', files: ['candor.js', 'candor-ui.js', 'candor-en.js', 'candor-check.js'], budget: 20620 },
  {
    name: '  + records (after the decision)',
    files: ['candor.js', 'candor-ui.js', 'candor-en.js', 'candor-check.js', 'candor-core.js'],
    budget: 23800,
  },
  {
    name: '  + preference center (Customize)',
    files: ['candor.js', 'candor-ui.js', 'candor-en.js', 'candor-check.js', 'candor-core.js', 'candor-prefs.js'],
    budget: 31220,
  },
];

for (const id of CHUNKS)
  if (!entries.some((e) => e.files.length == 1 && e.files[0] == `candor-${id}.js`)) {
    console.log(`candor-${id}.js (src/chunks.json) has no size budget in scripts/size.mjs`);
    process.exit(1);
  }

const kb = (n) => (n / 1024).toFixed(2).padStart(6) + ' KB';
let over = 0;
console.log('Size of dist/'.padEnd(40) + 'raw'.padStart(9) + 'gzip -9'.padStart(10) + 'brotli'.padStart(10) + '  budget (target)');
for (const e of entries) {
  const missing = e.files.filter((f) => !existsSync(new URL(f, dist)));
  if (missing.length) {
    console.log(`${e.name}: missing ${missing.join(', ')} — run npm run build`);
    over++;
    continue;
  }
  const t = e.files.map(measure).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }));
  const fails = t.brotli > e.budget;
  if (fails) over++;
  const target = e.target ? ` (${kb(e.target).trim()}${t.brotli > e.target ? `, ${t.brotli - e.target} B to go` : ', met'})` : '';
  console.log(
    `${e.name.padEnd(40)}${kb(t.raw)}${kb(t.gzip)}${kb(t.brotli)}  ≤ ${kb(e.budget).trim()}${target}${fails ? `  OVER BUDGET by ${t.brotli - e.budget} B` : ''}`,
  );
}
const brotli = languageChunks.map((f) => [f, measure(f).brotli]);
if (brotli.length) console.log(`${brotli.length} language chunks, brotli: smallest ${brotli.at(-1).join(' ')} B, largest ${brotli[0].join(' ')} B`);
console.log(over ? `Size budgets: ${over} over budget.` : 'Size budgets: every entry within budget.');
process.exit(over ? 1 : 0);
