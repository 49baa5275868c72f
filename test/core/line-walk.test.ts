/**
 * The rules walk a letter's lines one at a time (diagnostics/line-walk.ts) where the parser reads
 * them from its line table (lines.ts): both must split a text into the same lines, with the same
 * visible content, or a rule would point at a line the parser never saw. A line longer than
 * `LINE_WINDOW` (none in a letter) is walked in pieces, and looked at that far around an offset.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasLoneCR, scanLineTable } from '../../server/src/core/lines';
import { afterLastBreak, firstBreak, LINE_WINDOW, lineStartAt, LineWalk } from '../../server/src/core/diagnostics/line-walk';

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

test('the line breaks around an offset are the ones a character-by-character search finds', () => {
  const isBreak = (c: string) => c === '\n' || c === '\r';
  for (let seed = 1; seed <= 400; seed++) {
    const text = randomText(seed, 1 + (seed % 80));
    for (let o = 0; o <= text.length; o++) {
      let s = o;
      while (s > 0 && !isBreak(text[s - 1])) s--;
      let e = o;
      while (e < text.length && !isBreak(text[e])) e++;
      assert.equal(afterLastBreak(text, 0, o), s, `${JSON.stringify(text)} before ${o}`);
      assert.equal(firstBreak(text, o, text.length), e, `${JSON.stringify(text)} after ${o}`);
    }
  }
});

test('a line longer than LINE_WINDOW is walked in pieces of that length, and looked back on that far', () => {
  const W = LINE_WINDOW;
  for (const [end, loneCR] of [['\n', false], ['\r', true], ['\r\n', false]] as const) {
    const text = `${'a'.repeat(2 * W + 5)}${end}b${end}${'c'.repeat(W)}${end}d`;
    const walk = new LineWalk(text, 0, text.length, loneCR);
    const walked: number[][] = [];
    while (walk.next()) walked.push([walk.start, walk.end]);
    const b = 2 * W + 5 + end.length;
    const c = b + 1 + end.length;
    const d = c + W + end.length;
    // The line of exactly LINE_WINDOW characters ends at its own line break, not in a piece.
    assert.deepEqual(walked, [[0, W], [W, 2 * W], [2 * W, 2 * W + 5], [b, b + 1], [c, c + W], [d, d + 1]], JSON.stringify(end));
    assert.equal(lineStartAt(text, 2 * W + 4, 0, text.length), W + 4, 'at most LINE_WINDOW back');
    assert.equal(lineStartAt(text, W - 1, 0, text.length), 0);
    assert.equal(lineStartAt(text, b, 0, text.length), b);
    assert.equal(lineStartAt(text, c + W - 1, 0, text.length), c);
  }
});
