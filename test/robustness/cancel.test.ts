/**
 * Cancellation is honoured: requests an editor cancels while they wait behind others (it moved on:
 * the user typed, scrolled, closed a hover) are answered as cancelled without doing their work,
 * so the requests still wanted are not delayed by them. Before, 60 cancelled requests on a 10 MB
 * merged file all ran, and the next hover waited for them (4.6 s).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { CancellationTokenSource, FoldingRangeRequest, HoverRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
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
