/**
 * Editing a large merged case file does not keep old versions of its text alive. Letters, citations,
 * diagnostics and outlines carried from one version to the next must not hold strings cut out of
 * the text they came from (such a string shares the whole text's characters): each old 10 MB text
 * would stay in memory as long as any carried piece of it. The server's path is followed: the parse
 * cache fed the editor's changes, then the diagnostics and the outline of each version.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EditedDocument } from '../../server/src/lsp/document';
import { bundledKnowledge } from '../../server/src/core';
import { LetterCache, ParsedLetter } from '../../server/src/lsp/letters';
import { fixtureTexts } from '../core/corpus';
import { concatenated, liveHeap } from './sizes';

const EDITS = 40;

function heapMB(): number {
  return liveHeap() / 1e6;
}

/** What the server computes for a version after a keystroke: diagnostics and the outline. */
function use(parsed: ParsedLetter): void {
  parsed.diagnostics({ severities: {}, knowledge: bundledKnowledge(), maxDocumentSize: 20_000_000 });
  parsed.outline();
}

describe('memory while editing a 10 MB merged case file', () => {
  test(`${EDITS} keystrokes in ${EDITS} letters keep no old text alive`, (t) => {
    const text = concatenated(fixtureTexts().map((f) => f.text), 10_000_000);
    let doc = EditedDocument.create('file:///merged.imr', 'imr', 1, text);
    const cache = new LetterCache();
    let parsed = cache.get(doc);
    use(parsed);
    const letters = parsed.letters.length;
    assert.ok(letters > 1000, `${letters} letters`);
    // One more version first, so that what is carried at every later edit is already in place.
    doc = cache.update(doc, [{ range: { start: doc.positionAt(0), end: doc.positionAt(0) }, text: ' ' }], doc.version + 1);
    use((parsed = cache.get(doc)));
    const before = heapMB();
    for (let k = 0; k < EDITS; k++) {
      // A character typed inside a rationale of a letter spread over the file, a new letter each time.
      const letter = parsed.letters[Math.floor(((k + 0.5) * parsed.letters.length) / EDITS)];
      const item = letter.items.find((i) => i.rationale);
      const at = doc.positionAt(item?.rationale ? item.rationale.textSpan.start + 1 : letter.range.start);
      doc = cache.update(doc, [{ range: { start: at, end: at }, text: 'x' }], doc.version + 1);
      use((parsed = cache.get(doc)));
    }
    const after = heapMB();
    t.diagnostic(`heap ${before.toFixed(0)} MB after the first versions, ${after.toFixed(0)} MB after ${EDITS} edits (${letters} letters)`);
    // Each kept old text would be 10 MB: a leak of one per edit is 400 MB here.
    assert.ok(after - before < 60, `the heap grew by ${(after - before).toFixed(0)} MB over ${EDITS} edits`);
  });
});
