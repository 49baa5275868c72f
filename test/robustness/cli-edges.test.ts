/**
 * The `imr` command line at its edges: file names that could forge output (newlines, escape
 * codes), names that are not valid UTF-8, symbolic links in folders and patterns (one rule: not
 * followed), and a text file larger than the process can hold (a message, and the other files'
 * output kept).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import { once } from 'events';
import * as fs from 'fs';
import * as path from 'path';
import { displayPath } from '../../server/src/io';
import { DIST, FIXTURES } from '../paths';
import { tempDir } from '../temp';

const LETTER = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');
const scratch = tempDir('imr-cli-edges-');
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function imr(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

function folder(name: string): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A letter with at least one diagnostic, so `imr check` prints lines that start with its name. */
function letterWithFinding(): string {
  return fs.readFileSync(LETTER, 'utf8').replace(/Upheld|Overturned/, 'Maybe');
}

describe('imr: file names in the output', () => {
  test('displayPath escapes control characters, separators and bidi overrides, and shows bad UTF-8 as \\xNN', () => {
    assert.equal(displayPath('a\nb\r\tc\x1b[31m\u007f\u0085\u2028\u202e.txt'), 'a\\nb\\r\\tc\\x1b[31m\\x7f\\x85\\u2028\\u202e.txt');
    assert.equal(displayPath('/letters/Señora ü.txt'), '/letters/Señora ü.txt');
    assert.equal(displayPath(Buffer.concat([Buffer.from('/d/caf'), Buffer.from([0xe9, 0xff]), Buffer.from('é.txt')])), '/d/caf\\xe9\\xffé.txt');
  });

  test('imr check: a name with a newline or an escape code cannot forge a line; each line starts with the escaped name', () => {
    const dir = folder('forged');
    const forged = 'x.txt:1:1 error forged-code Everything is fine\nreal';
    const names = [`${forged}.txt`, 'colour\x1b[2J\x1b[31m.txt'];
    for (const n of names) fs.writeFileSync(path.join(dir, n), letterWithFinding());
    const r = imr(['check', dir]);
    assert.ok(r.code === 0 || r.code === 1, r.err);
    const lines = r.out.split('\n').filter((l) => l !== '');
    assert.ok(lines.length >= 2, r.out);
    const shown = names.map((n) => displayPath(path.join(dir, n)));
    for (const line of lines) {
      assert.ok(shown.some((s) => line.startsWith(`${s}:`)), `a line that does not start with an escaped name: ${JSON.stringify(line)}`);
      assert.doesNotMatch(line, /[\x00-\x1f\x7f]/, 'no raw control character');
    }
    assert.ok(!lines.some((l) => l.startsWith('x.txt:1:1')), 'no forged line');
    // A name that does not exist, given directly: escaped in the message too.
    const missing = imr(['check', path.join(dir, 'gone\nimr: all files fine.txt')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /gone\\nimr: all files fine\.txt: does not exist/);
    assert.equal(missing.err.split('\n').filter((l) => l.startsWith('imr: all files fine')).length, 0);
  });

  test('a name that is not valid UTF-8, found in a folder: read and extracted, named with \\xNN', () => {
    const dir = folder('latin1');
    const raw = Buffer.concat([Buffer.from(dir + path.sep), Buffer.from('Se\xf1ora.txt', 'latin1')]);
    fs.writeFileSync(raw, fs.readFileSync(LETTER));
    fs.copyFileSync(LETTER, path.join(dir, 'plain.txt'));
    const r = imr(['extract', '--format', 'jsonl', '--every-file', dir]);
    assert.equal(r.code, 0, r.err);
    const sources = r.out.trim().split('\n').map((l) => (JSON.parse(l) as { source: string }).source);
    assert.deepEqual(sources.map((s) => path.basename(s)).sort(), ['Se\\xf1ora.txt', 'plain.txt']);
    const check = imr(['check', dir]);
    assert.ok(check.code === 0 || check.code === 1, check.err);
    assert.doesNotMatch(check.err, /does not exist/);
  });
});

describe('imr: symbolic links', () => {
  test('folders and patterns follow no link (to a file or a folder); a link named itself is read', () => {
    const inside = folder('links/inside');
    const outside = folder('links/outside');
    fs.copyFileSync(LETTER, path.join(inside, 'a.txt'));
    fs.copyFileSync(LETTER, path.join(outside, 'secret.txt'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(inside, 'link-to-file.txt'));
    fs.symlinkSync(outside, path.join(inside, 'link-to-folder'), 'dir');
    const sources = (args: string[]) => {
      const r = imr(['extract', '--format', 'jsonl', ...args]);
      assert.equal(r.code, 0, r.err);
      return r.out.trim().split('\n').map((l) => path.basename((JSON.parse(l) as { source: string }).source));
    };
    assert.deepEqual(sources([inside]), ['a.txt']);
    assert.deepEqual(sources([path.join(inside, '**', '*.txt')]), ['a.txt']);
    assert.deepEqual(sources([path.join(inside, '*')]), ['a.txt']);
    assert.deepEqual(sources([path.join(inside, 'link-to-file.txt')]), ['link-to-file.txt']);
  });
});

describe('imr: a text file larger than the process can hold', () => {
  test('refused with a message naming the file and what to do; the other file is still extracted', () => {
    const dir = folder('huge');
    // Node with a 64 MB heap can hold about 6 MB of letter text (io.ts textCapacity); 16 MB is over.
    const letter = fs.readFileSync(LETTER, 'utf8');
    const big = path.join(dir, 'a-merged.txt');
    const fd = fs.openSync(big, 'w');
    for (let n = 0; n < 16 * 1024 * 1024; n += letter.length) fs.writeSync(fd, letter);
    fs.closeSync(fd);
    fs.copyFileSync(LETTER, path.join(dir, 'b-letter.txt'));
    const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=64' };
    const r = imr(['extract', '--format', 'jsonl', '--max-size', '1000', dir], env);
    assert.equal(r.signal, null, `imr was killed: ${r.err.slice(-500)}`);
    assert.equal(r.code, 2, r.err.slice(-2000));
    assert.match(r.err, /a-merged\.txt: is 1[67] MB, more text than this process can read at once .*NODE_OPTIONS=--max-old-space-size/);
    const records = r.out.trim().split('\n').map((l) => path.basename((JSON.parse(l) as { source: string }).source));
    assert.deepEqual(records, ['b-letter.txt']);
    assert.match(r.err, /1 of 2 files could not be read/);
  });
});

describe('imr: standard output and standard error that cannot be written', () => {
  /** imr with stdout or stderr on /dev/full (every write fails with "no space left on device"). */
  function imrFull(args: string[], full: 'stdout' | 'stderr') {
    const fd = fs.openSync('/dev/full', 'w');
    try {
      const stdio: ('pipe' | 'ignore' | number)[] = ['ignore', full === 'stdout' ? fd : 'pipe', full === 'stderr' ? fd : 'pipe'];
      const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { encoding: 'utf8', stdio, timeout: 120_000 });
      return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '', signal: r.signal };
    } finally {
      fs.closeSync(fd);
    }
  }

  test('a full disk under stdout: a message that the output is incomplete, status 2, no stack trace', () => {
    const r = imrFull(['extract', '--format', 'jsonl', LETTER], 'stdout');
    assert.equal(r.signal, null);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /^imr: the output could not be written \(no space left on the disk\); it is incomplete$/m);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  });

  test('stderr that cannot be written: the messages are lost, the output and the exit status are not', () => {
    const dir = folder('stderr-full');
    fs.copyFileSync(LETTER, path.join(dir, 'a.txt'));
    fs.writeFileSync(path.join(dir, 'b-not-a-letter.txt'), 'a note, not a letter\n');
    const r = imrFull(['extract', '--format', 'jsonl', dir], 'stderr');
    assert.equal(r.signal, null);
    assert.equal(r.code, 2, 'the file that is not a letter still sets status 2');
    assert.deepEqual(r.out.trim().split('\n').map((l) => path.basename((JSON.parse(l) as { source: string }).source)), ['a.txt']);
    const ok = imrFull(['extract', '--format', 'jsonl', LETTER], 'stderr');
    assert.equal(ok.code, 0);
    assert.equal(ok.out.trim().split('\n').length, 1);
  });
});

