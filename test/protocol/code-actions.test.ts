/**
 * Quick fixes that write, over stdio with a real LSP client: a missing block, a missing decision
 * and a missing section heading are written by the code action the server offers, and the
 * diagnostic goes away; a rationale that contradicts its decision offers to show the two side by
 * side (VS Code, which runs the client command), to go to the conclusion (a client such as
 * Neovim that answers window/showDocument), or nothing (a client that does neither).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  ClientCapabilities, CodeAction, CodeActionRequest, Diagnostic, DocumentDiagnosticReport, DocumentDiagnosticRequest,
  ExecuteCommandRequest, Range, ShowDocumentParams, ShowDocumentRequest, TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ClientCommands, ServerCommands, ShowSideBySideParams } from '../../server/src/protocol';
import { FIXTURES } from '../paths';
import { DEFAULT_CAPABILITIES, startServer, TestServer } from './client';
import { tempDir } from '../temp';

const scratch = tempDir('imr-fix-');
const letterText = fs.readFileSync(path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt'), 'utf8');

async function pull(server: TestServer, uri: string): Promise<Diagnostic[]> {
  const r = (await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as DocumentDiagnosticReport;
  assert.equal(r.kind, 'full');
  return (r as { items: Diagnostic[] }).items;
}

async function actionsFor(server: TestServer, uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'imr', 1, text), edits);
}

function slice(text: string, r: Range): string {
  const doc = TextDocument.create('x', 'imr', 1, text);
  return text.slice(doc.offsetAt(r.start), doc.offsetAt(r.end));
}

/** The letter with a whole block (label and all its lines) taken out of the first item. */
function withoutBlock(label: string, next: string): string {
  const i = letterText.indexOf(`\n${label}`);
  return letterText.slice(0, i) + letterText.slice(letterText.indexOf(`\n${next}`, i));
}

/** Writes one fix and checks the diagnostic is gone from the server's answer for the new text. */
async function writeFix(server: TestServer, name: string, text: string, code: string, title: RegExp): Promise<{ fixed: string; actions: CodeAction[] }> {
  const uri = await server.open(path.join(scratch, `${name}.imr`), text);
  const d = (await pull(server, uri)).find((x) => x.code === code);
  assert.ok(d, `a ${code} diagnostic`);
  const actions = await actionsFor(server, uri, d);
  const fix = actions.find((a) => title.test(a.title));
  assert.ok(fix, `a fix ${title} among ${actions.map((a) => a.title).join(' | ')}`);
  assert.equal(fix.kind, 'quickfix');
  const fixed = apply(text, fix.edit!.changes![uri]);
  await server.change(uri, 2, [{ text: fixed }]);
  assert.ok(!(await pull(server, uri)).some((x) => x.code === code), `no ${code} after the fix`);
  return { fixed, actions };
}

describe('quick fixes that write, over stdio', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('a missing MAXIMUS guideline block: its label and a placeholder, between the two other blocks', async () => {
    const text = withoutBlock('MAXIMUS guideline:', 'Decision rationale:');
    const { fixed, actions } = await writeFix(server, 'block', text, 'missing-block', /^Add the "MAXIMUS guideline:" block$/);
    assert.ok(actions.find((a) => a.title.startsWith('Add the'))!.isPreferred);
    const line = fixed.split('\n').findIndex((l) => l.startsWith('MAXIMUS guideline: [the guideline the expert reviewer relied on]'));
    assert.ok(line > 0);
    assert.match(fixed.split('\n')[line - 1], /Official Disability Guidelines \(ODG\)\.$/, 'after the Claims Administrator block');
    assert.match(fixed.split('\n')[line + 1], /^Decision rationale:/, 'before the rationale');
  });

  test('a heading without its decision: Upheld and Overturned, the one the rationale concludes preferred; it writes the letter back', async () => {
    const text = letterText.replace('Medical Clearance: Upheld', 'Medical Clearance:');
    const { fixed, actions } = await writeFix(server, 'decision', text, 'item-no-decision', /^End the heading with ": Upheld"/);
    const offered = actions.filter((a) => a.title.startsWith('End the heading'));
    assert.deepEqual(offered.map((a) => [a.title, a.isPreferred === true]), [
      ['End the heading with ": Upheld" (the rationale concludes "not medically necessary")', true],
      ['End the heading with ": Overturned"', false],
    ]);
    assert.equal(fixed, letterText);
  });

  test('a missing section heading is written above the line that opens its body', async () => {
    const text = letterText.replace('CLINICAL CASE SUMMARY\n', '');
    const { fixed } = await writeFix(server, 'section', text, 'missing-section', /^Add the heading "CLINICAL CASE SUMMARY"/);
    assert.equal(fixed, letterText);
  });
});

