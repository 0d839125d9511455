// @vitest-environment node
// The build's CSS minifier (rollup.config.mjs): a real CSS parser, so selectors keep their meaning.
import { readFileSync } from 'node:fs';
import { parseAst } from 'rollup/parseAst';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — plain JavaScript build config, no declarations
import { minifyCss } from '../rollup.config.mjs';

describe('CSS minification', () => {
  it('keeps the descendant space before a pseudo-class: `.row :focus-visible` is not `.row:focus-visible`', () => {
    expect(minifyCss('.row :focus-visible { outline: 2px solid red; }\n/* c */ .a > .b { color: red ; }', 'x.css')).toBe(
      '.row :focus-visible{outline:2px solid red}.a>.b{color:red}',
    );
  });
});

/**
 * What differs between sloppy and strict mode, found in `code`: `with`, a function declared in a block, `arguments` of a
 * function with parameters (mapped to them in sloppy mode), `this` outside a function (the global object), `delete` of a
 * name. Writes to undeclared names and read-only properties are TypeScript errors already.
 */
function sloppyRisks(code: string): string[] {
  const found: string[] = [];
  /** Function bodies: a function declared directly in one is not in a block. */
  const bodies = new WeakSet<object>();
  const walk = (node: any, parent: any, fn: any) => {
    if (!node || typeof node.type != 'string') return;
    const at = `${node.type} at ${node.start}`;
    if (/Function/.test(node.type)) bodies.add(node.body);
    if (node.type == 'WithStatement') found.push(at);
    if (node.type == 'FunctionDeclaration' && parent?.type == 'BlockStatement' && !bodies.has(parent)) found.push(at);
    if (node.type == 'Identifier' && node.name == 'arguments' && fn?.params.length) found.push(at);
    if (node.type == 'ThisExpression' && !fn) found.push(at);
    if (node.type == 'UnaryExpression' && node.operator == 'delete' && node.argument.type == 'Identifier') found.push(at);
    // An arrow function has its parent's `this` and `arguments`.
    const inner = /^Function/.test(node.type) ? node : fn;
    for (const key in node) {
      const value = node[key];
      for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child.type == 'string') walk(child, node, inner);
    }
  };
  walk(parseAst(code), null, null);
  return found;
}

describe('bundles without "use strict" (rollup.config.mjs SLOPPY)', () => {
  it('finds what sloppy mode would run differently', () => {
    expect(sloppyRisks('function f(a) { return arguments[0]; } if (1) { function g() {} } this;')).toHaveLength(3);
    expect(sloppyRisks('(() => { function f() { return arguments[0] + this; } })();')).toEqual([]);
  });
  for (const file of ['candor.js', 'candor-ui.js'])
    it(`${file} runs the same in sloppy mode`, () => {
      const code = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
      expect(code).not.toMatch(/^(\/\/[^\n]*\n)?[^\n]{0,20}["']use strict["']/);
      expect(sloppyRisks(code)).toEqual([]);
    });
});
