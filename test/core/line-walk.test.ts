/**
 * The rules walk a letter's lines one at a time (diagnostics/line-walk.ts) where the parser reads
 * them from its line table (lines.ts): both must split a text into the same lines, with the same
 * visible content, or a rule would point at a line the parser never saw.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasLoneCR, scanLineTable } from '../../server/src/core/lines';
import { LineWalk } from '../../server/src/core/diagnostics/line-walk';

/** A deterministic pseudo-random text of line breaks of every kind, blanks, form feeds and words. */
function randomText(seed: number, length: number): string {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) & 0x7fffffff);
  const pieces = ['\n', '\r\n', '\r', ' ', '\t', '\f', 'a', 'Page', 'x y', '\u00a0'];
  let out = '';
  while (out.length < length) out += pieces[next() % pieces.length];
  return out;
}

test('LineWalk gives the lines scanLineTable finds, for every part of a text', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const text = randomText(seed, 1 + (seed % 60));
    const from = seed % 3 === 0 ? 0 : Math.min(text.length, seed % 5);
    // Parts start at a line start, as the rules' parts do.
    let start = from;
    while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
    if (start > 0 && text[start - 1] === '\r' && text[start] === '\n') start++;
    const to = text.length - (seed % 4);
    if (to < start) continue;
    const table = scanLineTable(text, start, to);
    const walk = new LineWalk(text, start, to, hasLoneCR(text, start, to));
    const walked: number[][] = [];
    while (walk.next()) walked.push([walk.start, walk.end, walk.cs, walk.ce]);
    const scanned: number[][] = [];
    for (let k = 0; k < table.length; k++) scanned.push([table.start[k], table.end[k], table.cs[k], table.ce[k]]);
    assert.deepEqual(walked, scanned, JSON.stringify(text.slice(start, to)));
  }
});
