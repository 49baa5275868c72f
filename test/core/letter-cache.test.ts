/**
 * The server's parse cache (server/src/lsp/letters.ts) between versions of a document: it records
 * where each change fell as `TextDocuments` applies it, merges the changes made between two
 * parses into one changed region, and hands that region to the parser. Checked here without a
 * connection: random edits, several per notification and several notifications per parse, must
 * give a region that really bounds the change and letters equal to a fresh parse; per-letter
 * values are carried over for the letters the edit did not touch.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { bundledKnowledge, parseDocument } from '../../server/src/core';
import { compose, LetterCache } from '../../server/src/lsp/letters';
import { EditedDocument } from '../../server/src/lsp/document';
import { loadLetters } from './manifest';

const letters = loadLetters().filter((l) => l.caseNumber);

function* random(seed: number) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x;
  }
}

describe('the parse cache between versions', () => {
  test('compose: two changes in a row bound what changed', () => {
    const r = random(7);
    const inserts = ['', 'a', 'bc', 'Case Number: X\n', '\n'];
    for (let n = 0; n < 2000; n++) {
      const t0 = 'abcdefghij'.repeat(1 + (r.next().value! % 4));
      const edit = (t: string) => {
        const s = r.next().value! % (t.length + 1);
        const e = Math.min(t.length, s + (r.next().value! % 5));
        const ins = inserts[r.next().value! % inserts.length];
        return { text: t.slice(0, s) + ins + t.slice(e), change: { start: s, oldEnd: e, newEnd: s + ins.length } };
      };
      const a = edit(t0);
      const b = edit(a.text);
      const c = compose(a.change, t0.length, a.text.length, b.change, b.text.length);
      const t2 = b.text;
      assert.ok(c.start <= c.oldEnd && c.start <= c.newEnd, JSON.stringify(c));
      assert.equal(t2.length - c.newEnd, t0.length - c.oldEnd);
      assert.equal(t2.slice(0, c.start), t0.slice(0, c.start), `unchanged beginning ${JSON.stringify(c)}`);
      assert.equal(t2.slice(c.newEnd), t0.slice(c.oldEnd), `unchanged end ${JSON.stringify(c)}`);
    }
  });

  test('random edits through TextDocuments-style updates parse to the same letters as a fresh parse', () => {
    const files = Array.from({ length: 9 }, (_, i) => fs.readFileSync(letters[(i * 11) % letters.length].texts[i % 2], 'utf8'));
    let doc = EditedDocument.create('file:///merged.imr', 'imr', 1, files.join('\n'));
    const cache = new LetterCache();
    cache.get(doc);
    const r = random(20261122);
    const inserts = ['x', '', 'Upheld', '\n', 'Case Number: CM16-0000000\n', 'IMR ISSUES, DECISIONS AND RATIONALES\n', '\f'];
    let parses = 0;
    for (let n = 0; n < 120; n++) {
      // 1 to 3 notifications before the next parse, each with 1 to 3 changes.
      const notifications = 1 + (r.next().value! % 3);
      for (let k = 0; k < notifications; k++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        // Each change's range is in the text left by the changes before it (as LSP defines).
        let text = doc.getText();
        for (let c = 1 + (r.next().value! % 3); c > 0; c--) {
          const s = r.next().value! % (text.length + 1);
          const e = Math.min(text.length, s + (n % 4 === 0 ? r.next().value! % 300 : 0));
          const insert = inserts[r.next().value! % inserts.length];
          const scratch = TextDocument.create('file:///scratch', 'imr', 0, text);
          changes.push({ range: { start: scratch.positionAt(s), end: scratch.positionAt(e) }, text: insert });
          text = text.slice(0, s) + insert + text.slice(e);
        }
        // Now and then a whole-text change, after which the cache cannot know the region.
        if (n % 17 === 16 && k === 0) changes.push({ text: text + 'tail\n' });
        doc = cache.update(doc, changes, doc.version + 1);
      }
      const parsed = cache.get(doc);
      parses++;
      assert.deepEqual(parsed.letters, parseDocument(doc.getText()), `version ${doc.version}`);
    }
    assert.equal(cache.parses, parses + 1);
  });

  test('per-letter values are carried to the next version for the letters an edit did not touch', () => {
    const files = Array.from({ length: 5 }, (_, i) => fs.readFileSync(letters[i + 30].texts[0], 'utf8'));
    let doc = EditedDocument.create('file:///five.imr', 'imr', 1, files.join('\n'));
    const cache = new LetterCache();
    const kb = bundledKnowledge();
    const computed: number[] = [];
    const value = (p: ReturnType<LetterCache['get']>) =>
      p.letters.map((l, k) => p.perLetter('start', kb, l, () => (computed.push(k), l.range.start), (v, d) => v + d));
    const first = cache.get(doc);
    assert.deepEqual(value(first), first.letters.map((l) => l.range.start));
    assert.deepEqual(computed, [0, 1, 2, 3, 4]);
    computed.length = 0;
    // Three characters typed inside the fourth letter.
    const at = doc.positionAt(first.letters[3].range.start + 300);
    doc = cache.update(doc, [{ range: { start: at, end: at }, text: 'abc' }], 2);
    const second = cache.get(doc);
    assert.deepEqual(value(second), second.letters.map((l) => l.range.start));
    // Computed again: the edited letter and the one before it (parsed again); the others carried,
    // the last one moved by the three characters.
    assert.deepEqual(computed, [2, 3]);
    assert.equal(second.letters[4].range.start, first.letters[4].range.start + 3);
  });

  /**
   * A merged file over the size parsed in slices (SLICED_FROM, 512 K characters), parsed once, and
   * a per-letter value that records which letters it is computed for (`computed`, emptied here).
   */
  function largeDocument() {
    const files: string[] = [];
    for (let i = 0, len = 0; len < 600_000; i++) {
      files.push(fs.readFileSync(letters[i % letters.length].texts[0], 'utf8'));
      len += files[files.length - 1].length + 1;
    }
    const doc = EditedDocument.create('file:///large.imr', 'imr', 1, files.join('\n'));
    const cache = new LetterCache();
    const kb = bundledKnowledge();
    const computed: number[] = [];
    const value = (p: ReturnType<LetterCache['get']>) => p.letters.map((l, k) => p.perLetter('start', kb, l, () => (computed.push(k), l.range.start), (v, d) => v + d));
    const first = cache.get(doc);
    value(first);
    assert.ok(first.letters.length > 50, `${first.letters.length} letters`);
    computed.length = 0;
    /** A position 300 characters into letter k of the first version. */
    const inLetter = (d: TextDocument, k: number) => d.positionAt(first.letters[k].range.start + 300);
    return { doc, cache, computed, value, inLetter };
  }

  test('a parse in slices dropped by a change gives its edits back: the next parse reads only around them', async () => {
    const large = largeDocument();
    const { cache, computed, value, inLetter } = large;
    let doc = large.doc;
    // A keystroke in letter 40; a request starts the parse in slices and is stopped before it ends.
    doc = cache.update(doc, [{ range: { start: inLetter(doc, 40), end: inLetter(doc, 40) }, text: 'a' }], 2);
    assert.equal(await cache.getInSlices(doc, () => true, 0), undefined);
    // The next keystroke (letter 10) replaces that version: its parse is dropped.
    const at = inLetter(doc, 10);
    doc = cache.update(doc, [{ range: { start: at, end: at }, text: 'b' }], 3);
    const third = cache.get(doc);
    assert.deepEqual(third.letters, parseDocument(doc.getText()));
    value(third);
    // Read again: the one region from the letter before the first edit to the letter of the last
    // (the cache merges the edits between two parses into one region); the others carried over.
    assert.deepEqual(computed.sort((a, b) => a - b), Array.from({ length: 32 }, (_, k) => 9 + k));
  });

  test('a parse at once of a version being parsed in slices finishes that parse: it reads only around the edits', async () => {
    const large = largeDocument();
    const { cache, computed, value } = large;
    const at = large.inLetter(large.doc, 40);
    const doc = cache.update(large.doc, [{ range: { start: at, end: at }, text: 'a' }], 2);
    // A request starts the parse in slices (it takes the edit) and is stopped before it ends.
    assert.equal(await cache.getInSlices(doc, () => true, 0), undefined);
    // A request that cannot wait (hover) asks for the same version meanwhile.
    const now = cache.get(doc);
    assert.deepEqual(now.letters, parseDocument(doc.getText()));
    value(now);
    // The parse around the edit: the edited letter and the one before it read again, the others
    // carried over. (A parse of the whole text, with the edit already taken, reuses unchanged letters
    // by their text instead, and so computes the edited letter alone.)
    assert.deepEqual(computed.sort((a, b) => a - b), [39, 40]);
    // The next request in slices gets the same analysis; no other parse is made.
    assert.equal(await cache.getInSlices(doc, () => false, 0), now);
    assert.equal(cache.parses, 2);
  });

  test('a parse in slices that ends after the text changed is not taken for the new text', async () => {
    const large = largeDocument();
    const { cache } = large;
    // A whole-text change: the next parse reads every letter, one slice each.
    const doc = cache.update(large.doc, [{ text: large.doc.getText() + '\n' }], 2);
    // A caller that does not watch for changes: its parse goes on to the end.
    const pending = cache.getInSlices(doc, () => false, 0);
    assert.equal(cache.parses, 1, 'the parse of version 2 ended in its first slice');
    // The first slice has run; the text changes before the next one.
    const half = doc.getText().length >> 1;
    cache.update(doc, [{ range: { start: doc.positionAt(half), end: doc.positionAt(doc.getText().length) }, text: '' }], 3);
    assert.equal(await pending, undefined, 'the analysis of the replaced text was answered for the new one');
    assert.deepEqual(cache.get(doc).letters, parseDocument(doc.getText()));
    assert.equal(cache.get(doc).version, 3);
  });

  test('the same version number for another text (a document opened again, versions going backwards) is parsed again', () => {
    const cache = new LetterCache();
    const [a, b] = [letters[3], letters[30]].map((l) => fs.readFileSync(l.texts[0], 'utf8'));
    const first = EditedDocument.create('file:///same.imr', 'imr', 1, a);
    assert.deepEqual(cache.get(first).letters, parseDocument(a));
    // Opened again without a close, at version 1, with another text.
    const again = EditedDocument.create('file:///same.imr', 'imr', 1, b);
    assert.deepEqual(cache.get(again).letters, parseDocument(b));
    // Versions 5, then 3 (backwards: not kept over 5 before), then 5 again with a third text.
    let doc = cache.update(again, [{ text: a }], 5);
    assert.deepEqual(cache.get(doc).letters, parseDocument(a));
    doc = cache.update(doc, [{ text: b }], 3);
    assert.deepEqual(cache.get(doc).letters, parseDocument(b));
    const c = a.slice(0, a.length >> 1);
    doc = cache.update(doc, [{ text: c }], 5);
    assert.deepEqual(cache.get(doc).letters, parseDocument(c));
  });
});
