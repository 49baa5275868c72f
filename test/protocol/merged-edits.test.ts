/**
 * A merged case file edited: after each edit the server answers from letters carried over from the
 * previous version (moved, renumbered) and reads only the letters around the change. Every
 * whole-document answer it gives then (outline, folding, code lenses, semantic tokens, inlay hints,
 * diagnostics, formatting), and its hovers on cited sections and pages, must equal a fresh server's for the same
 * text.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  CodeLensRequest, DocumentDiagnosticRequest, DocumentFormattingRequest, DocumentSymbolRequest, FoldingRangeRequest, HoverRequest, InlayHintRequest,
  SemanticTokensRequest,
} from 'vscode-languageserver-protocol/node';
import { FIXTURES } from '../paths';
import { loadLetters } from '../core/manifest';
import { startServer, TestServer } from './client';

const letters = loadLetters();

/** Every whole-document answer for `uri`, with the document's URI written `URI`. */
async function answers(server: TestServer, uri: string, text: string): Promise<Record<string, unknown>> {
  const textDocument = { uri };
  const lines = text.split('\n');
  // Hovers on every cited section list and page number.
  const hoverAt: { line: number; character: number }[] = [];
  lines.forEach((l, line) => {
    for (const m of l.matchAll(/Section\(s\): \S|[Pp]ages? \d/g)) hoverAt.push({ line, character: m.index + m[0].length - 1 });
  });
  const hovers = [];
  for (const position of hoverAt) hovers.push(await server.connection.sendRequest(HoverRequest.type, { textDocument, position }));
  const all: Record<string, unknown> = {
    outline: await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
    folding: await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument }),
    codeLenses: await server.connection.sendRequest(CodeLensRequest.type, { textDocument }),
    // The tokens (their result id names the answer, and differs from server to server).
    semanticTokens: (await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument }))?.data,
    inlayHints: await server.connection.sendRequest(InlayHintRequest.type, { textDocument, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } }),
    diagnostics: await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument }),
    formatting: await server.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 4, insertSpaces: true } }),
    hovers,
  };
  return JSON.parse(JSON.stringify(all).split(JSON.stringify(uri).slice(1, -1)).join('URI')) as Record<string, unknown>;
}

