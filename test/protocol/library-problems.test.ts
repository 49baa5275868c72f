/**
 * The library's problems over LSP (workspace/diagnostic, setting imr.library.problems): the bundled
 * server over stdio reports every indexed text letter that is not open, with the diagnostics the
 * letter gets when opened; a pull with nothing new waits until a file changes; the user's severity
 * settings apply; a letter just closed is reported in the next two pulls (its problems, or none
 * with the setting off); turning the setting off clears them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CancellationTokenSource, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, DocumentDiagnosticReport, DocumentDiagnosticRequest,
  FileChangeType, ProtocolConnection, WorkspaceDiagnosticReport, WorkspaceDiagnosticRequest, WorkspaceFullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { LibraryMethods, LibraryStatus } from '../../server/src/library-protocol';
import { FIXTURES } from '../paths';
import { DEFAULT_CAPABILITIES, startServer, TestServer } from './client';
import { tempDir } from '../temp';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt'), 'utf8');
/** The same letter with one item's decision taken out: an item-no-decision error. */
const DAMAGED = CLEAN.replace('Medical Clearance: Upheld', 'Medical Clearance:');
const PDF = path.join(FIXTURES, 'letters', 'pdf', 'CM16-0238035.pdf');

describe('workspace/diagnostic: the problems of the letters in the library', () => {
  let root: string;
  let server: TestServer;
  let changes: (() => void)[] = [];
  const file = (name: string) => path.join(root, name);
  const uri = (name: string) => pathToFileURL(file(name)).href;
  const pull = (previousResultIds: { uri: string; value: string }[], token?: CancellationTokenSource) =>
    server.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds }, token?.token) as Promise<WorkspaceDiagnosticReport>;
  const byUri = (r: WorkspaceDiagnosticReport) => new Map(r.items.map((i) => [i.uri, i as WorkspaceFullDocumentDiagnosticReport]));

  before(async () => {
    root = tempDir('imr-library-problems-');
    fs.writeFileSync(file('clean.txt'), CLEAN);
    fs.writeFileSync(file('damaged.txt'), DAMAGED);
    fs.copyFileSync(PDF, file('letter.pdf'));
    const setup = (c: ProtocolConnection) => {
      c.onNotification(LibraryMethods.changed, () => {
        const w = changes;
        changes = [];
        for (const f of w) f();
      });
    };
    server = await startServer(DEFAULT_CAPABILITIES, { settings: { library: { problems: true } } }, { folders: [root], setup });
    // Until the index is built: asked again at each change the server announces.
    for (;;) {
      const next = new Promise<void>((resolve) => changes.push(resolve));
      const s = (await server.connection.sendRequest(LibraryMethods.status)) as LibraryStatus;
      if (s.state === 'ready' && s.files === 3) break;
      await next;
    }
  });
  after(async () => {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the server offers workspace diagnostics', () => {
    const provider = server.initialized.capabilities.diagnosticProvider as { workspaceDiagnostics: boolean };
    assert.equal(provider.workspaceDiagnostics, true);
  });

  test('every text letter is reported with the diagnostics it gets when opened; a PDF is not; nothing new waits for a change', async () => {
    const first = byUri(await pull([]));
    assert.deepEqual([...first.keys()].sort(), [uri('clean.txt'), uri('damaged.txt')].sort());
    assert.deepEqual(first.get(uri('clean.txt'))!.items, []);
    const damaged = first.get(uri('damaged.txt'))!;
    assert.deepEqual(damaged.items.map((d) => d.code), ['item-no-decision']);
    assert.ok(damaged.resultId);

    // The same letter opened: its own diagnostics are the ones the library reported.
    const opened = await server.open(file('damaged.txt'));
    const own = (await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: opened } })) as DocumentDiagnosticReport;
    assert.equal(own.kind, 'full');
    const shape = (d: { code?: unknown; message: unknown; range: unknown; severity?: unknown }) => ({ code: d.code, message: d.message, range: d.range, severity: d.severity });
    assert.deepEqual(damaged.items.map(shape), own.kind === 'full' ? own.items.map(shape) : []);

    // Closed again: the client asks for it once more and keeps that answer, the library's.
    await server.close(opened);
    const closed = (await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: opened } })) as DocumentDiagnosticReport;
    assert.deepEqual(closed.kind === 'full' ? closed.items.map((d) => d.code) : null, ['item-no-decision']);

    // The next two pulls report it whatever the client holds (its last document answer may land
    // after the first), with the library's problems.
    const previous = [...first.values()].map((r) => ({ uri: r.uri, value: r.resultId! }));
    for (let k = 0; k < 2; k++) {
      const again = byUri(await pull(previous));
      assert.deepEqual([...again.keys()], [uri('damaged.txt')]);
      assert.deepEqual(again.get(uri('damaged.txt'))!.items.map((d) => d.code), ['item-no-decision']);
    }

    // Asked again with what the client holds: the answer waits until a file changes, and is that file.
    let answered = false;
    const held = pull(previous).then((r) => {
      answered = true;
      return r;
    });
    const status = (await server.connection.sendRequest(LibraryMethods.status)) as LibraryStatus;
    assert.equal(status.state, 'ready');
    assert.equal(answered, false, 'a pull with nothing new is held');
    fs.writeFileSync(file('clean.txt'), DAMAGED.replace('Labs to include: EKG: Upheld', 'Labs to include: EKG:'));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('clean.txt'), type: FileChangeType.Changed }] });
    const second = byUri(await held);
    assert.deepEqual([...second.keys()], [uri('clean.txt')]);
    assert.deepEqual(second.get(uri('clean.txt'))!.items.map((d) => d.code), ['item-no-decision', 'item-no-decision']);
  });

  test("the user's severity applies; a held pull can be cancelled; the setting turned off clears what was reported", async () => {
    const first = byUri(await pull([]));
    const previous = [...first.values()].map((r) => ({ uri: r.uri, value: r.resultId! }));
    // Held, then cancelled: answered at once, with nothing.
    const cancel = new CancellationTokenSource();
    const cancelled = pull(previous, cancel);
    cancel.cancel();
    const nothing = await cancelled.then((r) => r.items.length, () => 0);
    assert.equal(nothing, 0);

    const held = pull(previous);
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { imr: { severity: { 'item-no-decision': 'warning' }, library: { problems: true } } },
    });
    const warned = byUri(await held);
    const damaged = warned.get(uri('damaged.txt'))!;
    assert.deepEqual(damaged.items.map((d) => [d.code, d.severity]), [['item-no-decision', 2]]);

    const next = [...byUri(await pull([])).values()].map((r) => ({ uri: r.uri, value: r.resultId! }));
    const off = pull(next);
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { imr: { library: { problems: false } } } });
    const cleared = byUri(await off);
    assert.deepEqual([...cleared.keys()].sort(), [uri('clean.txt'), uri('damaged.txt')].sort());
    for (const r of cleared.values()) assert.deepEqual(r.items, []);

    // The setting off, a letter opened and closed: what the client kept of it is cleared.
    const now = [...cleared.values()].map((r) => ({ uri: r.uri, value: r.resultId! }));
    await server.close(await server.open(file('damaged.txt')));
    const afterClose = byUri(await pull(now));
    assert.deepEqual([...afterClose.keys()], [uri('damaged.txt')]);
    assert.deepEqual(afterClose.get(uri('damaged.txt'))!.items, []);
  });

  test('started with the setting off: a pull waits; turned on, the letters are read again and their problems come', async () => {
    const other = await startServer(DEFAULT_CAPABILITIES, {}, { folders: [root] });
    try {
      let answered = false;
      const held = (other.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }) as Promise<WorkspaceDiagnosticReport>).then((r) => {
        answered = true;
        return r;
      });
      // The index is built meanwhile (the setting off: no problems kept, nothing to report).
      for (;;) {
        const next = new Promise((resolve) => other.connection.onNotification(LibraryMethods.changed, resolve));
        const s = (await other.connection.sendRequest(LibraryMethods.status)) as LibraryStatus;
        if (s.state === 'ready' && s.files === 3) break;
        await next;
      }
      assert.equal(answered, false);
      await other.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { imr: { library: { problems: true } } } });
      const reports = byUri(await held);
      assert.deepEqual(reports.get(uri('damaged.txt'))?.items.map((d) => d.code), ['item-no-decision']);
    } finally {
      await other.stop();
    }
  });
});