describe('imr --pdf-timeout', () => {
  const PDF = path.join(FIXTURES, 'letters', 'pdf', 'CM16-0238035.pdf');

  test('a limit longer than a timer can hold (over 24.8 days) is no limit, not 1 ms: the PDF is read', () => {
    const r = imr(['extract', '--format', 'jsonl', '--pdf-timeout', '3000000', PDF]);
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as { caseNumber: string }).caseNumber, 'CM16-0238035');
    assert.doesNotMatch(r.err, /TimeoutOverflowWarning/);
  });

  test('a limit under 0.1 s is named as given in the refusal', () => {
    const r = imr(['extract', '--format', 'jsonl', '--pdf-timeout', '0.00001', PDF]);
    assert.equal(r.code, 2);
    assert.match(r.err, /too complex to read as a letter: reading it took longer than 0\.00001 s/);
  });
});

describe('imr extract --format parquet: the output folder', () => {
  const tables = ['citations.parquet', 'items.parquet', 'letters.parquet'];
  const partials = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.partial'));
  const contents = (dir: string) => tables.map((t) => fs.readFileSync(path.join(dir, t)).toString('base64'));

  test('a folder that cannot be made (under /proc, under a file) or a table name held by a folder: a message, nothing written, no hang', () => {
    const file = path.join(folder('parquet-refused'), 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const cases: [string, RegExp][] = [
      // fs.mkdirSync's recursive mode retried /proc's "no such file" forever.
      [path.join('/proc', `imr-no-such-${process.pid}`, 'tables'), /^imr: nothing written: the folder \/proc\/imr-no-such-\d+ could not be created/m],
      [file, /^imr: nothing written: .*a-file is a file, not a folder$/m],
      [path.join(file, 'tables'), /^imr: nothing written: .*a-file is a file, not a folder$/m],
    ];
    for (const [out, message] of cases) {
      const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'extract', '--format', 'parquet', '--out', out, LETTER], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.signal, null, `imr hung on --out ${out}`);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, message);
    }
    const dir = folder('parquet-table-folder');
    fs.mkdirSync(path.join(dir, 'items.parquet'));
    const r = imr(['extract', '--format', 'parquet', '--force', '--out', dir, LETTER]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /^imr: nothing written: items\.parquet in .* is a folder, not a table file; nothing is replaced$/m);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    assert.deepEqual(fs.readdirSync(dir), ['items.parquet']);
  });

  test('the tables are the user\'s alone (0600); temporary tables of a killed run are removed', () => {
    const dir = folder('parquet-mode');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const stale = `.letters.parquet.${gone.stdout}.0123456789abcdef.partial`;
    fs.writeFileSync(path.join(dir, stale), 'rows of a killed run');
    const umask = process.umask(0o022);
    let r: ReturnType<typeof imr>;
    try {
      r = imr(['extract', '--format', 'parquet', '--out', dir, LETTER]);
    } finally {
      process.umask(umask);
    }
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(fs.readdirSync(dir).sort(), tables);
    for (const t of tables) assert.equal(fs.statSync(path.join(dir, t)).mode & 0o777, 0o600, t);
  });

  test('Ctrl-C in the middle of --force: the temporary tables are removed, the tables there before are kept', async () => {
    const dir = folder('parquet-interrupted');
    const first = imr(['extract', '--format', 'parquet', '--out', dir, LETTER]);
    assert.equal(first.code, 0, first.err);
    const before = contents(dir);
    // The fixtures folder (hundreds of files, PDFs among them) takes far longer than a signal.
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), 'extract', '--format', 'parquet', '--force', '--out', dir, path.join(FIXTURES, 'letters')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    // Interrupted once its temporary tables exist (the run has started writing).
    await new Promise<void>((resolve) => {
      const watcher = fs.watch(dir, () => {
        if (partials(dir).length === 0) return;
        watcher.close();
        child.kill('SIGINT');
        resolve();
      });
      // A run that ends before writing anything fails the assertions below instead of waiting here.
      void exited.then(() => {
        watcher.close();
        resolve();
      });
    });
    const [code, signal] = await exited;
    assert.equal(signal, null, err);
    assert.equal(code, 130, err);
    assert.match(err, /interrupted: nothing written; the tables in .* are as they were/);
    assert.deepEqual(partials(dir), [], 'no temporary table left');
    assert.deepEqual(contents(dir), before, 'the tables of the first run are unchanged');
  });
});

describe('imr: "-" for standard input', () => {
  test('is not read, and says so instead of "does not exist"; a file named "-" is still read by its name', () => {
    const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'extract', '--format', 'jsonl', '-'], { encoding: 'utf8', input: fs.readFileSync(LETTER), cwd: folder('stdin') });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^imr: -: standard input is not read: name the letter files instead/m);
    assert.doesNotMatch(r.stderr, /does not exist/);
    const dir = folder('dash');
    fs.copyFileSync(LETTER, path.join(dir, '-'));
    const named = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'extract', '--format', 'jsonl', '-'], { encoding: 'utf8', cwd: dir });
    assert.equal(named.status, 0, named.stderr);
    assert.equal((JSON.parse(named.stdout) as { caseNumber: string }).caseNumber, 'CM16-0238035');
  });
});