describe('a merged case file edited', () => {
  let server: TestServer;
  let fresh: TestServer;
  before(async () => {
    // The answers that are off by default, on: the topics of cited pages, formatting.
    const settings = { settings: { pageTopicHints: true, formatting: true } };
    server = await startServer(undefined, settings);
    fresh = await startServer(undefined, settings);
  });
  after(async () => {
    await server.stop();
    await fresh.stop();
  });

  test('after each edit every whole-document answer and every hover on a citation (letters carried over, moved or renumbered) equal a fresh server\'s', async () => {
    // Letters with inlay hints (the first, second and last) and with diagnostics (the third).
    const parts = [16, 27, 61, 54].map((k) => letters[k]).map((l) => fs.readFileSync(l.texts[0], 'utf8'));
    let text = parts.join('\n');
    const uri = await server.open(path.join(FIXTURES, 'merged-edited.imr'), text);
    await answers(server, uri, text);
    const positionAt = (offset: number) => {
      const before = text.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    // Each edit as an editor sends it: a range of the current text and what replaces it; `at`
    // finds its place in the text as it is then.
    const nth = (s: string, n: number) => {
      let i = -1;
      for (let k = 0; k < n; k++) i = text.indexOf(s, i + 1);
      return i;
    };
    const second = () => nth('Case Number:', 2);
    const blank = parts[1].replace(/[^\n]/g, '');
    let blankAt = -1;
    const edits: { at: () => number; remove: number; insert: string; what: string }[] = [
      { at: () => second() + 300, remove: 0, insert: 'x', what: 'a character in the second letter: the later letters stay on their lines' },
      { at: () => second() + 300, remove: 1, insert: '', what: 'the character taken out' },
      { at: () => 10, remove: 0, insert: '\n', what: 'a line break in the first letter: every later letter moves down a line' },
      { at: () => nth('Case Number:', 3) + 100, remove: 0, insert: 'y', what: 'a character in the third letter, after the others moved' },
      { at: () => second() - 1, remove: 1, insert: ' ', what: 'the line break before the second letter made a space: the later letters move up a line, not by a character' },
      { at: () => second() - 1, remove: 1, insert: '\n', what: 'the line break put back' },
      { at: () => (blankAt = text.indexOf(parts[1])), remove: parts[1].length, insert: blank, what: 'the second letter blanked, its lines kept: the letters after it renumbered on the same lines' },
      { at: () => blankAt, remove: blank.length, insert: parts[1], what: 'the second letter put back' },
      { at: () => 0, remove: 0, insert: parts[3] + '\n', what: 'a whole letter before the first: every letter renumbered' },
      { at: () => 0, remove: parts[3].length + 1, insert: '', what: 'that letter taken out again' },
    ];
    let version = 1;
    for (const e of edits) {
      const at = e.at();
      assert.ok(at >= 0, e.what);
      const range = { start: positionAt(at), end: positionAt(at + e.remove) };
      text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
      await server.change(uri, ++version, [{ range, text: e.insert }]);
      const carried = await answers(server, uri, text);
      const freshUri = await fresh.open(path.join(FIXTURES, `merged-fresh-${version}.imr`), text);
      const expected = await answers(fresh, freshUri, text);
      await fresh.close(freshUri);
      assert.ok((expected.outline as unknown[]).length >= 3, e.what);
      assert.ok((expected.hovers as unknown[]).filter(Boolean).length >= 5, `hovers after ${e.what}`);
      for (const kind of Object.keys(expected)) assert.deepEqual(carried[kind], expected[kind], `${kind} after ${e.what}`);
    }
  });

  /**
   * Forty edits at random places of `text` (a fixed seed), each followed by every answer compared
   * with a fresh server's. With CRLF line ends the server reads every version whole and finds the
   * unchanged letters by their text: the other path by which letters are carried over.
   */
  async function randomEdits(name: string, initial: string): Promise<void> {
    let text = initial;
    const uri = await server.open(path.join(FIXTURES, `${name}.imr`), text);
    await answers(server, uri, text);
    // A small deterministic generator (mulberry32): the same edits on every run; EDIT_SEED=N runs
    // another sequence (seeds 1 to 6 passed too).
    let seed = Number(process.env.EDIT_SEED ?? 20261205);
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = (n: number) => Math.floor(random() * n);
    const lineStarts = () => [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)].filter((i) => i < text.length);
    // Each kind of edit: where it starts, how much it takes out, what it puts in.
    const kinds: [string, () => { at: number; remove: number; insert: string }][] = [
      ['a character typed', () => ({ at: pick(text.length), remove: 0, insert: 'x :1\u2019'[pick(5)] })],
      ['a line break typed', () => ({ at: pick(text.length), remove: 0, insert: '\n' })],
      ['a few characters deleted', () => ({ at: pick(text.length - 5), remove: 1 + pick(5), insert: '' })],
      ['a line break made a space', () => {
        const breaks = [...text.matchAll(/\r?\n/g)];
        const b = breaks[pick(breaks.length)];
        return { at: b.index, remove: b[0].length, insert: ' ' };
      }],
      ['a line deleted', () => {
        const starts = lineStarts();
        const k = pick(starts.length - 1);
        return { at: starts[k], remove: starts[k + 1] - starts[k], insert: '' };
      }],
      ['a line copied elsewhere', () => {
        const starts = lineStarts();
        const k = pick(starts.length - 1);
        return { at: starts[pick(starts.length)], remove: 0, insert: text.slice(starts[k], starts[k + 1]) };
      }],
    ];
    // An editor's positions cannot fall between the \r and \n of a line end: an edit that would
    // start or end there takes the whole line end.
    const inLineEnd = (i: number) => i > 0 && text[i - 1] === '\r' && text[i] === '\n';
    const positionAt = (offset: number) => {
      const lines = text.slice(0, offset).split('\n');
      return { line: lines.length - 1, character: lines[lines.length - 1].length };
    };
    let version = 1;
    for (let n = 0; n < 40; n++) {
      const [what, make] = kinds[pick(kinds.length)];
      let { at, remove, insert } = make();
      if (inLineEnd(at)) (at -= 1), (remove += remove > 0 ? 1 : 0);
      if (remove > 0 && inLineEnd(at + remove)) remove += 1;
      const range = { start: positionAt(at), end: positionAt(at + remove) };
      text = text.slice(0, at) + insert + text.slice(at + remove);
      await server.change(uri, ++version, [{ range, text: insert }]);
      const carried = await answers(server, uri, text);
      const freshUri = await fresh.open(path.join(FIXTURES, `${name}-fresh-${version}.imr`), text);
      const expected = await answers(fresh, freshUri, text);
      await fresh.close(freshUri);
      const step = `edit ${n + 1}, ${what} at ${at} (${JSON.stringify(insert.slice(0, 20))} for ${remove} characters)`;
      for (const kind of Object.keys(expected)) assert.deepEqual(carried[kind], expected[kind], `${kind} after ${step}`);
    }
  }

  const randomParts = () => [16, 27, 61, 54, 13].map((k) => letters[k]).map((l) => fs.readFileSync(l.texts[0], 'utf8'));

  test('forty edits at random places (a fixed seed) keep every answer equal to a fresh server\'s', async () => {
    await randomEdits('merged-random-edits', randomParts().join('\n'));
  });

  test('the same with CRLF line ends, where each version is read whole and letters are found again by their text', async () => {
    await randomEdits('merged-random-edits-crlf', randomParts().join('\n').replace(/\n/g, '\r\n'));
  });
});