const CONTRADICTION = letterText.replace('Medical Clearance: Upheld', 'Medical Clearance: Overturned');

async function contradictionActions(server: TestServer, name: string): Promise<{ uri: string; actions: CodeAction[] }> {
  const uri = await server.open(path.join(scratch, `${name}.imr`), CONTRADICTION);
  const d = (await pull(server, uri)).find((x) => x.code === 'rationale-contradicts-decision');
  assert.ok(d, 'a rationale-contradicts-decision diagnostic');
  return { uri, actions: await actionsFor(server, uri, d) };
}

describe('a rationale that contradicts its decision: shown, never rewritten', () => {
  test('VS Code (runs imr.showSideBySide): the decision and the conclusion side by side', async () => {
    const server = await startServer(DEFAULT_CAPABILITIES, { clientCommands: [ClientCommands.showSideBySide] });
    try {
      const { uri, actions } = await contradictionActions(server, 'side-by-side');
      const show = actions.find((a) => a.title === "Show the decision and the rationale's conclusion side by side");
      assert.ok(show, actions.map((a) => a.title).join(' | '));
      assert.equal(show.edit, undefined, 'nothing written');
      assert.equal(show.command?.command, ClientCommands.showSideBySide);
      const params = show.command!.arguments![0] as ShowSideBySideParams;
      assert.equal(params.uri, uri);
      assert.deepEqual(params.ranges.map((r) => slice(CONTRADICTION, r)), ['Medical Clearance: Overturned', 'not medically necessary']);
    } finally {
      await server.stop();
    }
  });

  test('a client that answers window/showDocument (Neovim): the server command takes it to the conclusion', async () => {
    const shown: ShowDocumentParams[] = [];
    const caps: ClientCapabilities = { ...DEFAULT_CAPABILITIES, window: { showDocument: { support: true } } };
    const server = await startServer(caps, undefined, {
      setup: (c) =>
        c.onRequest(ShowDocumentRequest.type, (p) => {
          shown.push(p);
          return { success: true };
        }),
    });
    try {
      const { uri, actions } = await contradictionActions(server, 'go-to');
      const go = actions.find((a) => a.title === "Go to the rationale's conclusion");
      assert.ok(go, actions.map((a) => a.title).join(' | '));
      assert.equal(go.command?.command, ServerCommands.showSideBySide);
      assert.ok((server.initialized.capabilities.executeCommandProvider?.commands ?? []).includes(ServerCommands.showSideBySide));
      await server.connection.sendRequest(ExecuteCommandRequest.type, { command: go.command!.command, arguments: go.command!.arguments });
      assert.equal(shown.length, 1);
      assert.equal(shown[0].uri, uri);
      assert.equal(slice(CONTRADICTION, shown[0].selection!), 'not medically necessary');
    } finally {
      await server.stop();
    }
  });

  test('a client that can do neither gets no such action (the related information still points at the conclusion)', async () => {
    const server = await startServer();
    try {
      const { actions } = await contradictionActions(server, 'plain');
      assert.deepEqual(actions.map((a) => a.title), ['Silence "rationale-contradicts-decision" in this letter']);
    } finally {
      await server.stop();
    }
  });
});
