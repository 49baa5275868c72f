/**
 * Golden files: for every fixture text, the extraction record (the documented schema) and the
 * outline are compared with test/golden/<fixture>.json. A change in parsing shows up as a diff
 * in review. Regenerate deliberately with `UPDATE_GOLDEN=1 npm test`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { letterRecord, LineIndex, outline, OutlineNode, parseLetter } from '../../server/src/core';
import { ROOT } from '../paths';
import { fixtureTexts } from './corpus';

const GOLDEN = path.join(ROOT, 'test', 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function compactOutline(nodes: readonly OutlineNode[], lines: LineIndex): unknown[] {
  return nodes.map((n) => ({
    name: n.name,
    detail: n.detail,
    kind: n.kind,
    lines: [lines.positionAt(n.span.start).line + 1, lines.positionAt(n.span.end).line + 1],
    ...(n.children.length ? { children: compactOutline(n.children, lines) } : {}),
  }));
}

describe('golden extraction and outline', () => {
  for (const f of fixtureTexts()) {
    test(f.name, () => {
      const letter = parseLetter(f.text);
      const lines = new LineIndex(f.text);
      const actual = {
        record: letterRecord(letter, f.text, f.name, letter.problems, lines),
        outline: compactOutline(outline(letter), lines),
      };
      const file = path.join(GOLDEN, f.name.replace(/\//g, '__').replace(/\.txt$/, '.json'));
      const json = JSON.stringify(actual, null, 1) + '\n';
      if (update || !fs.existsSync(file)) {
        if (!update) assert.fail(`no golden file ${path.relative(ROOT, file)}; run with UPDATE_GOLDEN=1 to create it`);
        fs.mkdirSync(GOLDEN, { recursive: true });
        fs.writeFileSync(file, json);
        return;
      }
      assert.deepEqual(actual, JSON.parse(fs.readFileSync(file, 'utf8')));
    });
  }
});
