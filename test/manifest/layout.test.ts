/**
 * The core's layout as the README's "How it is built" describes it: a pure core (text in, letter
 * model out) that imports nothing but its own files (no `vscode`, no language-server library, no
 * Node module: it runs the same in the server, the CLI's workers and the tests) and the bundled
 * data it reads (the JSON files under `server/knowledge`), in files small enough to read at once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { ROOT } from '../paths';

const CORE = path.join(ROOT, 'server', 'src', 'core');
const DATA = path.join(ROOT, 'server', 'knowledge');

/** Longest core file, in lines: "about 400" with room for a comment or two. */
const MAX_CORE_LINES = 450;

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) tsFiles(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Module specifiers of a file's imports and re-exports (static and dynamic) and its `require`s, as the compiler reads them. */
function specifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** Whether `target` (an absolute path) is a core file or the bundled data. */
function allowed(target: string): boolean {
  const inside = (dir: string) => !path.relative(dir, target).startsWith('..');
  return inside(CORE) || (inside(DATA) && target.endsWith('.json'));
}

describe('the core layout', () => {
  const files = tsFiles(CORE);

  test('the specifier reader finds every kind of import', () => {
    const found = specifiers("import a from './a';\nimport './b';\nexport { c } from \"../c\";\nconst d = require('fs');\nconst s = 'x from \"y\"';\nawait import('vscode');\n");
    assert.deepEqual(found, ['./a', './b', '../c', 'fs', 'vscode']);
  });

  test('every core file imports only core files', () => {
    assert.ok(files.length > 50, `only ${files.length} core files found`);
    const outside: string[] = [];
    for (const f of files) {
      for (const s of specifiers(fs.readFileSync(f, 'utf8'))) {
        const target = s.startsWith('.') ? path.resolve(path.dirname(f), s) : null;
        if (!target || !allowed(target)) outside.push(`${path.relative(ROOT, f)}: ${s}`);
      }
    }
    assert.deepEqual(outside, []);
  });

  test(`no core file is longer than ${MAX_CORE_LINES} lines`, () => {
    const long = files
      .map((f) => ({ file: path.relative(ROOT, f), lines: fs.readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > MAX_CORE_LINES);
    assert.deepEqual(long, []);
  });
});
