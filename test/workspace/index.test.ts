/**
 * The workspace index reading text files on worker threads: the same library as reading them on
 * its own thread, each file's entries taken in the files' order, failures reported the same way.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { bundledKnowledge } from '../../server/src/core';
import { WorkspaceIndex } from '../../server/src/workspace/index';
import { loadLetters } from '../core/manifest';
import { tempDir } from '../temp';

const letters = loadLetters().filter((l) => l.pdf !== null);

function index(options: ConstructorParameters<typeof WorkspaceIndex>[1]): WorkspaceIndex {
  return new WorkspaceIndex(
    { kb: async () => bundledKnowledge(), progress: async () => ({ report() {}, done() {} }), changed() {}, log() {} },
    { cache: null, ...options },
  );
}

/** What an index holds, to compare two. */
function view(ix: WorkspaceIndex) {
  const lib = ix.library;
  return {
    stats: lib.stats(),
    order: [...lib.paths()],
    entries: lib.entries().map((e) => `${e.key} ${e.chosen.path} [${e.sources.map((s) => s.path).join(', ')}]`),
    norco: lib.symbols('norco').map((h) => `${h.name} ${h.path} ${h.range.start.line}`),
    references: lib.references(['mtus-cpmtg|2016|s:physicalmedicinetreatment']).map((r) => `${r.path} ${r.range.start.line}:${r.range.start.character} ${r.label}`),
    closing: lib.entries().flatMap((e) => e.chosen.letter.items.map((i) => i.closing)),
    failures: [...ix.failures].sort(),
  };
}

describe('workspace index on worker threads', () => {
  let dir = '';
  before(() => {
    dir = tempDir('imr-index-workers-');
    for (const [i, l] of letters.entries()) {
      fs.mkdirSync(path.join(dir, String(i % 7)), { recursive: true });
      fs.copyFileSync(l.texts[0], path.join(dir, String(i % 7), path.basename(l.texts[0])));
      fs.copyFileSync(l.texts[1], path.join(dir, String(i % 7), `layout-${path.basename(l.texts[1])}`));
    }
    // Files that fail: binary data, and a text that is no letter.
    fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x41, 0, 0x42, 0]));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'Shopping list: milk, eggs.\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the same library from worker threads as from one thread, files taken in order', async () => {
    const here = index({ workers: 0 });
    await here.rebuild({ roots: [dir], include: [], exclude: [] });
    const there = index({ workers: 2, workerMinFiles: 1 });
    await there.rebuild({ roots: [dir], include: [], exclude: [] });
    const files = 2 * letters.length + 2;
    assert.equal(here.readByWorkers, 0);
    assert.equal(there.readByWorkers, files, 'every text file was read by a worker');
    assert.equal(there.state, 'ready');
    const a = view(here);
    assert.equal(a.stats.letters, letters.length);
    assert.equal(a.stats.files, files);
    assert.equal(a.failures.length, 1, JSON.stringify(a.failures));
    assert.deepEqual(view(there), a);
  });

  test('few files are read on the index\'s own thread', async () => {
    const ix = index({ workers: 2 });
    await ix.rebuild({ roots: [path.join(dir, '0')], include: [], exclude: [] });
    assert.equal(ix.readByWorkers, 0);
    assert.ok(ix.library.stats().letters > 5);
  });
});
