/**
 * `UrlTokens` (the question-mark-apostrophe rule's URL test) reads each character once for all the
 * `?`s of a letter. It must say what reading the token back from each `?` says: held here to that
 * reading, written out as the rule had it, over random texts made of the characters that matter
 * (blanks of several kinds, the URL markers' characters, page suffixes) and over long tokens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UrlTokens } from '../../server/src/core/rules/artifacts';
import { Prng } from '../robustness/prng';

/** The token before `at` read back character by character, then tested whole. */
function reference(text: string, at: number): boolean {
  let s = at;
  while (s > 0 && at - s < 200 && !/\s/.test(text[s - 1])) s--;
  return /:\/\/|www\.|[=&]|\.(?:php|aspx?|html?|cgi|jsp)$/i.test(text.slice(s, at));
}

const PIECES = ['a', 's', 'W', 'w', '.', '/', ':', '=', '&', '?', ' ', '\n', '\u00a0', '\u2028', '\u200b', 'php', 'ASPX', 'htm', 'www.', '://', 'x'.repeat(150)];

function randomText(rng: Prng, pieces: number): string {
  let out = '';
  for (let k = 0; k < pieces; k++) out += rng.pick(PIECES);
  return out;
}

test('UrlTokens answers as reading each token back from its "?" does, over 20,000 random texts', () => {
  const rng = new Prng(20261206);
  let asked = 0;
  let urls = 0;
  for (let n = 0; n < 20_000; n++) {
    const text = randomText(rng, rng.range(1, 40));
    const tokens = new UrlTokens(text);
    for (let at = text.indexOf('?'); at >= 0; at = text.indexOf('?', at + 1)) {
      const want = reference(text, at);
      assert.equal(tokens.before(at), want, `at ${at} of ${JSON.stringify(text)}`);
      asked++;
      if (want) urls++;
    }
  }
  // Both answers occur often enough for the comparison to mean something.
  assert.ok(asked > 10_000 && urls > asked / 10 && urls < asked - asked / 10, `${urls} of ${asked} were URLs`);
});

test('UrlTokens: a marker more than 200 characters back, or before a blank, no longer makes a URL', () => {
  const far = 'www.' + 'a'.repeat(300) + '?s';
  assert.equal(new UrlTokens(far).before(far.indexOf('?')), false);
  const near = 'www.' + 'a'.repeat(100) + '?s';
  assert.equal(new UrlTokens(near).before(near.indexOf('?')), true);
  const split = 'a=b c?s';
  assert.equal(new UrlTokens(split).before(split.indexOf('?')), false);
  const page = 'see /x/index.ASPX?s=1';
  assert.equal(new UrlTokens(page).before(page.indexOf('?')), true);
  // Each marker at every distance around the 200th character back: in the token, across its edge, out.
  for (const marker of ['://', 'wWw.', '=', '&']) {
    for (let gap = 190; gap <= 205; gap++) {
      const text = 'x' + marker + 'b'.repeat(gap) + '?s';
      const at = text.indexOf('?');
      assert.equal(new UrlTokens(text).before(at), reference(text, at), `${marker} then ${gap} characters`);
      // The same after an earlier "?" of the token has been asked about.
      const twice = new UrlTokens(text);
      twice.before(1);
      assert.equal(twice.before(at), reference(text, at), `${marker} then ${gap} characters, asked twice`);
    }
  }
  // Asked in order along one long token, each "?" is judged by its own last 200 characters.
  const long = ('www.' + 'a?s'.repeat(100)).repeat(3);
  const tokens = new UrlTokens(long);
  for (let at = long.indexOf('?'); at >= 0; at = long.indexOf('?', at + 1)) assert.equal(tokens.before(at), reference(long, at), `at ${at}`);
});
