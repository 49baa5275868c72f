/**
 * The Insights panel's data over LSP (`imr.server.insights`), as any editor would ask for it: the
 * same counts as `imr stats`, each row's items listed, open documents counted as the editor holds
 * them (an edit changes the count), progress reported, an empty scope answered.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ExecuteCommandRequest, WorkDoneProgress } from 'vscode-languageserver-protocol/node';
import type { InsightsParams, InsightsResult } from '../../server/src/insights-protocol';
import { DIST, FIXTURES } from '../paths';
import { startServer, TestServer } from './client';

const LETTERS = path.join(FIXTURES, 'letters');

describe('imr.server.insights', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });
  const insights = (p: InsightsParams, workDoneToken?: string) =>
    server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'imr.server.insights', arguments: [p], workDoneToken }) as Promise<InsightsResult>;

  test('the fixture folder: the counts of imr stats, every item of a row listed, with progress', async () => {
    const reports: string[] = [];
    const sub = server.connection.onProgress(WorkDoneProgress.type, 'insights-1', (v) => {
      reports.push(v.kind);
    });
    const result = await insights({ inputs: [LETTERS] }, 'insights-1');
    sub.dispose();
    const cli = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'stats', '--format', 'json', '--quiet', LETTERS], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const want = JSON.parse(cli.stdout);
    const s = result.stats;
    assert.equal(result.files, 301);
    assert.deepEqual(result.failures, []);
    assert.equal(result.cancelled, false);
    assert.equal(s.letters, want.letters);
    assert.equal(s.items, want.items);
    assert.deepEqual(s.decisions, want.decisions);
    for (const t of ['byCategory', 'byDrugClass', 'byGuideline', 'bySpecialty', 'byMonth', 'byDaysToDecision'] as const) {
      assert.deepEqual(
        s[t].map((r) => [r.key, r.items, r.upheld, r.overturned, r.letters]),
        want[t].map((r: { key: string; items: number; upheld: number; overturned: number; letters: number }) => [r.key, r.items, r.upheld, r.overturned, r.letters]),
        t,
      );
      // Each row lists its items, and they have the row's decisions.
      for (const r of s[t]) {
        assert.equal(r.refs!.length, r.items, `${t} ${r.key}`);
        const listed = r.refs!.map((k) => s.itemList![k]);
        assert.equal(listed.filter((i) => i.decision === 'Overturned').length, r.overturned);
      }
    }
    assert.equal(s.itemList!.length, s.items);
    // An item points at its heading: the file's line holds the start of the request.
    const it = s.itemList!.find((i) => i.source.endsWith('.txt') && i.source.includes('format1b') && !i.source.includes('layout'))!;
    const line = fs.readFileSync(it.source, 'utf8').split(/\r\n|\r|\n/)[it.line];
    assert.ok(line.includes(it.request.split(' ')[0]), `line ${it.line} of ${it.source}: ${line}`);
    assert.equal(reports[0], 'begin');
    assert.equal(reports[reports.length - 1], 'end');
  });

  test('open documents are counted as the editor holds them', async () => {
    const file = fs.readdirSync(LETTERS).find((f) => f.includes('CM16-0238035'))!;
    const uri = await server.open(path.join(LETTERS, file));
    const before = await insights({ inputs: [], open: [uri] });
    assert.equal(before.stats.letters, 1);
    assert.equal(before.files, 1);
    assert.ok(before.stats.itemList!.every((i) => i.source === uri));
    const overturned = before.stats.decisions.Overturned;
    assert.ok(before.stats.decisions.Upheld > 0);
    // The editor's copy changes: an Upheld becomes Overturned.
    const text = fs.readFileSync(path.join(LETTERS, file), 'utf8');
    const at = text.search(/: Upheld\b/);
    assert.ok(at > 0);
    await server.change(uri, 2, [{ text: text.slice(0, at) + ': Overturned' + text.slice(at + ': Upheld'.length) }]);
    const after = await insights({ inputs: [], open: [uri] });
    assert.equal(after.stats.decisions.Overturned, overturned + 1);
  });

  test('nothing to count: zeros, not an error; a missing folder is a failure with its reason', async () => {
    const empty = await insights({ inputs: [] });
    assert.equal(empty.stats.letters, 0);
    assert.equal(empty.stats.overturnedRate, null);
    const missing = await insights({ inputs: [path.join(LETTERS, 'no-such-folder')] });
    assert.equal(missing.failures.length, 1);
    assert.equal(missing.stats.letters, 0);
  });
});
