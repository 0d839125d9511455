// Byte budgets (issue #6): prints raw / gzip / brotli for each dist entry and fails when one is over.
// candor.js is all a returning visitor downloads; candor.js + candor-ui.js is a first visit (the
// stylesheet is inside the UI chunk; candor.css is only a fallback for browsers without constructable sheets).
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const sizes = (file) => {
  const buf = readFileSync(new URL(`../dist/${file}`, import.meta.url));
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

/** Entries and their brotli budgets, in bytes. */
const budgets = [
  { name: 'returning visitor: candor.js', files: ['candor.js'], limit: 4096 },
  { name: 'first visit: candor.js + candor-ui.js', files: ['candor.js', 'candor-ui.js'], limit: 15360 },
];

let failed = 0;
const kb = (n) => (n / 1024).toFixed(2).padStart(6) + ' KB';
console.log('Size (dist/)'.padEnd(44) + '   raw'.padStart(9) + '  gzip -9'.padStart(10) + ' brotli 11'.padStart(10) + '   budget');
for (const b of budgets) {
  const missing = b.files.filter((f) => !existsSync(new URL(`../dist/${f}`, import.meta.url)));
  if (missing.length) {
    console.log(`${b.name}: missing ${missing.join(', ')} — run npm run build`);
    failed++;
    continue;
  }
  const total = b.files.map(sizes).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }));
  const over = total.brotli > b.limit;
  if (over) failed++;
  console.log(`${b.name.padEnd(44)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}  ≤ ${kb(b.limit).trim()} ${over ? `OVER by ${total.brotli - b.limit} B` : 'ok'}`);
}
console.log(failed ? `Size budgets: ${failed} over budget.` : 'Size budgets: every entry within budget.');
process.exit(failed ? 1 : 0);
