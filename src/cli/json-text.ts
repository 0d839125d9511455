/**
 * A JSON scanner for people: where JSON.parse only says "Unexpected token", this names the mistake people
 * actually make — comments and trailing commas pasted from JSONC, single quotes, unquoted names, a missing
 * comma — with its line and column. It also maps each value's path (`purposes[2].ai`) to where it starts,
 * so validation problems can point into the file. It uses an explicit stack: no nesting depth overflows it.
 */

/** A place in the text, both 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** The first syntax mistake in a text. */
export interface SyntaxProblem extends Position {
  message: string;
  hint?: string;
}

/** A name given twice in one object: JSON.parse silently keeps the last value. */
export interface DuplicateName extends Position {
  path: string;
}

/** What scanning gives: the first mistake (or null), names given twice, and where each value starts, by path. */
export interface Scan {
  error: SyntaxProblem | null;
  duplicates: DuplicateName[];
  positions: Map<string, Position>;
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$]*/y;

/** Scan `text` (no BOM) as JSON. */
export function scanJson(text: string): Scan {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] == '\n') lineStarts.push(i + 1);
  const where = (offset: number): Position => {
    let lo = 0,
      hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  const positions = new Map<string, Position>();
  const offsets: [string, number][] = [];
  const duplicates: DuplicateName[] = [];
  let i = 0;

  class Mistake {
    constructor(
      readonly message: string,
      readonly offset: number,
      readonly hint?: string,
    ) {}
  }
  const at = (offset: number) => {
    const p = where(offset);
    return `line ${p.line}, column ${p.column}`;
  };
  const fail = (message: string, offset = i, hint?: string): never => {
    throw new Mistake(message.replace('{at}', at(offset)), offset, hint);
  };
  const show = (c: string | undefined) => (c == null ? 'the end of the file' : JSON.stringify(c));

  /** Skip white space; comments are the usual JSONC mistake. */
  const space = () => {
    for (;;) {
      const c = text[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') i++;
      else if (c == '/' && (text[i + 1] == '/' || text[i + 1] == '*'))
        fail('comments are not allowed in JSON ({at})', i, 'remove the comment, or move it into a "$comment" field');
      else if (c == '#') fail('comments are not allowed in JSON ({at})', i, 'remove the comment, or move it into a "$comment" field');
      else return;
    }
  };

  /** A double-quoted string starting at `i`; returns its value. */
  const string = (): string => {
    const start = i++;
    for (;;) {
      const c = text[i];
      if (c == null) fail('a string is not closed: the file ends inside it (it starts at {at})', start, 'add the closing double quote');
      if (c == '"') break;
      if (c == '\n' || c == '\r')
        fail(
          'a string is not closed before the end of the line ({at})',
          start,
          'add the closing double quote; write a line break inside a string as \\n',
        );
      if (c < ' ') fail('a control character must be escaped inside a string ({at})', i, 'write a tab as \\t');
      if (c == '\\') {
        const e = text[i + 1];
        if (e == 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a \\u escape needs four hexadecimal digits ({at})', i);
          i += 6;
          continue;
        }
        if (e == null || !'"\\/bfnrt'.includes(e)) fail(`"\\${e ?? ''}" is not a JSON escape ({at})`, i, 'write a backslash as \\\\');
        i += 2;
        continue;
      }
      i++;
    }
    i++;
    return JSON.parse(text.slice(start, i));
  };

  /** A value other than an object or array, starting at `i`. */
  const scalar = () => {
    const c = text[i];
    if (c == '"') return void string();
    NUMBER.lastIndex = i;
    if (/[-0-9]/.test(c ?? '') && NUMBER.test(text)) {
      if (/[.\w]/.test(text[NUMBER.lastIndex] ?? ''))
        fail('this is not a valid number ({at})', i, 'write numbers like 12, -3.5 or 1e3 (no leading zeros, no hex)');
      return void (i = NUMBER.lastIndex);
    }
    if (c == "'") fail('strings need double quotes, not single quotes ({at})', i, 'replace \'…\' with "…"');
    WORD.lastIndex = i;
    if (WORD.test(text)) {
      const word = text.slice(i, WORD.lastIndex);
      if (word == 'true' || word == 'false' || word == 'null') return void (i = WORD.lastIndex);
      fail(
        `${JSON.stringify(word)} is not a JSON value ({at})`,
        i,
        /^(True|False|None|undefined|NaN|Infinity)$/.test(word)
          ? 'JSON writes true, false and null in lowercase; text needs double quotes'
          : 'text needs double quotes: "…"',
      );
    }
    if (c == null) fail('a value is missing at the end of the file', i);
    fail(`unexpected ${show(c)} where a value should be ({at})`, i);
  };

  /** An object or array being read. */
  interface Frame {
    close: '}' | ']';
    path: string;
    count: number;
    start: number;
    names?: Set<string>;
  }

  /** A name in an object, up to and including its colon; returns the member's path. */
  const name = (frame: Frame): string => {
    space();
    const c = text[i];
    if (c == "'") fail('names need double quotes, not single quotes ({at})', i, 'replace \'name\' with "name"');
    if (c != '"') {
      WORD.lastIndex = i;
      if (WORD.test(text))
        fail(`the name ${text.slice(i, WORD.lastIndex)} needs double quotes ({at})`, i, `write "${text.slice(i, WORD.lastIndex)}"`);
      fail(`expected a name in double quotes, found ${show(c)} ({at})`, i);
    }
    const start = i;
    const key = string();
    const path = frame.path ? `${frame.path}.${key}` : key;
    const names = (frame.names ||= new Set());
    if (names.has(key)) duplicates.push({ path, ...where(start) });
    names.add(key);
    space();
    if (text[i] != ':') fail(`missing ":" after the name ${JSON.stringify(key)} ({at})`, i);
    i++;
    return path;
  };

  const stack: Frame[] = [];
  try {
    let path = '';
    for (;;) {
      // A value at `path`.
      space();
      offsets.push([path, i]);
      const c = text[i];
      if (c == '{' || c == '[') {
        const frame: Frame = { close: c == '{' ? '}' : ']', path, count: 0, start: i };
        i++;
        space();
        if (text[i] != frame.close) {
          stack.push(frame);
          path = c == '{' ? name(frame) : `${path}[0]`;
          continue;
        }
        i++;
      } else if (c == '}' || c == ']') {
        fail(`unexpected ${show(c)} where a value should be ({at})`, i);
      } else if (c == null && stack.length) {
        const top = stack[stack.length - 1];
        fail(
          `the file ends before the ${top.close == '}' ? 'object' : 'array'} opened at {at} is closed`,
          top.start,
          `add the missing "${top.close}"`,
        );
      } else scalar();

      // After a value: a comma, the end of the enclosing object or array, or the end of the text.
      for (;;) {
        space();
        const top = stack[stack.length - 1];
        const d = text[i];
        if (!top) {
          if (d != null)
            fail(`unexpected ${show(d)} after the end of the JSON value ({at})`, i, 'a file holds one JSON value: check for an extra } or ] above');
          break;
        }
        if (d == ',') {
          const comma = i++;
          space();
          if (text[i] == top.close) {
            const p = where(comma);
            fail(`trailing comma at line ${p.line}, column ${p.column}`, comma, 'remove the comma after the last item');
          }
          top.count++;
          path = top.close == '}' ? name(top) : `${top.path}[${top.count}]`;
          break;
        }
        if (d == top.close) {
          i++;
          stack.pop();
          continue;
        }
        if (d == null)
          fail(
            `the file ends before the ${top.close == '}' ? 'object' : 'array'} opened at {at} is closed`,
            top.start,
            `add the missing "${top.close}"`,
          );
        if (d == '}' || d == ']')
          fail(`unexpected ${show(d)} ({at}): the ${top.close == '}' ? 'object' : 'array'} opened at ${at(top.start)} needs "${top.close}"`, i);
        if (/["'{[\-0-9tfn]/.test(d)) fail('missing comma ({at})', i, 'separate items with ","');
        fail(`unexpected ${show(d)} ({at})`, i);
      }
      if (!stack.length && text[i] == null) break;
    }
  } catch (e) {
    if (!(e instanceof Mistake)) throw e;
    return { error: { message: e.message, hint: e.hint, ...where(e.offset) }, duplicates, positions };
  }
  // Last one wins, as in JSON.parse.
  for (const [path, offset] of offsets) positions.set(path, where(offset));
  return { error: null, duplicates, positions };
}
