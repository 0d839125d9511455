// @vitest-environment node
// The build's CSS minifier (rollup.config.mjs): a real CSS parser, so selectors keep their meaning.
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
