/**
 * `candor validate` for one file: read it, parse it (naming JSONC and other syntax mistakes precisely),
 * check it with the same validator candor.js runs in the browser, and place each problem in the file.
 */
import { checkConfig } from '../core/config';
import type { Problem, ResolvedConfig } from '../types';
import { scanJson, type Position } from './json-text';
import { readText } from './read';

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
}

/** Validate the configuration in `file`. Never throws. */
export function validateFile(file: string): FileResult {
  const read = readText(file);
  if ('unreadable' in read) return { file, valid: false, readable: false, errors: [{ path: '', ...read.unreadable }], warnings: [] };
  return validateText(file, read.text);
}

/** Validate configuration text (no BOM) read from `file`. Never throws. */
export function validateText(file: string, text: string): FileResult {
  const result = (errors: Located[], warnings: Located[] = []): FileResult => ({ file, valid: !errors.length, readable: true, errors, warnings });
  if (!text.trim()) return result([{ path: '', message: 'the file is empty', hint: 'start from a complete example with: candor init' }]);

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const { error } = scanJson(text);
    return result([error ? { path: '', ...error } : { path: '', message: `is not valid JSON (${(e as Error).message})` }]);
  }

  const { config, problems, warnings } = checkConfig(value);
  const scan = scanJson(text);
  const place = (p: Problem): Located => ({ ...p, ...locate(p.path, scan.positions) });
  const duplicates: Located[] = scan.duplicates.map((d) => ({
    path: d.path,
    message: 'this name appears twice in the same object; only the last one counts',
    hint: 'remove or rename one of them',
    line: d.line,
    column: d.column,
  }));
  const out = result(problems.map(place), [...duplicates, ...warnings.map(place)]);
  if (config) out.config = config;
  return out;
}

/** Where `path` starts in the file, or its closest enclosing value (a missing field: its object). */
function locate(path: string, positions: Map<string, Position>): Position | {} {
  for (let p = path; ; ) {
    const at = positions.get(p);
    if (at) return at;
    if (!p) return {};
    const parent = p.replace(/\[\d+\]$|\.?[^.[\]]*$/, '');
    p = parent == p ? '' : parent;
  }
}
