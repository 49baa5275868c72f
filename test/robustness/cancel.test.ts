// @run-alone: it asserts on how soon cancelled and following requests are answered.
/**
 * Cancellation is honoured: requests an editor cancels while they wait behind others (it moved on:
 * the user typed, scrolled, closed a hover) are answered as cancelled without doing their work,
 * so the requests still wanted are not delayed by them. Before, 60 cancelled requests on a 10 MB
 * merged file all ran, and the next hover waited for them (4.6 s).
 *
 * And a cancel that arrives while the work runs: a large document's first parse and check run in
 * slices, between which the server reads what has arrived, so the cancel stops the work there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { CancellationTokenSource, DocumentDiagnosticRequest, FoldingRangeRequest, HoverRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { fixtureTexts } from '../core/corpus';
import { startServer } from '../protocol/client';
import { concatenated } from './sizes';

test('60 cancelled requests on a 10 MB merged file are answered as cancelled, not run; the next hover answers', async (t) => {
  const text = concatenated(
    fixtureTexts().map((f) => f.text),
    10 * 1024 * 1024,
  );
  const server = await startServer();
  try {
    const c = server.connection;
    const uri = await server.open(path.join('/tmp', 'merged-10mb.imr'), text);
    // Parsed once (the first request pays for it).
    const first = await c.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(Array.isArray(first) && first.length > 1000);

    const outcomes = await Promise.all(
      Array.from({ length: 60 }, () => {
        const source = new CancellationTokenSource();
        const answer = c.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }, source.token).then(
          () => 'ran',
          (e: unknown) => (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled ? 'cancelled' : `failed: ${String(e)}`),
        );
        source.cancel();
        return answer;
      }),
    );
    const at = text.indexOf('Page(s):');
    const line = text.slice(0, at).split('\n').length - 1;
    const t0 = Date.now();
    const hover = await c.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 10 } });
    const hoverMs = Date.now() - t0;
    const cancelled = outcomes.filter((o) => o === 'cancelled').length;
    t.diagnostic(`${cancelled} of 60 answered as cancelled, ${outcomes.filter((o) => o === 'ran').length} ran; the next hover took ${hoverMs} ms`);
    assert.deepEqual(outcomes.filter((o) => o.startsWith('failed')), []);
    // The cancellation of a request reaches the server with it; a few may start before it is read.
    assert.ok(cancelled >= 50, `only ${cancelled} of 60 cancelled requests were dropped`);
    assert.ok(hover, 'the hover answers');
  } finally {
    await server.stop();
  }
});

test('a cancel sent during the first parse and check of a 10 MB merged file is honoured at once; the next hover does not wait for the check', async (t) => {
  const text = concatenated(
    fixtureTexts().map((f) => f.text),
    10 * 1024 * 1024,
  );
  const small = fixtureTexts()[0];
  const server = await startServer();
  try {
    const c = server.connection;
    const at = text.indexOf('Page(s):');
    const position = { line: text.slice(0, at).split('\n').length - 1, character: 10 };
    const smallUri = await server.open(path.join('/tmp', 'small.imr'), small.text);
    await c.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: smallUri } });
    // What the whole first check costs here, now: the same text under another name, not cancelled.
    const baseline = await server.open(path.join('/tmp', 'merged-baseline.imr'), text);
    const t0 = Date.now();
    const full = await c.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: baseline } });
    const fullMs = Date.now() - t0;
    assert.ok('items' in full && full.items.length > 0);

    const uri = await server.open(path.join('/tmp', 'merged-10mb.imr'), text);
    const source = new CancellationTokenSource();
    let settledAt = 0;
    const outcome = c.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token).then(
      () => 'ran',
      (e: unknown) => (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled ? 'cancelled' : `failed: ${String(e)}`),
    );
    void outcome.then(() => (settledAt = Date.now()));
    // A small request is answered between two slices of that work: the work has begun, not ended.
    await c.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: smallUri } });
    assert.equal(settledAt, 0, 'the check of the large file was still under way when another request was answered');
    const cancelAt = Date.now();
    source.cancel();
    assert.equal(await outcome, 'cancelled');
    const cancelMs = settledAt - cancelAt;
    const h0 = Date.now();
    const hover = await c.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    const hoverMs = Date.now() - h0;
    t.diagnostic(`full first check ${fullMs} ms; cancel answered after ${cancelMs} ms; the next hover (the rest of the parse, no check) ${hoverMs} ms`);
    assert.ok(hover, 'the hover answers');
    // Generous bounds for a busy machine, relative to the same work measured in this run.
    assert.ok(cancelMs < Math.max(500, fullMs / 2), `the cancel was answered after ${cancelMs} ms (the whole check takes ${fullMs} ms)`);
    assert.ok(hoverMs < fullMs, `the hover took ${hoverMs} ms, as long as the whole check (${fullMs} ms)`);
  } finally {
    await server.stop();
  }
});
