/**
 * Known advisories in the dependency tree (package-lock.json) stay fixed: every installed version
 * of a package with an advisory is one its fix covers. Both are development dependencies (through
 * mocha, pinned by package.json `overrides`; vscode-tmgrammar-test); nothing here ships, but a
 * developer's machine runs them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../paths';

type Version = [number, number, number];
const parse = (v: string): Version => v.split(/[.+-]/).slice(0, 3).map(Number) as Version;
const atLeast = (v: Version, min: Version) => v[0] !== min[0] ? v[0] > min[0] : v[1] !== min[1] ? v[1] > min[1] : v[2] >= min[2];

/** Per package: the fixed version of each major line (a major line not listed is fixed from the last one). */
const FIXED: Record<string, { advisory: string; fixed: Version[] }> = {
  // parsePatch / applyPatch loop forever on \r, \u2028, \u2029 in file name headers.
  diff: { advisory: 'GHSA-73rr-hh4g-fpgx', fixed: [[3, 5, 1], [4, 0, 4], [5, 2, 2], [8, 0, 3]] },
  // Code injection through RegExp.flags and Date; CPU exhaustion through array-like objects.
  'serialize-javascript': { advisory: 'GHSA-5c6j-r48x-rmvq, GHSA-qj8w-gfj5-8c6v', fixed: [[7, 0, 5]] },
};

function isFixed(version: Version, fixed: Version[]): boolean {
  const sameMajor = fixed.find((f) => f[0] === version[0]);
  if (sameMajor) return atLeast(version, sameMajor);
  const last = fixed[fixed.length - 1];
  return version[0] > last[0];
}

test('no installed version of a package with a known advisory is one its fix does not cover', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const seen: string[] = [];
  for (const [where, entry] of Object.entries(lock.packages)) {
    const name = where.split('node_modules/').pop() ?? '';
    const known = FIXED[name];
    if (!known || !entry.version) continue;
    seen.push(`${where}@${entry.version}`);
    assert.ok(isFixed(parse(entry.version), known.fixed), `${where} ${entry.version} has ${known.advisory}`);
  }
  assert.ok(seen.some((s) => s.includes('mocha/node_modules/diff') || s.startsWith('node_modules/diff@')), `diff found: ${seen.join(', ')}`);
  assert.ok(isFixed([7, 0, 0], FIXED.diff.fixed) === false && isFixed([9, 0, 0], FIXED.diff.fixed) && isFixed([4, 0, 4], FIXED.diff.fixed));
});
