/**
 * A document's text in pieces (core/piece-text.ts) and the server's document over it
 * (lsp/document.ts): after any sequence of edits they read exactly as a plain string and as
 * `vscode-languageserver-textdocument` would; and an edit of a merged case file followed by what
 * the editor asks after a keystroke (outline, diagnostics, citations) never joins the whole text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bundledKnowledge, DEFAULT_MAX_DOCUMENT_SIZE, DocumentAnalysis, hoverAt, PieceText } from '../../server/src/core';
import { completeAt } from '../../server/src/core/complete';
import type { TextSource } from '../../server/src/core';
import { EditedDocument } from '../../server/src/lsp/document';
import { Prng } from '../robustness/prng';
import { fixtureTexts } from './corpus';

const INSERTS = ['', 'x', 'ab', '\n', '\r\n', '\r', 'line one\nline two\n', 'é—’', 'x'.repeat(5000), '\n\n'];

describe('PieceText', () => {
  test('random edits read as the same edits of a string: length, slices, characters and the whole', () => {
    const r = new Prng(20261205);
    let s = fixtureTexts()[0].text.repeat(20);
    let p = PieceText.of(s);
    for (let n = 0; n < 400; n++) {
      const start = r.int(s.length + 1);
      const end = Math.min(s.length, start + (r.next() < 0.3 ? r.int(9000) : r.int(3)));
      const insert = r.pick(INSERTS);
      const before = p;
      const beforeText = s;
      p = p.edit(start, end, insert);
      s = s.slice(0, start) + insert + s.slice(end);
      assert.equal(before.toString(), beforeText, `edit ${n} left the earlier value as it was`);
      assert.equal(p.length, s.length);
      for (let k = 0; k < 5; k++) {
        const a = r.int(s.length + 1);
        const b = a + r.int(Math.min(20000, s.length - a + 1));
        assert.equal(p.slice(a, b), s.slice(a, b), `edit ${n}: slice ${a}-${b}`);
        assert.equal(p.charCodeAt(a), s.charCodeAt(a), `edit ${n}: character ${a}`);
      }
      assert.ok(p.pieceCount <= 64, `${p.pieceCount} pieces`);
      // Now and then the whole is asked for: it is joined, and later edits start from it.
      if (n % 50 === 49) assert.equal(p.toString(), s);
    }
    assert.equal(p.toString(), s);
    assert.equal(p.charCodeAt(-1), s.charCodeAt(-1));
    assert.equal(p.charCodeAt(s.length), s.charCodeAt(s.length));
  });

  test('keystrokes in one place keep the text in a few pieces, and the whole is not joined', () => {
    const base = 'a'.repeat(1_000_000);
    let p = PieceText.of(base);
    for (let k = 0; k < 200; k++) p = p.edit(500_000 + k, 500_000 + k, 'x');
    assert.ok(p.pieceCount <= 3, `${p.pieceCount} pieces`);
    assert.equal(p.slice(499_999, 500_201), 'a' + 'x'.repeat(200) + 'a');
  });
});

describe('EditedDocument', () => {
  test('after random edits (\\n, \\r\\n and lone \\r line ends) it answers as TextDocument does', () => {
    const r = new Prng(7);
    const start = fixtureTexts()[1].text.slice(0, 6000);
    const ours = EditedDocument.create('file:///a.imr', 'imr', 1, start);
    let theirs = TextDocument.create('file:///a.imr', 'imr', 1, start);
    for (let n = 0; n < 300; n++) {
      const text = theirs.getText();
      const a = r.int(text.length + 1);
      const b = Math.min(text.length, a + r.int(r.next() < 0.2 ? 400 : 4));
      // Ranges as an editor sends them, now and then end first or past a line's end.
      let range = { start: theirs.positionAt(a), end: theirs.positionAt(b) };
      if (r.next() < 0.1) range = { start: range.end, end: range.start };
      if (r.next() < 0.1) range = { start: range.start, end: { line: range.end.line, character: range.end.character + 50 } };
      const change = r.next() < 0.02 ? { text: text + '\r\n' } : { range, text: r.pick(INSERTS) };
      ours.update([change], n + 2);
      theirs = TextDocument.update(theirs, [change], n + 2);
      assert.equal(ours.version, theirs.version);
      assert.equal(ours.lineCount, theirs.lineCount, `edit ${n}: line count`);
      const now = theirs.getText();
      assert.equal(ours.length, now.length);
      for (let k = 0; k < 8; k++) {
        const o = r.int(now.length + 2) - 1;
        assert.deepEqual(ours.positionAt(o), theirs.positionAt(o), `edit ${n}: positionAt(${o})`);
        const line = r.int(theirs.lineCount + 2) - 1;
        const p = { line, character: r.int(90) };
        assert.equal(ours.offsetAt(p), theirs.offsetAt(p), `edit ${n}: offsetAt(${JSON.stringify(p)})`);
        assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `edit ${n}: line ${line}`);
        assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `edit ${n}: line end ${line}`);
        const q = { line: r.int(theirs.lineCount), character: 0 };
        assert.equal(ours.getText({ start: q, end: p }), theirs.getText({ start: q, end: p }));
      }
    }
    assert.equal(ours.getText(), theirs.getText());
  });
});

describe('an edit of a merged case file', () => {
  test('is read without joining the text: the outline, diagnostics and citations after it', () => {
    const letters = fixtureTexts().map((f) => f.text);
    const merged = Array.from({ length: 30 }, (_, k) => letters[k % letters.length]).join('\n');
    /** A text in pieces that counts how often it is joined. */
    class Counted implements TextSource {
      joined = 0;
      constructor(readonly p: PieceText) {}
      get length() {
        return this.p.length;
      }
      slice(a: number, b: number) {
        return this.p.slice(a, b);
      }
      toString() {
        this.joined++;
        return this.p.toString();
      }
    }
    const kb = bundledKnowledge();
    const settings = { severities: {}, knowledge: kb, maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE };
    let source = new Counted(PieceText.of(merged));
    let analysis = DocumentAnalysis.of(source);
    analysis.outline();
    analysis.diagnostics(settings);
    let text = merged;
    for (const k of [3, 17, 29]) {
      const letter = analysis.letters[k];
      const at = letter.items[0]?.rationale?.textSpan.start ?? letter.range.start + 100;
      source = new Counted(source.p.edit(at, at + 2, 'typed'));
      text = text.slice(0, at) + 'typed' + text.slice(at + 2);
      analysis = DocumentAnalysis.of(source, analysis, { start: at, oldEnd: at + 2, newEnd: at + 5 });
      analysis.outline();
      const diagnostics = analysis.diagnostics(settings);
      for (const _ of analysis.citationsSteps(kb));
      assert.equal(analysis.parsed.lettersMoved, 0, `edit in letter ${k}: a letter was moved for the outline or diagnostics`);
      // A hover and a completion read the letter over its own text: in the letter edited, and in
      // letters read before the edit and carried over it.
      const places: { at: number; hover: unknown; completion: unknown }[] = [];
      for (const j of [k, 0, 10, 20]) {
        const { letter, text: own, base, citations: cited } = analysis.letterText(j, kb);
        assert.ok(own.length < text.length / 4, `letter ${j} is read over its own text`);
        for (const c of cited.slice(0, 3)) {
          const at = (c.locatorSpans[0] ?? c.span).start + base;
          const h = hoverAt(letter, own, at - base, kb, { markdown: true, citations: cited });
          const completion = completeAt(letter, own, c.span.end, kb, { markdown: true, citations: cited });
          places.push({
            at,
            hover: h && { contents: h.contents, span: { start: h.span.start + base, end: h.span.end + base } },
            completion: { ...completion, replace: { start: completion.replace.start + base, end: completion.replace.end + base } },
          });
        }
      }
      assert.ok(places.length >= 8 && places.every((p) => p.hover !== null), 'citations to hover on, each with a hover');
      const citations = analysis.letters.map((l) => analysis.citations(l, kb));
      assert.equal(source.joined, 0, `edit in letter ${k}: the text was joined`);
      // The same as an analysis of the whole text made afresh.
      const fresh = DocumentAnalysis.of(text);
      assert.deepEqual(analysis.letters, fresh.letters);
      assert.deepEqual(diagnostics, fresh.diagnostics(settings));
      assert.deepEqual(citations, fresh.letters.map((l) => fresh.citations(l, kb)));
      for (const p of places) {
        const letter = fresh.letterAt(p.at);
        const cited = fresh.citations(letter, kb);
        assert.deepEqual(p.hover, hoverAt(letter, text, p.at, kb, { markdown: true, citations: cited }), `hover at ${p.at}`);
        const end = cited.find((c) => (c.locatorSpans[0] ?? c.span).start === p.at)!.span.end;
        assert.deepEqual(p.completion, completeAt(letter, text, end, kb, { markdown: true, citations: cited }), `completion at ${end}`);
      }
    }
  });
});
