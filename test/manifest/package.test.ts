/**
 * The README, package.json `contributes` and the code agree: every setting the code reads is
 * declared, every declared command is registered by the client, every rule has a severity setting.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/core';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DEFAULT_LIBRARY_SETTINGS } from '../../server/src/library-protocol';
import { ROOT } from '../paths';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const props: Record<string, { default?: unknown; enum?: string[]; properties?: Record<string, { default: string }> }> =
  pkg.contributes.configuration.properties;
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const clientDir = path.join(ROOT, 'client', 'src');
/** Every module of the client, where commands are registered. */
const clientSource = fs
  .readdirSync(clientDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => fs.readFileSync(path.join(clientDir, f), 'utf8'))
  .join('\n');

describe('package.json, code and README agree', () => {
  test('every server setting is declared with the same default', () => {
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      const declared = props[`imr.${key}`];
      assert.ok(declared, `imr.${key} is not declared in package.json`);
      assert.deepEqual(declared.default, value, `default of imr.${key}`);
    }
  });

  test('every letter library setting is declared with the same default', () => {
    for (const [key, value] of Object.entries(DEFAULT_LIBRARY_SETTINGS)) {
      const declared = props[`imr.library.${key}`];
      assert.ok(declared, `imr.library.${key} is not declared in package.json`);
      assert.deepEqual(declared.default, value, `default of imr.library.${key}`);
    }
  });

  test('every rule has a severity setting with its default, and nothing else does', () => {
    const severity = props['imr.severity'].properties!;
    assert.deepEqual(Object.keys(severity).sort(), RULES.map((r) => r.code).sort());
    for (const r of RULES) assert.equal(severity[r.code].default, r.defaultSeverity, r.code);
  });

  test('every contributed command is registered by the client and named in the README', () => {
    for (const c of pkg.contributes.commands as { command: string; title: string; category: string }[]) {
      assert.ok(clientSource.includes(`'${c.command}'`), `${c.command} is not registered in client/src`);
      assert.equal(c.category, 'IMR');
      assert.ok(readme.includes(c.title), `README does not mention "${c.title}"`);
    }
  });

  test('every setting is named in the README', () => {
    for (const key of Object.keys(props)) assert.ok(readme.includes(key), `README does not mention ${key}`);
  });

  test('every rule code is listed in the README', () => {
    for (const r of RULES) assert.ok(readme.includes(`\`${r.code}\``), `README does not list ${r.code}`);
  });

  test('menus and activation refer to declared commands and the imr language', () => {
    const commands = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const entries of Object.values(pkg.contributes.menus) as { command: string }[][]) {
      for (const e of entries) assert.ok(commands.has(e.command), `menu entry ${e.command} is not a declared command`);
    }
    assert.ok(pkg.activationEvents.includes('onLanguage:imr'));
    assert.equal(pkg.contributes.languages[0].id, 'imr');
  });
});
