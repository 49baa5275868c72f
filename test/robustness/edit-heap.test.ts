/**
 * Editing a large merged case file keeps the heap flat: letters carried over from an earlier
 * version (and their per-letter values, such as diagnostics) must not keep that version's text
 * alive. A substring in V8 can point into the string it was cut from; a letter carried over
 * edits that held such substrings kept every earlier 10 MB text it came from (40 keystrokes in
 * 40 letters: 826 MB live; 250 crashed the server at 4 GB).
 *
 * Here: the server's parse cache (LetterCache) on a merged file of about 10 MB of two-byte text,
 * 40 keystrokes each in a different letter, the document's diagnostics asked for after each as the
 * server does; the live heap after a full collection may grow by less than three copies of the
 * text.
 *
 * And the copies made to keep old texts free (core/analysis/detach.ts) and the moves of carried
 * diagnostics (core/shift.ts) handle what diagnostics share: every finding of a rule holds the one
 * "fix all" list of edits, which copied or moved per finding took hours for a letter with 100,000.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditedDocument } from '../../server/src/lsp/document';
import { bundledKnowledge, DEFAULT_MAX_DOCUMENT_SIZE, detach, diagnose, parseDocument, shiftAllSpans } from '../../server/src/core';
import { LetterCache } from '../../server/src/lsp/letters';
import { fixtureTexts } from '../core/corpus';
import { concatenated, liveHeap } from './sizes';

test('40 keystrokes in 40 letters of a 10 MB merged file: the live heap grows by less than 3 copies of the text', (t) => {
  const texts = fixtureTexts().map((f) => f.text.replace(/'/g, '\u2019'));
  let text = concatenated(texts, 10 * 1024 * 1024);
  const cache = new LetterCache();
  let doc = EditedDocument.create('file:///merged.imr', 'imr', 1, text);
  const settings = { severities: {}, knowledge: bundledKnowledge(), maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE };
  const check = () => {
    const parsed = cache.get(doc);
    assert.ok(parsed.diagnostics(settings).length > 0);
    return parsed;
  };
  const first = check();
  const letters = first.letters.length;
  assert.ok(letters > 200, `${letters} letters`);
  const before = liveHeap();
  const textBytes = text.length * 2;
  for (let k = 0; k < 40; k++) {
    // A keystroke at the start of the body of letter k * (letters / 40).
    const letter = cache.get(doc).letters[Math.floor((k * letters) / 40)];
    const at = text.indexOf('\n', letter.range.start + 200) + 1;
    const change = { range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text: 'x' };
    doc = cache.update(doc, [change], doc.version + 1);
    text = doc.getText();
    check();
  }
  const growth = liveHeap() - before;
  t.diagnostic(`${letters} letters, ${(textBytes / 1048576).toFixed(0)} MB of text: live heap grew ${(growth / 1048576).toFixed(0)} MB over 40 edits`);
  assert.ok(growth < 3 * textBytes, `the live heap grew ${(growth / 1048576).toFixed(0)} MB (text: ${(textBytes / 1048576).toFixed(0)} MB)`);
});

test('a "fix all" list shared by 100,000 diagnostics is copied and moved once, and stays shared', () => {
  const base = fixtureTexts()[0].text;
  const text = base + "The applicant?s claim. ".repeat(100_000);
  const [letter] = parseDocument(text);
  const diagnostics = diagnose(letter, text).filter((d) => d.code === 'question-mark-apostrophe');
  assert.equal(diagnostics.length, 100_000);
  const all = diagnostics[0].fixes![1].edits;
  assert.equal(all.length, 100_000);
  assert.equal(diagnostics[99_999].fixes![1].edits, all, 'the rule shares its "fix all" list');
  // Once per diagnostic would be 10^10 steps (hours); once is well under a second.
  const t0 = Date.now();
  const copy = detach(diagnostics);
  const moved = shiftAllSpans(copy, 7);
  const ms = Date.now() - t0;
  assert.ok(ms < 30_000, `${ms} ms`);
  assert.equal(copy[99_999].fixes![1].edits, copy[0].fixes![1].edits);
  assert.equal(moved[99_999].fixes![1].edits, moved[0].fixes![1].edits);
  assert.deepEqual(copy[12_345], diagnostics[12_345]);
  assert.equal(moved[12_345].span.start, diagnostics[12_345].span.start + 7);
  assert.equal(moved[0].fixes![1].edits[54_321].span.start, all[54_321].span.start + 7);
});
