/**
 * Extract All writes letters' health data to a file: the file is the user's alone (mode 0600),
 * its temporary file cannot be predicted or redirected through a planted link, what a killed run
 * left behind is cleaned up, and a FIFO among the letters neither hangs the run nor leaves a
 * temporary file. Through the language server, as the editor runs it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import type { ExtractFilesParams, ExtractFilesResult } from '../../server/src/protocol';
import { FIXTURES } from '../paths';
import { startServer, TestServer } from '../protocol/client';
import { tempDir } from '../temp';

const scratch = tempDir('imr-outputs-');
const LETTER = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');

describe('Extract All: the output file', () => {
  let server: TestServer;
  let umask: number;
  before(async () => {
    // A permissive umask, as many systems have: the output must still be the user's alone.
    umask = process.umask(0o022);
    server = await startServer();
  });
  after(async () => {
    await server.stop();
    process.umask(umask);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const extractFiles = (p: ExtractFilesParams) =>
    server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'imr.server.extractFiles', arguments: [p] }) as Promise<ExtractFilesResult>;

  function folder(name: string): string {
    const dir = path.join(scratch, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  const partials = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.partial'));

  test('is created readable and writable by the user only (0600), with no temporary file left', async () => {
    const dir = folder('mode');
    const output = path.join(dir, 'letters.csv');
    const r = await extractFiles({ inputs: [LETTER], format: 'csv', output });
    assert.equal(r.output, output);
    assert.equal(fs.statSync(output).mode & 0o777, 0o600);
    assert.deepEqual(partials(dir), []);
    // Replacing an existing, world-readable file gives a 0600 file too.
    fs.chmodSync(output, 0o644);
    await extractFiles({ inputs: [LETTER], format: 'csv', output, overwrite: true });
    assert.equal(fs.statSync(output).mode & 0o777, 0o600);
  });

  test('a link planted at the old, predictable temporary name is never followed', async () => {
    const dir = folder('planted');
    const victim = path.join(scratch, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    const output = path.join(dir, 'letters.csv');
    // Earlier versions wrote to .<name>.<server pid>.partial, opened with "w": a link there was followed.
    fs.symlinkSync(victim, path.join(dir, `.letters.csv.${server.child.pid}.partial`));
    const r = await extractFiles({ inputs: [LETTER], format: 'csv', output });
    assert.equal(r.output, output);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious', 'the file the link points to is untouched');
    assert.match(fs.readFileSync(output, 'utf8'), /^File,/);
  });

  test('a link at the output: refused without consent (even a dangling one); with consent the link is replaced, not what it points to', async () => {
    const dir = folder('link-output');
    const victim = path.join(scratch, 'victim2.txt');
    fs.writeFileSync(victim, 'precious');
    const output = path.join(dir, 'letters.csv');
    fs.symlinkSync(victim, output);
    const refused = await extractFiles({ inputs: [LETTER], format: 'csv', output });
    assert.match(refused.refused ?? '', /already exists/);
    const dangling = path.join(dir, 'dangling.csv');
    fs.symlinkSync(path.join(scratch, 'nothing-here.txt'), dangling);
    const refused2 = await extractFiles({ inputs: [LETTER], format: 'csv', output: dangling });
    assert.match(refused2.refused ?? '', /already exists/);
    assert.ok(!fs.existsSync(path.join(scratch, 'nothing-here.txt')), 'nothing created through the dangling link');
    const replaced = await extractFiles({ inputs: [LETTER], format: 'csv', output, overwrite: true });
    assert.equal(replaced.output, output);
    assert.ok(fs.lstatSync(output).isFile(), 'the output is now a file of its own');
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious');
    assert.deepEqual(partials(dir), []);
  });

  test('temporary files of killed runs are removed; one of a run still going is kept', async () => {
    const dir = folder('stale');
    const output = path.join(dir, 'letters.jsonl');
    // A process id that has certainly ended: a child that ran and exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    const stale = [`.letters.jsonl.${deadPid}.partial`, `.letters.jsonl.${deadPid}.0123456789abcdef.partial`];
    for (const n of stale) fs.writeFileSync(path.join(dir, n), '{"caseNumber":"health data of a killed run"}\n');
    const running = `.letters.jsonl.${process.pid}.fedcba9876543210.partial`;
    fs.writeFileSync(path.join(dir, running), 'still being written');
    const unrelated = '.other.jsonl.1.partial';
    fs.writeFileSync(path.join(dir, unrelated), 'not ours');
    const r = await extractFiles({ inputs: [LETTER], format: 'jsonl', output });
    assert.equal(r.output, output);
    assert.deepEqual(partials(dir).sort(), [running, unrelated].sort());
  });

  test('a FIFO among the letters is listed as a failure; the run completes and leaves no temporary file', async () => {
    const dir = folder('fifo');
    const letters = folder('fifo/letters');
    fs.copyFileSync(LETTER, path.join(letters, 'a.txt'));
    const fifo = path.join(letters, 'b-pipe.txt');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const output = path.join(dir, 'out.jsonl');
    const r = await Promise.race([
      extractFiles({ inputs: [fifo, path.join(letters, 'a.txt')], format: 'jsonl', output }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Extract All blocked on a FIFO')), 30_000).unref()),
    ]);
    assert.equal(r.output, output);
    assert.equal(r.letters, 1);
    assert.deepEqual(r.failures.map((f) => [path.basename(f.file), /not a regular file/.test(f.reason)]), [['b-pipe.txt', true]]);
    assert.deepEqual(partials(dir), []);
  });
});
