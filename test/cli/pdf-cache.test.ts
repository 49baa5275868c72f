/**
 * `imr --cache DIR`: the text of each PDF read is kept in DIR and read from there by the next run,
 * until the PDF changes. Run as users run it: the bundled dist/cli.js in a child process.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DIST } from '../paths';
import { loadLetters } from '../core/manifest';
import { tempDir } from '../temp';

function imr(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Three corpus PDFs with a Norco item among them, copied into a new folder. */
function pdfFolder(prefix: string) {
  const all = loadLetters().filter((l) => l.pdf);
  const norco = all.find((l) => l.items.some((i) => /norco/i.test(i.request)))!;
  const picked = [norco, ...all.filter((l) => l !== norco).slice(0, 2)];
  const folder = tempDir(prefix);
  const pdfs = picked.map((l) => {
    const to = path.join(folder, path.basename(l.pdf!));
    fs.copyFileSync(l.pdf!, to);
    return to;
  });
  return { folder, pdfs, norco: path.join(folder, path.basename(norco.pdf!)) };
}

/** The cache's entries: the PDF's full path (from each entry's first line) to the entry's file. */
function entries(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const head = JSON.parse(fs.readFileSync(file, 'utf8').split('\n', 1)[0]) as { path: string };
    out.set(head.path, file);
  }
  return out;
}

describe('imr --cache DIR', () => {
  test('the first run keeps each PDF\'s text, readable by the user only; the next reads it from there, and a changed PDF again', () => {
    const { folder, pdfs, norco } = pdfFolder('imr-pdf-cache-');
    const cache = path.join(tempDir('imr-pdf-cache-dir-'), 'cache');
    const plain = imr('search', '--format', 'json', 'norco', folder);
    assert.equal(plain.code, 0, plain.err);
    assert.doesNotMatch(plain.err, /--cache/, 'three PDFs: no word about the cache');

    const first = imr('search', '--format', 'json', '--cache', cache, 'norco', folder);
    assert.equal(first.code, 0, first.err);
    assert.equal(first.out, plain.out, 'the same hits with the cache as without');
    const kept = entries(cache);
    assert.deepEqual([...kept.keys()].sort(), pdfs.map((p) => path.resolve(p)).sort(), 'one entry per PDF, by its full path');
    if (process.platform !== 'win32') {
      assert.equal(fs.statSync(cache).mode & 0o077, 0, 'the folder is readable by the user only');
      for (const file of kept.values()) assert.equal(fs.statSync(file).mode & 0o077, 0, `${file} is readable by the user only`);
    }

    // The next run reads the kept text, not the PDF: a word written into the entry is found.
    const entry = kept.get(path.resolve(norco))!;
    const original = fs.readFileSync(entry, 'utf8');
    assert.match(original, /Norco/);
    fs.writeFileSync(entry, original.replace(/Norco/g, 'Zzqxnorco'));
    const cached = imr('search', '--format', 'json', '--cache', cache, 'zzqxnorco', folder);
    assert.equal(cached.code, 0, cached.err);
    assert.ok((JSON.parse(cached.out) as { source: string }[]).every((h) => h.source === norco), cached.out);

    // A PDF whose modification time changed is read again, and its entry written anew.
    const later = new Date(fs.statSync(norco).mtimeMs + 60_000);
    fs.utimesSync(norco, later, later);
    const again = imr('search', '--cache', cache, 'zzqxnorco', folder);
    assert.equal(again.code, 1, 'the word written into the old entry is gone');
    assert.equal(fs.readFileSync(entry, 'utf8').split('\n').slice(1).join('\n'), original.split('\n').slice(1).join('\n'));
    // Without --cache nothing is read from it.
    assert.equal(imr('search', '--format', 'json', 'norco', folder).out, plain.out);
  });

  test('a cache folder inside the folder read is not read as letters', () => {
    const { folder, pdfs } = pdfFolder('imr-pdf-cache-inside-');
    const cache = path.join(folder, 'pdf-text');
    for (let run = 0; run < 2; run++) {
      const r = imr('stats', '--format', 'json', '--cache', cache, folder);
      assert.equal(r.code, 0, r.err);
      assert.equal((JSON.parse(r.out) as { letters: number }).letters, pdfs.length, `run ${run + 1}: the PDFs' letters only`);
    }
    assert.equal(fs.readdirSync(cache).length, pdfs.length);
  });

  test('a run reading 20 PDFs or more without --cache says what it would save; with --cache or --quiet it does not', () => {
    const pdf = loadLetters().filter((l) => l.pdf).sort((a, b) => fs.statSync(a.pdf!).size - fs.statSync(b.pdf!).size)[0].pdf!;
    const folder = tempDir('imr-pdf-cache-tip-');
    for (let k = 0; k < 20; k++) fs.copyFileSync(pdf, path.join(folder, `copy-${k}.pdf`));
    const plain = imr('stats', folder);
    assert.equal(plain.code, 0, plain.err);
    assert.match(plain.err, /^imr: reading 20 PDFs \(about 30 ms each\); with --cache FOLDER their text is kept there and the next run does not read them again$/m);
    assert.doesNotMatch(imr('stats', '--quiet', folder).err, /--cache/);
    const cached = imr('stats', '--cache', path.join(tempDir('imr-pdf-cache-tip-dir-'), 'c'), folder);
    assert.equal(cached.code, 0, cached.err);
    assert.doesNotMatch(cached.err, /--cache/);
  });

  test('--cache naming a file, nothing, or a folder that cannot be made is refused', () => {
    const { folder, pdfs } = pdfFolder('imr-pdf-cache-usage-');
    const bad = imr('extract', '--cache', pdfs[0], folder);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--cache .*: not a folder/);
    const none = imr('check', '--cache=', folder);
    assert.equal(none.code, 2);
    assert.match(none.err, /--cache needs a folder/);
    // A folder that cannot be made (a file stands in its path): said before anything is read.
    const unmade = imr('search', '--format', 'json', '--cache', path.join(pdfs[0], 'cache'), 'norco', folder);
    assert.equal(unmade.code, 2);
    assert.match(unmade.err, /--cache .*cache: the folder cannot be made or written \(ENOTDIR\)/);
    assert.equal(unmade.out, '', 'nothing read');
  });
});
