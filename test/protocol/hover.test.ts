/**
 * Hover and inlay hints over LSP: Markdown or plain text as the client asks, citations explained
 * from the knowledge base, honest answers for pages it does not know, the user's knowledge file.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { Hover, HoverRequest, InlayHint, InlayHintRequest, MarkupContent, ShowMessageNotification } from 'vscode-languageserver-protocol/node';
import { FIXTURES } from '../paths';
import { DEFAULT_CAPABILITIES, startServer, TestServer } from './client';
import { tempDir } from '../temp';

const seed000 = path.join(FIXTURES, 'seeds', '000_b6b425ba94267f2e.txt');
const seedText = fs.readFileSync(seed000, 'utf8');
const dwc = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');
const dwcText = fs.readFileSync(dwc, 'utf8');
const scratch = tempDir('imr-hover-');

/** Position of the first occurrence of `needle` (plus `delta` characters) in `text`. */
function positionOf(text: string, needle: string, delta = 0) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in the text`);
  const before = text.slice(0, at + delta);
  const line = before.split(/\r\n|\r|\n/).length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

function value(h: Hover | null): string {
  assert.ok(h, 'a hover');
  return (h.contents as MarkupContent).value;
}

describe('hover, Markdown client', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });
  const hoverAt = async (uri: string, text: string, needle: string, delta = 0) =>
    (await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, needle, delta) })) as Hover | null;

  test('a cited page of the 2009 chronic pain guidelines: topic, limits, source', async () => {
    const uri = await server.open(seed000);
    const h = await hoverAt(uri, seedText, 'Page(s): ', 'Page(s): '.length);
    assert.equal((h!.contents as MarkupContent).kind, 'markdown');
    const v = value(h);
    assert.match(v, /Chronic Pain Medical Treatment Guidelines/);
    assert.match(v, /2009/);
    assert.match(v, /Behavioral interventions/);
    assert.match(v, /3-4/); // initial psychotherapy trial
    assert.match(v, /6-10/);
    assert.match(v, /LETTER/);
    // the range is the page number itself
    assert.equal(h!.range!.end.character - h!.range!.start.character, 2);
  });

  test('a Section(s) citation of the 2016 era', async () => {
    const uri = await server.open(dwc);
    const v = value(await hoverAt(uri, dwcText, 'Surgical Considerations', 3));
    assert.match(v, /Shoulder Complaints/);
    assert.match(v, /Surgical Considerations/);
  });

  test('a decision word: what it means, the appeal route and its deadline', async () => {
    const uri = await server.open(dwc);
    const v = value(await hoverAt(uri, dwcText, ': Upheld', 2));
    assert.match(v, /Upheld/);
    assert.match(v, /Workers' Compensation Appeals Board|WCAB/);
    // The WCAB rule in force on the Decision Date, and its number since 2020.
    assert.match(v, /10957\.1/);
    assert.match(v, /10575/);
    assert.match(v, /30 days after service/);
    // Decision Date 01/20/2017 + 30 days + 5 for service by mail (Matute, 2015): Friday 2017-02-24.
    assert.match(v, /Appeal deadline, estimated: Friday 2017-02-24/);
    assert.match(v, /Matute/);
  });

  test('the case number and a header date', async () => {
    const uri = await server.open(dwc);
    assert.match(value(await hoverAt(uri, dwcText, 'CM16-0238035', 3)), /case number/i);
    const lines = dwcText.split('\n');
    const decisionLine = lines.indexOf('01/20/2017');
    assert.ok(decisionLine > 0);
    const h = (await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: decisionLine, character: 2 } })) as Hover;
    assert.match(value(h), /Decision Date/);
  });

  test('a page the knowledge base does not describe says so instead of guessing', async () => {
    const text = seedText.replace('Page(s): 23', 'Page(s): 46');
    const uri = await server.open(path.join(scratch, 'p46.imr'), text);
    const v = value(await hoverAt(uri, text, 'Page(s): 46', 'Page(s): '.length));
    assert.match(v, /not in the knowledge base/i);
    assert.doesNotMatch(v, /Epidural/); // the unconfirmed recollection is never shown
  });

  test('plain prose has no hover', async () => {
    const uri = await server.open(dwc);
    assert.equal(await hoverAt(uri, dwcText, 'The expert reviewer developed', 5), null);
  });

  test('inlay hints are off by default', async () => {
    const uri = await server.open(seed000);
    const hints = await server.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } },
    });
    assert.deepEqual(hints, []);
  });
});

describe('hover, plain-text client, user knowledge file, inlay hints on', () => {
  let server: TestServer;
  const userFile = path.join(scratch, 'my-knowledge.json');
  const warnings: string[] = [];
  before(async () => {
    fs.writeFileSync(
      userFile,
      JSON.stringify({
        schemaVersion: 1,
        version: 'test-1',
        documents: [
          {
            id: 'mtus-cpmtg',
            edition: '2009',
            entries: [
              {
                id: 'p46-user',
                locator: { pages: { from: 46, to: 46 } },
                topic: 'Our own note on page 46',
                summary: 'What our team recorded for page 46.',
                sources: [{ tag: 'USER', ref: 'team reading of the May 2009 PDF' }],
              },
            ],
          },
        ],
      }),
    );
    server = await startServer(
      { ...DEFAULT_CAPABILITIES, textDocument: { ...DEFAULT_CAPABILITIES.textDocument, hover: { contentFormat: ['plaintext'] } } },
      { settings: { knowledgeFile: userFile, pageTopicHints: true } },
    );
    server.connection.onNotification(ShowMessageNotification.type, (m) => {
      warnings.push(m.message);
    });
  });
  after(async () => {
    await server.stop();
  });

  test('plain text for a client without Markdown, and the user entry is used', async () => {
    const text = seedText.replace('Page(s): 23', 'Page(s): 46');
    const uri = await server.open(path.join(scratch, 'p46-user.imr'), text);
    const h = (await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'Page(s): 46', 'Page(s): '.length),
    })) as Hover;
    assert.equal((h.contents as MarkupContent).kind, 'plaintext');
    const v = (h.contents as MarkupContent).value;
    assert.match(v, /Our own note on page 46/);
    assert.match(v, /team reading of the May 2009 PDF/);
    assert.doesNotMatch(v, /\*\*|^#/m, 'no Markdown syntax in plain text');
  });

  test('inlay hints show the topic beside a cited page', async () => {
    const uri = await server.open(seed000);
    const hints = (await server.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } },
    })) as InlayHint[];
    assert.ok(hints.length >= 1);
    const p = positionOf(seedText, 'Page(s): 23', 'Page(s): 23'.length);
    assert.ok(hints.some((h) => h.position.line === p.line && /Behavioral interventions/.test(String(h.label))));
  });

  test('a broken knowledge file is reported once and the bundled base still answers', async () => {
    const broken = path.join(scratch, 'broken.json');
    fs.writeFileSync(broken, '{ "schemaVersion": 1, "documents": [ { "id": 7 } ] }');
    const s2 = await startServer(DEFAULT_CAPABILITIES, { settings: { knowledgeFile: broken } });
    try {
      const messages: string[] = [];
      s2.connection.onNotification(ShowMessageNotification.type, (m) => {
        messages.push(m.message);
      });
      const uri = await s2.open(seed000);
      const position = positionOf(seedText, 'Page(s): 23', 'Page(s): '.length);
      const h1 = (await s2.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover;
      const h2 = (await s2.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover;
      assert.match((h1.contents as MarkupContent).value, /Behavioral interventions/);
      assert.ok(h2);
      assert.equal(messages.filter((m) => m.includes('broken.json')).length, 1, messages.join('\n'));
      assert.match(messages[0], /documents\[0\]/);
    } finally {
      await s2.stop();
    }
    assert.deepEqual(warnings, [], 'the valid user file raised no warning');
  });
});
