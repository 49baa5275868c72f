/**
 * A large document's analysis in steps (core: `DocumentAnalysis.steps`, `diagnosticsSteps`,
 * `outlineSteps`, `citationsSteps`; server: `LetterCache.getInSlices`), as the language server runs
 * it in slices so that it can read a cancellation or a newer version in between: whatever the
 * slicing, stopping and resuming, the result equals a fresh synchronous parse and check of the text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EditedDocument } from '../../server/src/lsp/document';
import { bundledKnowledge, DEFAULT_MAX_DOCUMENT_SIZE, diagnose, DocumentAnalysis, findCitations, outline, parseDocument, parseDocumentAgain, parseDocumentSteps } from '../../server/src/core';
import type { OutlineNode } from '../../server/src/core';
import { LetterCache, SLICED_FROM } from '../../server/src/lsp/letters';
import { fixtureTexts } from './corpus';
import { concatenated } from '../robustness/sizes';

const kb = bundledKnowledge();
const settings = { severities: {}, knowledge: kb, maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE };
/** A merged case file of about 1 MB: over the size the server slices, a few hundred letters. */
const merged = concatenated(
  fixtureTexts().map((f) => f.text),
  SLICED_FROM * 2,
);

/** Runs steps, counting the pauses. */
function drain<T>(steps: Generator<void, T, void>): { value: T; pauses: number } {
  let pauses = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return { value: r.value, pauses };
    pauses++;
  }
}

/** The diagnostics of a text computed afresh, letter by letter, as the analysis orders them. */
function freshDiagnostics(text: string) {
  return parseDocument(text).flatMap((letter) => diagnose(letter, text, { severities: {}, knowledge: kb, citations: findCitations(letter, text, kb) }));
}

describe('the analysis in steps', () => {
  test('a merged file parsed in steps pauses between letters and gives the letters of a fresh parse', () => {
    const fresh = parseDocument(merged);
    assert.ok(fresh.length > 100, `${fresh.length} letters`);
    const { value, pauses } = drain(parseDocumentSteps(merged));
    assert.ok(pauses >= fresh.length, `${pauses} pauses for ${fresh.length} letters`);
    assert.deepEqual(value.letters, fresh);
    assert.deepEqual(parseDocumentAgain(merged).letters, fresh);
  });

  test('diagnostics, outline and citations in steps equal those computed at once, and a fresh check', () => {
    const stepped = drain(DocumentAnalysis.steps(merged)).value;
    const diagnostics = drain(stepped.diagnosticsSteps(settings));
    assert.ok(diagnostics.pauses >= stepped.letters.length);
    const atOnce = DocumentAnalysis.of(merged);
    assert.deepEqual(diagnostics.value, atOnce.diagnostics(settings));
    assert.deepEqual(diagnostics.value, freshDiagnostics(merged));
    // Asked again, nothing is left to compute: no pause, the same list.
    const again = drain(stepped.diagnosticsSteps(settings));
    assert.equal(again.pauses, 0);
    assert.equal(again.value, diagnostics.value);
    assert.deepEqual(drain(stepped.outlineSteps()).value, atOnce.outline());
    assert.deepEqual(
      stepped.outline().letters.map((l) => l.nodes),
      stepped.letters.map((l) => outline(l)),
    );
    drain(stepped.citationsSteps(kb));
    for (const letter of stepped.letters.slice(0, 50)) assert.deepEqual(stepped.citations(letter, kb), findCitations(letter, merged, kb));
  });

  test('after an edit, the steps from the previous version equal a fresh parse and check of the new text', () => {
    const before = DocumentAnalysis.of(merged);
    before.diagnostics(settings);
    const at = merged.indexOf('\n', merged.length >> 1) + 1;
    const text = merged.slice(0, at) + 'Case Number: CM99-0000001\n' + merged.slice(at);
    // Without the change (letters matched by their text) and with it (the lines around it read again).
    for (const change of [undefined, { start: at, oldEnd: at, newEnd: at + 26 }]) {
      const after = drain(DocumentAnalysis.steps(text, before, change)).value;
      assert.deepEqual(after.letters, parseDocument(text));
      assert.deepEqual(drain(after.diagnosticsSteps(settings)).value, freshDiagnostics(text));
    }
  });
});

