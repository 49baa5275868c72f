/**
 * The server's stdio encoder (lsp/writer.ts): an answer marked to be written by parts gives the
 * bytes `JSON.stringify` gives for the whole message, whether its elements' bytes are encoded now
 * or kept from an earlier answer; any other message is encoded as the LSP library encodes it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeMessage as encode, writtenByParts } from '../../server/src/lsp/writer';

const encodeMessage = (m: object) => encode(m as Parameters<typeof encode>[0]);

const utf8 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');

test('a list written by parts gives the bytes of the whole message, with elements kept from an earlier answer', () => {
  const kept = { name: 'Upheld: Lidocaine 5% patch — “medically necessary”', kind: 24, range: { start: { line: 3, character: 0 }, end: { line: 9, character: 12 } }, children: [] };
  const other = { name: 'Letter 2 · Case CM16-0000001', detail: '', children: [{ name: 'é', kind: 1 }] };
  const first = { jsonrpc: '2.0', id: 7, result: writtenByParts([kept, other]) };
  assert.deepEqual(encodeMessage(first), utf8(first));
  // The next version's answer reuses one element (its bytes kept) beside a new one.
  const made = { name: 'Overturned: "quoted" \\ back\u0000slash', kind: 22, children: [] };
  const second = { jsonrpc: '2.0', id: 'eight', result: writtenByParts([made, kept, null, 3, 'text'] as unknown as object[]) };
  assert.deepEqual(encodeMessage(second), utf8(second));
  assert.deepEqual(encodeMessage({ jsonrpc: '2.0', id: 9, result: writtenByParts([]) }), utf8({ jsonrpc: '2.0', id: 9, result: [] }));
});

test('other messages are encoded whole: unmarked lists, notifications, errors', () => {
  const list = { jsonrpc: '2.0', id: 1, result: [{ a: 1 }, { b: 'ü' }] };
  assert.deepEqual(encodeMessage(list), utf8(list));
  const note = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [] } };
  assert.deepEqual(encodeMessage(note), utf8(note));
  const error = { jsonrpc: '2.0', id: 2, error: { code: -32800, message: 'cancelled' } };
  assert.deepEqual(encodeMessage(error), utf8(error));
});
