/**
 * Reading a configuration file as text, refusing what cannot be a configuration with one clear sentence:
 * a missing file, a directory, more than 5 MB, UTF-16 (what Windows PowerShell's `>` writes), bytes that
 * are not UTF-8. A UTF-8 byte order mark is accepted silently, as browsers do.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** No real configuration comes near this: a bigger file is a wrong path or a runaway generator. */
export const MAX_BYTES = 5 * 1024 * 1024;

/** Why a file could not be read. */
export interface Unreadable {
  message: string;
  hint?: string;
}

/** The file's text (without its byte order marks, kept apart in `bom`), or why there is none. */
export type ReadResult = { text: string; bom: string } | { unreadable: Unreadable };

const MB = (bytes: number) => (bytes / 1024 / 1024).toFixed(1) + ' MB';

/** Read `file` as UTF-8 text without its byte order mark. Never throws. */
export function readText(file: string): ReadResult {
  let bytes: Uint8Array;
  try {
    const stat = statSync(file);
    if (stat.isDirectory())
      return { unreadable: { message: 'is a directory, not a file', hint: 'name the configuration file itself, e.g. consent.json' } };
    if (stat.size > MAX_BYTES) return { unreadable: tooBig(stat.size) };
    // At most one byte past the limit: a pipe or a device (`/dev/zero`, `yes | candor validate /dev/stdin`) may never end.
    const read = readAtMost(file, MAX_BYTES + 1);
    if (read.length > MAX_BYTES)
      return {
        unreadable: { message: `is over ${MB(MAX_BYTES).replace('.0', '')} and still going: not a configuration file`, hint: 'check the path' },
      };
    bytes = read;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code == 'ENOENT') return { unreadable: { message: 'file not found', hint: 'check the path, or create a starter file with: candor init' } };
    if (code == 'EACCES' || code == 'EPERM') return { unreadable: { message: 'permission denied', hint: "check the file's permissions" } };
    if (code == 'EISDIR')
      return { unreadable: { message: 'is a directory, not a file', hint: 'name the configuration file itself, e.g. consent.json' } };
    return { unreadable: { message: `cannot be read (${code || (e as Error).message})`, hint: 'check the path' } };
  }
  if ((bytes[0] == 0xff && bytes[1] == 0xfe) || (bytes[0] == 0xfe && bytes[1] == 0xff))
    return { unreadable: { message: 'is UTF-16 text, not UTF-8', hint: 'save it as UTF-8 (in PowerShell, write it with Out-File -Encoding utf8)' } };
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let lineStart = 0,
      line = 1;
    for (let i = 0; i < bad; i++)
      if (bytes[i] == 0x0a) {
        line++;
        lineStart = i + 1;
      }
    const column = new TextDecoder().decode(bytes.subarray(lineStart, bad)).length + 1;
    const byte = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    return {
      unreadable: {
        message: `is not UTF-8 text (byte 0x${byte} at line ${line}, column ${column})`,
        hint: 'save the file as UTF-8; this often happens with files saved as Latin-1 or Windows-1252',
      },
    };
  }
  // As browsers read it: fetch's text() drops one byte order mark, candor.js another (src/core/manager.ts).
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bom = /^\uFEFF{0,2}/.exec(text)![0];
  return { text: text.slice(bom.length), bom };
}

/** The first `limit` bytes of `file` (all of it when shorter). */
function readAtMost(file: string, limit: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const out = new Uint8Array(limit);
    let length = 0;
    for (let n = 1; n > 0 && length < limit; length += n) n = readSync(fd, out, length, limit - length, null);
    return out.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function tooBig(bytes: number): Unreadable {
  return {
    message: `file is ${MB(bytes)}; a configuration over ${MB(MAX_BYTES).replace('.0', '')} is surely a mistake`,
    hint: 'check the file name',
  };
}

/** The offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const lead = b[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const extra = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (extra < 0 || i + extra >= b.length) return i;
    let cp = lead & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      if ((b[i + k] & 0xc0) != 0x80) return i;
      cp = (cp << 6) | (b[i + k] & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < [0, 0x80, 0x800, 0x10000][extra] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += extra + 1;
  }
  return -1;
}
