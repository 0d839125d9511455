/**
 * `candor validate` for one file: read it, parse it (naming JSONC and other syntax mistakes precisely),
 * check it with the same validator candor.js runs in the browser, and place each problem in the file.
 */
import { CATALOG } from '../catalog/compact';
import { checkConfig } from '../core/config';
import { expandWith } from '../core/expand-services';
import { missingBuiltIns } from '../core/missing-texts';
import { keptNames, ownNames } from '../core/own-names';
import { STAMP, stampOf } from '../core/stamp';
import type { Problem, ResolvedConfig } from '../types';
import { scanJson, type Position } from './json-text';
import { readText, type Unreadable } from './read';
import { SALT } from './salt';

/** A problem, with where it is in the file when known. */
export interface Located extends Problem {
  line?: number;
  column?: number;
}

/** The outcome for one file (what `--json` prints, plus the resolved config for `candor hash`). */
export interface FileResult {
  file: string;
  valid: boolean;
  /** False when the file could not be read at all (exit code 2). */
  readable: boolean;
  errors: Located[];
  warnings: Located[];
  config?: ResolvedConfig;
  /** What JSON.parse gave, when it could parse the file (what a stamp covers). */
  value?: unknown;
  /** With `--stamp`: what became of the file's stamp (src/cli/stamp.ts). */
  stamp?: StampOutcome;
}

/** The `"$validated"` stamp of a file after `candor validate --stamp`. */
export interface StampOutcome {
  /** The stamp the file now carries, or null when it carries none that browsers would accept. */
  value: string | null;
  /** True when this run wrote it into the file. */
  written: boolean;
  /** Why nothing was written. */
  reason?: string;
}

/** Validate the configuration in `file` (`stamping`: before `--stamp`, see validateText). Never throws. */
export function validateFile(file: string, salt = SALT, stamping = false): FileResult {
  const read = readText(file);
  if ('unreadable' in read) return unreadableResult(file, read.unreadable);
  return validateText(file, read.text, salt, stamping);
}

/** The result for a file that could not be read. */
export function unreadableResult(file: string, why: Unreadable): FileResult {
  return { file, valid: false, readable: false, errors: [{ path: '', ...why }], warnings: [] };
}

/**
 * Validate configuration text (no BOM) read from `file`. A `"$validated"` stamp is checked against `salt`
 * (the build's, src/cli/salt.ts): a stale one is a warning, and so is a purpose's `services` without a current stamp
 * (candor.js refuses the file then) — unless `stamping`: the `--stamp` run about to follow settles both. Never throws.
 */
export function validateText(file: string, text: string, salt = SALT, stamping = false): FileResult {
  const result = (errors: Located[], warnings: Located[] = []): FileResult => ({ file, valid: !errors.length, readable: true, errors, warnings });
  if (!text.trim()) return result([{ path: '', message: 'the file is empty', hint: 'start from a complete example with: candor init' }]);

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const { error } = scanJson(text);
    return result([
      error
        ? { path: '', ...error }
        : { path: '', message: `is not valid JSON (${(e as Error).message})`, hint: 'check for a missing comma, quote or bracket' },
    ]);
  }
  // JSON.parse takes any depth, but what checks and stamps it recurses (a `$comment` may hold anything): a file that
  // would overflow the stack is refused here, with a reason, never as an internal error.
  if (deeper(value, MAX_DEPTH))
    return result([
      { path: '', message: `nests more than ${MAX_DEPTH} levels deep`, hint: 'a configuration is a few levels deep: check what wrote it' },
    ]);

  const { config, problems, warnings } = checkConfig(value, expandWith(CATALOG));
  const warn = (path: string, message: string, hint?: string) => void warnings.push({ path, message, hint });
  missingBuiltIns(value, warn);
  ownNames(value, warn);
  keptNames(value, warn);
  const scan = scanJson(text);
  const place = (p: Problem): Located => ({ ...p, ...locate(p.path, scan.positions) });
  const duplicates: Located[] = scan.duplicates.map((d) => ({
    path: d.path,
    message: 'this name appears twice in the same object; only the last one counts',
    hint: 'remove or rename one of them',
    line: d.line,
    column: d.column,
  }));
  const stamp = config && !stamping ? stampState(value as { [key: string]: unknown }, salt) : 'current';
  const stale = stamp == 'stale' ? [place(staleStamp(file))] : [];
  // The browser's validator has no catalog (docs/configuration.md, "Services: the vendor catalog"): it refuses `services`.
  const unexpanded =
    stamp == 'current'
      ? []
      : (value as { purposes: unknown[] }).purposes.flatMap((p, i) =>
          (p as { services?: unknown }).services === undefined ? [] : [place(needsStamp(file, `purposes[${i}].services`))],
        );
  const out = result(problems.map(place), [...duplicates, ...warnings.map(place), ...stale, ...unexpanded]);
  if (config) out.config = config;
  out.value = value;
  return out;
}

/** Far deeper than any configuration (purposes[0].vendors[0].name.en is 5), far shallower than a stack overflow. */
const MAX_DEPTH = 100;

/** Whether `value` nests deeper than `limit` arrays and objects (iteratively: a hostile file may nest a million deep). */
function deeper(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [v, d] = item;
    if (v && typeof v == 'object') {
      if (d >= limit) return true;
      for (const child of Object.values(v)) stack.push([child, d + 1]);
    }
  }
  return false;
}

/** Whether `value` carries a `"$validated"` stamp that candor.js of this build accepts (current), another (stale), or none. */
function stampState(value: { [key: string]: unknown }, salt: string): 'current' | 'stale' | 'none' {
  if (!Object.prototype.hasOwnProperty.call(value, STAMP)) return 'none';
  return value[STAMP] === stampOf(value, salt) ? 'current' : 'stale';
}

const restamp = (file: string) => `candor validate --stamp ${/[\s"'$]/.test(file) ? JSON.stringify(file) : file}`;

/** A purpose naming catalog services in a file without a current stamp: browsers refuse the whole file. */
const needsStamp = (file: string, path: string): Problem => ({
  path,
  message: 'candor.js refuses this file until it is stamped: the browser has no catalog to expand services, so nothing optional would run',
  hint: `stamp it (in your deploy step, after each edit and each Candor update) with: ${restamp(file)}`,
});

/** The warning for a stale stamp: harmless, but the visit it was meant to speed up is not sped up. */
const staleStamp = (file: string): Problem => ({
  path: STAMP,
  message:
    'stale stamp: the file was edited after it was stamped, or stamped by another Candor build, so browsers will download the validator to check it',
  hint: `stamp it again with: ${restamp(file)}`,
});

/** Where `path` starts in the file, or its closest enclosing value (a missing field: its object). */
function locate(path: string, positions: Map<string, Position>): Position | Record<string, never> {
  for (let p = path; ; ) {
    const at = positions.get(p);
    if (at) return at;
    if (!p) return {};
    const parent = p.replace(/\[\d+\]$|\.?[^.[\]]*$/, '');
    p = parent == p ? '' : parent;
  }
}
