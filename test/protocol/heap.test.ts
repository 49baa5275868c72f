/**
 * The server's heap growth (server/src/lsp/heap.ts): set when the server starts, whatever editor
 * starts it, before it reads any document. The server is started with a preload that records what
 * it asks of V8.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import { rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { DIST } from '../paths';
import { HEAP_GROWING_PERCENT } from '../../server/src/lsp/heap';
import { tempDir } from '../temp';

test('the server sets its heap to grow to twice its live size before a full collection, at start', async () => {
  const dir = tempDir('imr-heap-');
  const spy = path.join(dir, 'spy.cjs');
  writeFileSync(
    spy,
    `const v8 = require('v8'); const set = v8.setFlagsFromString;
     v8.setFlagsFromString = (f) => { process.stderr.write('V8 FLAGS ' + f + '\\n'); return set(f); };`,
  );
  const child = spawn(process.execPath, ['--require', spy, path.join(DIST, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const flags = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
        const m = /V8 FLAGS (.*)\n/.exec(err);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`the server exited (${code}) without setting its heap growth: ${err}`)));
    });
    assert.equal(HEAP_GROWING_PERCENT, 100);
    assert.equal(flags, '--heap-growing-percent=100');
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
