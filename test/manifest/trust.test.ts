/**
 * Workspace trust: a folder someone else made can hold `.vscode/settings.json`. The extension
 * declares limited support for untrusted workspaces, and every setting that names something to
 * read (a file, a path, a folder, a glob) or raises logging of letter text is restricted, so VS
 * Code ignores a workspace's value of it until the user trusts the workspace. This test finds such
 * settings by their names and descriptions, so a new one cannot be added unrestricted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../paths';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const props: Record<string, { type?: string | string[]; description?: string; markdownDescription?: string }> = pkg.contributes.configuration.properties;
const trust = pkg.capabilities.untrustedWorkspaces as { supported: unknown; description?: string; restrictedConfigurations?: string[] };
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Settings that name something to read or raise logging, found by name and description. */
function sensitive(): string[] {
  return Object.entries(props)
    .filter(([key, p]) => {
      if (/file|path|folder|director|glob|trace|log/i.test(key.replace(/^imr\./, ''))) return true;
      const words = `${p.description ?? ''} ${p.markdownDescription ?? ''}`;
      const types = ([] as string[]).concat(p.type ?? []);
      return (types.includes('string') || types.includes('array')) && /\b(paths?|folders?|directories|directory|glob|log(s|ged|ging)?)\b/i.test(words);
    })
    .map(([key]) => key)
    .sort();
}

test('untrusted workspaces: limited support, with a description', () => {
  assert.equal(trust.supported, 'limited');
  assert.ok(trust.description && trust.description.length > 40);
});

test('every setting that names a path or raises logging is restricted, and only declared settings are', () => {
  const restricted = [...(trust.restrictedConfigurations ?? [])].sort();
  for (const key of ['imr.knowledgeFile', 'imr.trace.server']) assert.ok(restricted.includes(key), `${key} must be restricted`);
  for (const key of sensitive()) assert.ok(restricted.includes(key), `${key} names a path or raises logging: add it to restrictedConfigurations`);
  for (const key of restricted) assert.ok(props[key], `${key} is restricted but not declared`);
});

test('the README states the trust model and names every restricted setting there', () => {
  const at = readme.indexOf('### Workspace trust');
  assert.ok(at >= 0, 'README has a "Workspace trust" section');
  const section = readme.slice(at, readme.indexOf('\n#', at + 5));
  for (const key of trust.restrictedConfigurations ?? []) assert.ok(section.includes(key), `the trust section names ${key}`);
});