describe('the parse cache in slices (LetterCache.getInSlices)', () => {
  test('stopped after a few slices, then resumed: the same analysis as a parse at once', async () => {
    const doc = EditedDocument.create('file:///merged.imr', 'imr', 1, merged);
    const cache = new LetterCache();
    let asked = 0;
    // Slices of one step each (a step is a letter; the file has many), stopped at the third look
    // between slices: whatever the machine's speed, the parse is not finished then.
    const stopped = await cache.getInSlices(doc, () => ++asked >= 3, 0);
    assert.equal(stopped, undefined, 'stopped before the end');
    assert.equal(cache.parses, 0);
    const [a, b] = await Promise.all([cache.getInSlices(doc, () => false), cache.getInSlices(doc, () => false)]);
    assert.ok(a && a === b, 'two requests share one parse');
    assert.equal(cache.parses, 1);
    assert.equal(cache.get(doc), a, 'then kept for its version');
    assert.deepEqual(a.letters, new LetterCache().get(doc).letters);
    assert.deepEqual(a.letters, parseDocument(merged));
  });

  test('the compact outline of a merged file, carried over edits, equals the one made afresh', () => {
    // Each letter's item nodes are kept with its outline and reused after an edit (at the place the
    // outline was made, `delta` earlier): read where they now are, they must be a fresh outline's.
    const placed = (o: ReturnType<DocumentAnalysis['outline']>) =>
      o.letters.map((m) => {
        const move = (n: OutlineNode): unknown => ({
          ...n,
          span: { start: n.span.start + m.delta, end: n.span.end + m.delta },
          selection: { start: n.selection.start + m.delta, end: n.selection.end + m.delta },
          children: n.children.map(move),
        });
        return m.nodes.map(move);
      });
    let text = concatenated(
      fixtureTexts().map((f) => f.text),
      3_000_000,
    );
    let analysis = DocumentAnalysis.of(text);
    assert.equal(analysis.outline().compact, true, 'the file is past the outline cap');
    for (const [k, insert] of ['x', '\nan added line\n', ''].entries()) {
      const at = text.indexOf('\n', Math.floor((text.length * (k + 1)) / 4)) + 1;
      const end = insert === '' ? at + 5 : at;
      const edited = text.slice(0, at) + insert + text.slice(end);
      analysis = DocumentAnalysis.of(edited, analysis, { start: at, oldEnd: end, newEnd: at + insert.length });
      const carried = analysis.outline();
      assert.ok(carried.letters.some((m) => m.delta !== 0), `edit ${k}: some letters were moved, not read again`);
      assert.deepEqual(placed(carried), placed(DocumentAnalysis.of(edited).outline()), `edit ${k}`);
      text = edited;
    }
  });

  test('a parse in slices of a replaced version is dropped; the next version parses from the last one kept', async () => {
    const cache = new LetterCache();
    let doc = EditedDocument.create('file:///merged.imr', 'imr', 1, merged);
    const first = cache.get(doc);
    const at = merged.indexOf('\n', 1000) + 1;
    doc = cache.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text: 'x' }], 2);
    // A full-text change: the parse of version 3 in slices reads every letter again.
    doc = cache.update(doc, [{ text: merged + '\n' }], 3);
    const v3 = doc;
    assert.equal(await cache.getInSlices(v3, () => true), undefined);
    doc = cache.update(doc, [{ text: merged }], 4);
    const v4 = await cache.getInSlices(doc, () => false);
    assert.ok(v4 && v4.version === 4);
    assert.deepEqual(v4.letters, parseDocument(merged));
    assert.deepEqual(v4.letters, first.letters);
  });

  test('a small document is parsed at once, as before', async () => {
    const small = fixtureTexts()[0].text;
    assert.ok(small.length < SLICED_FROM);
    const cache = new LetterCache();
    const doc = EditedDocument.create('file:///one.imr', 'imr', 1, small);
    const parsed = await cache.getInSlices(doc, () => true);
    assert.ok(parsed, 'not stopped: there are no slices');
    assert.deepEqual(parsed.letters, parseDocument(small));
  });
});

describe('what a document says in sum, read without moving its letters', () => {
  test('after an edit: the summary, page breaks and letters in a range equal those of a fresh analysis', () => {
    const first = DocumentAnalysis.of(merged);
    const k = first.count >> 1;
    const at = first.letters[k].range.start + 200;
    const text = merged.slice(0, at) + 'typed ' + merged.slice(at);
    const after = DocumentAnalysis.of(text, first, { start: at, oldEnd: at, newEnd: at + 6 });
    const fresh = parseDocument(text);
    const items = fresh.flatMap((l) => l.items);
    assert.deepEqual(after.summary(), {
      letters: fresh.length,
      isLetter: fresh.some((l) => l.isLetter),
      format: fresh[0].format,
      caseNumber: fresh[0].caseNumber?.text ?? null,
      items: items.length,
      upheld: items.filter((i) => i.decision === 'Upheld').length,
      overturned: items.filter((i) => i.decision === 'Overturned').length,
      undecided: items.filter((i) => i.decision === null).length,
    });
    const breaks = fresh.flatMap((l) => l.pageBreaks);
    assert.ok(breaks.length > 10, 'the merged file has page breaks');
    assert.deepEqual(after.pageBreaks(), breaks);
    assert.equal(after.parsed.lettersMoved, 0, 'the summary and page breaks moved a letter');
    // The letters an editor's visible range overlaps, as the inlay hints ask for them.
    for (const [from, to] of [[0, 10], [fresh[k].range.start, fresh[k].range.start], [fresh[k].range.end - 5, fresh[k + 2].range.start + 5], [text.length - 1, text.length]]) {
      const expected = fresh.filter((l) => !(l.range.end < from || l.range.start > to));
      assert.deepEqual(after.lettersIn(from, to), expected, `letters in [${from}, ${to}]`);
    }
  });
});
