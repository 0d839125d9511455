/**
 * How `candor validate` prints its results: for people, one line per problem in the `file:line:column`
 * form editors and CI annotate (colours only on a terminal, never with NO_COLOR); for machines, `--json`.
 */
import type { FileResult, Located } from './validate';

/** ANSI styles, or plain text when colour is off. */
export function palette(on: boolean) {
  const style = (open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { red: style(31, 39), yellow: style(33, 39), green: style(32, 39), dim: style(2, 22), bold: style(1, 22) };
}
export type Palette = ReturnType<typeof palette>;

/** Colour when writing to a terminal, unless NO_COLOR is set to something (https://no-color.org). */
export function wantsColour(stream: { isTTY?: boolean }, env: { [name: string]: string | undefined }): boolean {
  return !!stream.isTTY && !env.NO_COLOR && env.TERM != 'dumb';
}

/** A message quoting a huge value stays readable in a terminal (`--json` keeps it whole). */
const shorten = (message: string) => (message.length > 400 ? message.slice(0, 300) + ` … (${message.length - 300} more characters)` : message);

const plural = (n: number, word: string) => `${n} ${word}${n == 1 ? '' : 's'}`;

/**
 * Control characters a file may hold (an escape sequence in a name it quotes, or in its own name) written as `\u001b`:
 * a terminal would obey them (rewrite lines, set the title, the clipboard). `--json` escapes them already.
 */
const visible = (text: string) => text.replace(/\p{Cc}/gu, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));

/** One problem: `file:line:column: error: path: message`, then its hint, indented. */
function problemLines(file: string, p: Located, kind: 'error' | 'warning', c: Palette): string {
  const where = visible(p.line ? `${file}:${p.line}:${p.column}` : file);
  const label = kind == 'error' ? c.red('error') : c.yellow('warning');
  // Syntax messages name their line and column for --json readers; here the prefix already does.
  const message = p.line ? p.message.replace(new RegExp(`( \\(line| at line) ${p.line}, column ${p.column}\\)?$`), '') : p.message;
  const what = (p.path ? `${c.bold(visible(p.path))}: ` : '') + shorten(visible(message));
  return `${where}: ${label}: ${what}\n` + (p.hint ? c.dim(`  hint: ${visible(p.hint)}`) + '\n' : '');
}

/** The human report for every file. */
export function textReport(results: FileResult[], c: Palette): string {
  let out = '';
  for (const r of results) {
    for (const p of r.errors) out += problemLines(r.file, p, 'error', c);
    for (const p of r.warnings) out += problemLines(r.file, p, 'warning', c);
    const counts = [r.errors.length && plural(r.errors.length, 'error'), r.warnings.length && plural(r.warnings.length, 'warning')]
      .filter(Boolean)
      .join(', ');
    if (!r.readable) continue;
    out += `${visible(r.file)}: ${r.valid ? c.green('valid') : c.red('invalid')}${counts ? ` (${counts})` : ''}${r.stamp ? ', ' + stampLine(r) : ''}\n`;
  }
  if (results.length > 1) {
    const valid = results.filter((r) => r.valid).length;
    const unreadable = results.filter((r) => !r.readable).length;
    out +=
      `${plural(results.length, 'file')}: ${valid} valid, ${results.length - valid - unreadable} invalid` +
      (unreadable ? `, ${unreadable} unreadable` : '') +
      '\n';
  }
  return out;
}

/** What `--stamp` did to a readable file: stamped, already stamped, or not stamped and why. */
function stampLine({ stamp, valid, value }: FileResult): string {
  if (stamp!.written) return 'stamped';
  if (stamp!.value) return 'already stamped';
  // An invalid configuration says why in its errors; a file JSON.parse refuses, and a failed write, say it here.
  return 'not stamped' + (valid || value === undefined ? `: ${stamp!.reason}` : '');
}

/** The `--json` report: an array of `{file, valid, readable, errors, warnings}`, plus `stamp` with `--stamp`. */
export function jsonReport(results: FileResult[]): string {
  return (
    JSON.stringify(
      results.map(({ file, valid, readable, errors, warnings, stamp }) => ({ file, valid, readable, errors, warnings, stamp })),
      null,
      2,
    ) + '\n'
  );
}

/**
 * The exit code for a set of results: 2 if a file could not be read, or a valid one could not be stamped,
 * else 1 if one is invalid, else 0.
 */
export function exitCode(results: FileResult[]): number {
  return results.some((r) => !r.readable || (r.valid && r.stamp && !r.stamp.value)) ? 2 : results.some((r) => !r.valid) ? 1 : 0;
}
