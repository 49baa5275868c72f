/**
 * textDocument/completion over stdio, with a real LSP client, as an editor (VS Code, Neovim) asks:
 * the items, their text edits applied to the document, documentation in the form the client
 * reads, the re-trigger command only for clients that said they can run it, and completion on a
 * document being edited.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  CompletionItem, CompletionList, CompletionRequest, CompletionTriggerKind, MarkupContent, MarkupKind, Position, TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIXTURES } from '../paths';
import { DEFAULT_CAPABILITIES, startServer, TestServer } from './client';
import { tempDir } from '../temp';

const scratch = tempDir('imr-complete-');
const letterFile = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');
const letterText = fs.readFileSync(letterFile, 'utf8');

const CAPABILITIES = {
  ...DEFAULT_CAPABILITIES,
  textDocument: { ...DEFAULT_CAPABILITIES.textDocument, completion: { completionItem: { documentationFormat: [MarkupKind.Markdown, MarkupKind.PlainText] } } },
};

function positionOf(text: string, offset: number): Position {
  const doc = TextDocument.create('x', 'imr', 1, text);
  return doc.positionAt(offset);
}

async function complete(server: TestServer, uri: string, position: Position, triggerCharacter?: string): Promise<CompletionList> {
  const r = await server.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position,
    context: triggerCharacter ? { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter } : { triggerKind: CompletionTriggerKind.Invoked },
  });
  assert.ok(r && !Array.isArray(r), 'a CompletionList');
  return r as CompletionList;
}

function applyItem(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  assert.ok(edit && 'range' in edit, `${item.label} has a text edit`);
  return TextDocument.applyEdits(TextDocument.create('x', 'imr', 1, text), [edit]);
}

describe('completion over stdio (Markdown client that can re-trigger suggestions)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(CAPABILITIES, { retriggerSuggest: true });
  });
  after(async () => {
    await server.stop();
  });

  test('the server declares completion, triggered by a blank', () => {
    assert.deepEqual(server.initialized.capabilities.completionProvider?.triggerCharacters, [' ']);
  });

  test('a deleted section of a real letter is offered first; accepting it restores the letter', async () => {
    const i = letterText.indexOf('Surgical Considerations');
    const text = letterText.slice(0, i) + letterText.slice(i + 'Surgical Considerations'.length);
    const uri = await server.open(path.join(scratch, 'deleted-section.imr'), text);
    const list = await complete(server, uri, positionOf(text, i), ' ');
    const first = list.items[0];
    assert.equal(first.label, 'Surgical Considerations');
    assert.equal(first.preselect, true);
    assert.equal(applyItem(text, first), letterText);
    const doc = first.documentation as MarkupContent;
    assert.equal(doc.kind, 'markdown');
    assert.match(doc.value, /ACOEM/);
  });

  test('typing a citation: "Decision based on MTUS " then a guideline, then "Section(s): " (incremental changes)', async () => {
    const cut = letterText.indexOf('MAXIMUS guideline: Decision based on MTUS Shoulder');
    const lineEnd = letterText.indexOf('\nDecision rationale:', cut);
    let text = letterText.slice(0, cut) + 'MAXIMUS guideline: ' + letterText.slice(lineEnd);
    const uri = await server.open(path.join(scratch, 'typing.imr'), text);
    let version = 1;
    const type = async (offset: number, s: string) => {
      version++;
      const at = positionOf(text, offset);
      await server.change(uri, version, [{ range: { start: at, end: at }, text: s }]);
      text = text.slice(0, offset) + s + text.slice(offset);
      return offset + s.length;
    };
    let at = cut + 'MAXIMUS guideline: '.length;
    // After the block label: the ways the block opens; accepting one asks for suggestions again.
    let list = await complete(server, uri, positionOf(text, at), ' ');
    const opening = list.items.find((x) => x.label === 'Decision based on MTUS')!;
    assert.ok(opening, list.items.map((x) => x.label).join(' | '));
    assert.equal(opening.command?.command, 'editor.action.triggerSuggest');
    at = await type(at, 'Decision based on MTUS ');
    list = await complete(server, uri, positionOf(text, at), ' ');
    const shoulder = list.items.find((x) => x.label === 'Shoulder Complaints 2004')!;
    assert.ok(shoulder, list.items.map((x) => x.label).join(' | '));
    assert.ok(!list.items.some((x) => x.label === 'Chronic Pain Medical Treatment 2009'), 'a 2016 letter gets the guidelines in force then');
    at = await type(at, 'Shoulder Complaints 2004, Section(s): ');
    list = await complete(server, uri, positionOf(text, at), ' ');
    assert.equal(list.items[0].label, 'Surgical Considerations');
    assert.ok(applyItem(text, list.items[0]).includes('\nMAXIMUS guideline: Decision based on MTUS Shoulder Complaints 2004, Section(s): Surgical Considerations\nDecision rationale:'));
  });

  test('a heading without its decision: Upheld and Overturned; the decision word replaces what is typed', async () => {
    const text = letterText.replace('Medical Clearance: Upheld', 'Medical Clearance: Up');
    const uri = await server.open(path.join(scratch, 'decision.imr'), text);
    const at = text.indexOf('Medical Clearance: Up') + 'Medical Clearance: Up'.length;
    const list = await complete(server, uri, positionOf(text, at));
    assert.deepEqual(list.items.map((x) => x.label), ['Upheld', 'Overturned']);
    assert.equal(applyItem(text, list.items[0]), letterText);
  });

  test('a blank at the start of a line asks for nothing; typed words filter the block labels', async () => {
    const at = letterText.indexOf('Claims Administrator guideline: The Claims Administrator did not cite');
    const text = letterText.slice(0, at) + ' \n' + letterText.slice(at);
    const uri = await server.open(path.join(scratch, 'blank.imr'), text);
    const blank = await complete(server, uri, positionOf(text, at + 1), ' ');
    assert.deepEqual(blank.items, []);
    const typed = letterText.slice(0, at) + 'MAX\n' + letterText.slice(at);
    const uri2 = await server.open(path.join(scratch, 'typed.imr'), typed);
    const list = await complete(server, uri2, positionOf(typed, at + 3));
    assert.equal(list.isIncomplete, true);
    assert.deepEqual(list.items.map((x) => x.label), ['MAXIMUS guideline:']);
  });

  test('an unknown document gets no items and the server stays up', async () => {
    const r = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: 'file:///nowhere.imr' }, position: { line: 0, character: 0 } });
    assert.equal(r, null);
    const uri = await server.open(path.join(scratch, 'after.imr'), letterText);
    assert.ok((await complete(server, uri, { line: 0, character: 0 })).items.length >= 0);
  });
});

describe('completion over stdio (plain-text client, no re-trigger, like a minimal Neovim setup)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(DEFAULT_CAPABILITIES);
  });
  after(async () => {
    await server.stop();
  });

  test('documentation in plain text and no editor command', async () => {
    const text = `${letterText.slice(0, letterText.indexOf('MAXIMUS guideline: Decision based on MTUS Shoulder'))}MAXIMUS guideline: `;
    const uri = await server.open(path.join(scratch, 'plain.imr'), text);
    const list = await complete(server, uri, positionOf(text, text.length));
    assert.ok(list.items.length > 0);
    for (const item of list.items) {
      assert.equal(item.command, undefined);
      if (item.documentation) {
        const doc = item.documentation as MarkupContent;
        assert.equal(doc.kind, 'plaintext');
        assert.doesNotMatch(doc.value, /\*\*/);
      }
    }
  });
});
