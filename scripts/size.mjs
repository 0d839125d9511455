// Byte budgets (issue #6), run by `npm test`: prints raw / gzip / brotli for every dist entry and for what
// each kind of visitor downloads, and fails when one grows past its budget. The budget is what the build
// enforces today; the target is the goal of issue #6 — both are printed so every change sees its cost.
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

/**
 * What each visitor downloads (besides the config), with its brotli budget and target, in bytes. A first
 * visit gets the interface in one language (English here; French is candor-fr.js, a little larger), the
 * validator only when the config is not stamped by `candor validate --stamp`, the preference center only
 * when the visitor opens it (Customize), the records after a decision.
 */
const entries = [
  { name: 'candor.js (returning visitor)', files: ['candor.js'], budget: 7150, target: 4096 },
  { name: 'candor-ui.js (banner + styles)', files: ['candor-ui.js'], budget: 7700 },
  { name: 'candor-prefs.js (preference center)', files: ['candor-prefs.js'], budget: 2600 },
  { name: 'candor-en.js (English texts)', files: ['candor-en.js'], budget: 1000 },
  { name: 'candor-fr.js (French texts)', files: ['candor-fr.js'], budget: 1350 },
  { name: 'candor-check.js (validator)', files: ['candor-check.js'], budget: 4140 },
  { name: 'candor-core.js (records, cleanup)', files: ['candor-core.js'], budget: 3200 },
  { name: 'first visit, to the banner', files: ['candor.js', 'candor-ui.js', 'candor-en.js'], budget: 15700, target: 15360 },
  { name: '  + validator (config not stamped)', files: ['candor.js', 'candor-ui.js', 'candor-en.js', 'candor-check.js'], budget: 19820 },
  { name: '  + records (after the decision)', files: ['candor.js', 'candor-ui.js', 'candor-en.js', 'candor-check.js', 'candor-core.js'], budget: 22640 },
  { name: '  + preference center (Customize)', files: ['candor.js', 'candor-ui.js', 'candor-en.js', 'candor-check.js', 'candor-core.js', 'candor-prefs.js'], budget: 25140 },
];

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
  console.log(`${e.name.padEnd(40)}${kb(t.raw)}${kb(t.gzip)}${kb(t.brotli)}  ≤ ${kb(e.budget).trim()}${target}${fails ? `  OVER BUDGET by ${t.brotli - e.budget} B` : ''}`);
}
console.log(over ? `Size budgets: ${over} over budget.` : 'Size budgets: every entry within budget.');
process.exit(over ? 1 : 0);
