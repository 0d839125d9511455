/**
 * `candor validate --stamp`: write `"$validated"` (src/core/stamp.ts) into each valid configuration file, so
 * that candor.js of the same build trusts it and skips downloading its validator, even on a first visit.
 * The file is edited as text — the stamp's member is replaced or inserted, everything else keeps its
 * formatting — and written only once the new text parses to the same configuration plus the stamp and
 * validates again, through a temporary file renamed over the original (never half a file).
 */
import { chmodSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import process from 'node:process';
import { parseTree } from 'jsonc-parser';
import { CATALOG } from '../catalog/compact';
import { expandServices } from '../core/expand-services';
import { STAMP, stampOf } from '../core/stamp';
import { readText } from './read';
import { SALT } from './salt';
import { unreadableResult, validateText, type FileResult, type StampOutcome } from './validate';

/** Validate `file` and, when it is valid, stamp it with `salt` (the build's). Never throws. */
export function stampFile(file: string, salt = SALT): FileResult {
  const read = readText(file);
  if ('unreadable' in read) return { ...unreadableResult(file, read.unreadable), stamp: notStamped('the file could not be read') };
  const result = validateText(file, read.text, salt);
  // Browsers read the file with JSON.parse too (after a byte order mark): what it refuses, they refuse.
  if (result.value === undefined) return { ...result, stamp: notStamped('candor.js reads the file with JSON.parse, which cannot parse it') };
  if (!result.valid) return { ...result, stamp: notStamped('the configuration is invalid') };

  // The file is written with its purposes' catalog `services` expanded (the browser has no catalog), stamped as such.
  const value = expandServices(result.value, CATALOG, () => {}) as { [key: string]: unknown };
  const expanded = withoutStamp(value) !== withoutStamp(result.value as { [key: string]: unknown });
  const stamp = stampOf(value, salt);
  if (value[STAMP] === stamp && !expanded) return { ...result, stamp: { value: stamp, written: false, reason: 'already stamped' } };

  let next: string;
  try {
    next = withStamp(expanded ? withPurposes(read.text, value.purposes) : read.text, stamp);
  } catch (e) {
    return { ...result, stamp: notStamped(`could not place the stamp in the text (${(e as Error).message}; please report it)`) };
  }
  // The written file must be the same configuration plus the stamp, and still valid (the result describes it).
  const again = validateText(file, next, salt);
  const parsed = again.value as { [key: string]: unknown } | undefined;
  if (!again.valid || !parsed || parsed[STAMP] !== stamp || stampOf(parsed, salt) !== stamp || withoutStamp(parsed) !== withoutStamp(value))
    return { ...result, stamp: notStamped('the stamped text did not read back as the same configuration (please report it)') };

  const now = readText(file);
  if ('unreadable' in now || now.text !== read.text || now.bom !== read.bom)
    return { ...result, stamp: notStamped('the file changed while it was being stamped; run the command again') };
  const failed = writeAtomically(file, read.bom + next);
  if (failed) return { ...result, stamp: notStamped(`could not write the file (${failed})`) };
  return { ...again, stamp: { value: stamp, written: true } };
}

const notStamped = (reason: string): StampOutcome => ({ value: null, written: false, reason });

/** `text` (valid JSON) with its top-level `purposes` replaced by `purposes`, indented as the member is. */
export function withPurposes(text: string, purposes: unknown): string {
  // The last one, as JSON.parse reads it.
  const m = topLevel(text)
    .members.filter((m) => m.name == 'purposes')
    .pop();
  if (!m) throw new Error('no purposes member');
  const indent = /[ \t]*$/.exec(text.slice(0, m.start))![0];
  const value = JSON.stringify(purposes, null, 2).replace(/\n/g, '\n' + indent);
  return text.slice(0, m.valueStart) + value + text.slice(m.valueEnd);
}

/** The configuration without its stamp, as text: equal for equal configurations (member order included). */
const withoutStamp = (value: { [key: string]: unknown }) => JSON.stringify({ ...value, [STAMP]: undefined });

/**
 * A top-level member, by offsets: `before` (just after the `{` or `,` that precedes it), `start` (its name),
 * `nameEnd` (after the name's closing quote: then comes the colon), its value.
 */
interface Member {
  name: string;
  before: number;
  start: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

/**
 * `text` (a JSON object that JSON.parse accepts) with `"$validated": stamp`: the value of each top-level
 * `"$validated"` replaced, or else the member inserted first (after `"$schema"` when that comes first),
 * spaced and indented like the member it goes before.
 */
export function withStamp(text: string, stamp: string): string {
  const { open, members } = topLevel(text);
  const value = JSON.stringify(stamp);
  const own = members.filter((m) => m.name == STAMP);
  if (own.length) return own.reduceRight((t, m) => t.slice(0, m.valueStart) + value + t.slice(m.valueEnd), text);
  if (!members.length) return text.slice(0, open + 1) + `${JSON.stringify(STAMP)}: ${value}` + text.slice(open + 1);
  const first = members[0];
  const member = JSON.stringify(STAMP) + text.slice(first.nameEnd, first.valueStart) + value;
  const next = members[first.name == '$schema' ? 1 : 0];
  if (next) return text.slice(0, next.start) + member + ',' + text.slice(next.before, next.start) + text.slice(next.start);
  return text.slice(0, first.valueEnd) + ',' + text.slice(first.before, first.start) + member + text.slice(first.valueEnd);
}

/** The top-level object's `{` and members of valid JSON text (there is only white space between its tokens). */
function topLevel(text: string): { open: number; members: Member[] } {
  const root = parseTree(text);
  if (root?.type != 'object') throw new Error('not an object');
  let before = root.offset + 1;
  const members = (root.children ?? []).map(({ children: [key, value] = [] }): Member => {
    const member = {
      name: key.value,
      before,
      start: key.offset,
      nameEnd: key.offset + key.length,
      valueStart: value.offset,
      valueEnd: value.offset + value.length,
    };
    before = text.indexOf(',', member.valueEnd) + 1;
    return member;
  });
  return { open: root.offset, members };
}

/** Write `text` to `file` through a temporary file renamed over it (its target, for a link). The error code, or ''. */
function writeAtomically(file: string, text: string): string {
  let temp = '';
  try {
    const target = realpathSync(file);
    const mode = statSync(target).mode & 0o7777;
    const path = join(dirname(target), `.${basename(target)}.${process.pid}.candor-stamp`);
    writeFileSync(path, text, { flag: 'wx', mode });
    temp = path;
    chmodSync(temp, mode);
    renameSync(temp, target);
    return '';
  } catch (e) {
    // Remove our temporary file, never one that was there before (`wx` refused to touch it).
    if (temp)
      try {
        unlinkSync(temp);
      } catch {}
    return (e as { code?: string }).code || (e as Error).message;
  }
}
