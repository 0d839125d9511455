/**
 * A JSON scanner for people: where JSON.parse only says "Unexpected token", this names the mistake people
 * actually make — comments and trailing commas pasted from JSONC, single quotes, unquoted names, a missing
 * comma — with its line and column. It also maps each value's path (`purposes[2].ai`) to where it starts,
 * so validation problems can point into the file. The tokens come from jsonc-parser's scanner; the grammar stays
 * here: jsonc-parser's parser recurses (a 1,000,000-deep file overflows it) and reports codes, not these sentences.
 */
import { createScanner } from 'jsonc-parser';

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

/** jsonc-parser's SyntaxKind (an ambient const enum, which isolatedModules cannot read). */
enum Token {
  OpenBrace = 1,
  CloseBrace,
  OpenBracket,
  CloseBracket,
  Comma,
  Colon,
  Null,
  True,
  False,
  String,
  Number,
  LineComment,
  BlockComment,
  LineBreak,
  Space,
  Unknown,
  End,
}

const WORD = /^[A-Za-z_$][\w$]*/;
/** What may stand where a value should: the hint of a mistake there. */
const VALUES = 'write a value: "text", a number, true, false, null, { … } or [ … ]';
/** A valid escape, or (group 1) the first thing a string may not hold: a control character or a wrong escape. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold control characters: this finds them
const STRING_MISTAKE = /\\(?:u[\da-fA-F]{4}|["\\/bfnrt])|([\x00-\x1f]|\\[\s\S]?)/g;

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
  const scanner = createScanner(text, false);
  // The current token: its kind and where it starts and ends.
  let kind = Token.End as Token,
    start = 0,
    end = 0;

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
  const fail = (message: string, offset = start, hint?: string): never => {
    throw new Mistake(message.replace('{at}', at(offset)), offset, hint);
  };
  const show = (c: string | undefined) => (c == null ? 'the end of the file' : JSON.stringify(c));

  /** Read the next token other than white space; comments are the usual JSONC mistake. */
  const next = () => {
    do kind = scanner.scan() as number as Token;
    while (kind == Token.Space || kind == Token.LineBreak);
    start = scanner.getTokenOffset();
    end = start + scanner.getTokenLength();
    // The scanner reads `true\` or `null#` as one unknown word: split off the keyword, as JSON reads it.
    const word = kind == Token.Unknown && /^(true|false|null)(?![\w$])/.exec(text.slice(start, end))?.[1];
    if (word) {
      kind = word == 'true' ? Token.True : word == 'false' ? Token.False : Token.Null;
      scanner.setPosition((end = start + word.length));
    }
    if (kind == Token.LineComment || kind == Token.BlockComment || text[start] == '#')
      fail('comments are not allowed in JSON ({at})', start, 'remove the comment, or move it into a "$comment" field');
  };

  /** The current token, a string: its value. */
  const string = (): string => {
    const mistake = [...text.slice(start, end).matchAll(STRING_MISTAKE)].find((m) => m[1]);
    if (mistake) {
      const [, c] = mistake;
      const offset = start + mistake.index;
      if (c[0] != '\\') fail('a control character must be escaped inside a string ({at})', offset, 'write a tab as \\t');
      if (c[1] == 'u') fail('a \\u escape needs four hexadecimal digits ({at})', offset, 'write é as \\u00e9');
      fail(`"${c}" is not a JSON escape ({at})`, offset, 'write a backslash as \\\\');
    }
    if (scanner.getTokenError()) {
      if (end >= text.length) fail('a string is not closed: the file ends inside it (it starts at {at})', start, 'add the closing double quote');
      fail(
        'a string is not closed before the end of the line ({at})',
        start,
        'add the closing double quote; write a line break inside a string as \\n',
      );
    }
    return scanner.getTokenValue();
  };

  /** The current token, a value other than an object or array. */
  const scalar = () => {
    if (kind == Token.String) return void string();
    if (kind == Token.Number) {
      if (scanner.getTokenError() || /[.\w]/.test(text[end] ?? ''))
        fail('this is not a valid number ({at})', start, 'write numbers like 12, -3.5 or 1e3 (no leading zeros, no hex)');
      return;
    }
    if (kind == Token.True || kind == Token.False || kind == Token.Null) return;
    const c = text[start];
    if (c == "'") fail('strings need double quotes, not single quotes ({at})', start, 'replace \'…\' with "…"');
    const word = WORD.exec(text.slice(start, end))?.[0];
    if (word)
      fail(
        `${JSON.stringify(word)} is not a JSON value ({at})`,
        start,
        /^(True|False|None|undefined|NaN|Infinity)$/.test(word)
          ? 'JSON writes true, false and null in lowercase; text needs double quotes'
          : 'text needs double quotes: "…"',
      );
    if (kind == Token.End) fail('a value is missing at the end of the file', start, 'complete the value, or check that the file was saved whole');
    fail(`unexpected ${show(c)} where a value should be ({at})`, start, VALUES);
  };

  /** An object or array being read. */
  interface Frame {
    close: '}' | ']';
    path: string;
    count: number;
    start: number;
    names?: Set<string>;
  }
  const closes = (frame: Frame) => kind == (frame.close == '}' ? Token.CloseBrace : Token.CloseBracket);

  /** A name in an object (the current token), up to and including its colon; returns the member's path. */
  const name = (frame: Frame): string => {
    if (kind != Token.String) {
      const c = text[start];
      if (c == "'") fail('names need double quotes, not single quotes ({at})', start, 'replace \'name\' with "name"');
      const word = WORD.exec(text.slice(start, end))?.[0];
      if (word) fail(`the name ${word} needs double quotes ({at})`, start, `write "${word}"`);
      fail(`expected a name in double quotes, found ${show(c)} ({at})`, start, 'write "name": value');
    }
    const keyStart = start;
    const key = string();
    const path = frame.path ? `${frame.path}.${key}` : key;
    const names = (frame.names ||= new Set());
    if (names.has(key)) duplicates.push({ path, ...where(keyStart) });
    names.add(key);
    next();
    if (kind != Token.Colon) fail(`missing ":" after the name ${JSON.stringify(key)} ({at})`, start, 'write "name": value');
    return path;
  };

  const stack: Frame[] = [];
  try {
    let path = '';
    // True when the value's first token is already read.
    let held = false;
    for (;;) {
      // A value at `path`.
      if (!held) next();
      held = false;
      offsets.push([path, start]);
      if (kind == Token.OpenBrace || kind == Token.OpenBracket) {
        const object = kind == Token.OpenBrace;
        const frame: Frame = { close: object ? '}' : ']', path, count: 0, start };
        next();
        if (!closes(frame)) {
          stack.push(frame);
          if (object) path = name(frame);
          else {
            path = `${path}[0]`;
            held = true;
          }
          continue;
        }
      } else if (kind == Token.End && stack.length) {
        const top = stack[stack.length - 1];
        fail(
          `the file ends before the ${top.close == '}' ? 'object' : 'array'} opened at {at} is closed`,
          top.start,
          `add the missing "${top.close}"`,
        );
      } else scalar();

      // After a value: a comma, the end of the enclosing object or array, or the end of the text.
      for (;;) {
        next();
        const top = stack[stack.length - 1];
        const d = text[start];
        if (!top) {
          if (kind != Token.End)
            fail(
              `unexpected ${show(d)} after the end of the JSON value ({at})`,
              start,
              'a file holds one JSON value: check for an extra } or ] above',
            );
          break;
        }
        if (kind == Token.Comma) {
          const comma = start;
          next();
          if (closes(top)) {
            const p = where(comma);
            fail(`trailing comma at line ${p.line}, column ${p.column}`, comma, 'remove the comma after the last item');
          }
          top.count++;
          if (top.close == '}') path = name(top);
          else {
            path = `${top.path}[${top.count}]`;
            held = true;
          }
          break;
        }
        if (closes(top)) {
          stack.pop();
          continue;
        }
        if (kind == Token.End)
          fail(
            `the file ends before the ${top.close == '}' ? 'object' : 'array'} opened at {at} is closed`,
            top.start,
            `add the missing "${top.close}"`,
          );
        if (d == '}' || d == ']')
          fail(
            `unexpected ${show(d)} ({at}): the ${top.close == '}' ? 'object' : 'array'} opened at ${at(top.start)} needs "${top.close}"`,
            start,
            `write "${top.close}" here, or add the missing "${d == '}' ? '{' : '['}" above`,
          );
        if (/["'{[\-0-9tfn]/.test(d)) fail('missing comma ({at})', start, 'separate items with ","');
        fail(`unexpected ${show(d)} ({at})`, start, 'separate items with ",", and close objects with } and arrays with ]');
      }
      if (!stack.length && kind == Token.End) break;
    }
  } catch (e) {
    if (!(e instanceof Mistake)) throw e;
    return { error: { message: e.message, hint: e.hint, ...where(e.offset) }, duplicates, positions };
  }
  // Last one wins, as in JSON.parse.
  for (const [path, offset] of offsets) positions.set(path, where(offset));
  return { error: null, duplicates, positions };
}
