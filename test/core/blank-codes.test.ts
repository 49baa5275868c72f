/**
 * The character tests that code reading text in place uses where a regular expression would say
 * `\s`: they must agree with it on every UTF-16 code unit, or a hand-written matcher (block labels,
 * header value runs, the collapser) reads a blank differently from the expression it stands for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRegexSpace, isSpaceCode } from '../../server/src/core/collapse';

test('isRegexSpace is \\s, and isSpaceCode is \\s or the zero-width space, on every code unit', () => {
  for (let c = 0; c <= 0xffff; c++) {
    const space = /\s/.test(String.fromCharCode(c));
    assert.equal(isRegexSpace(c), space, `U+${c.toString(16)}`);
    assert.equal(isSpaceCode(c), space || c === 0x200b, `U+${c.toString(16)}`);
  }
});
