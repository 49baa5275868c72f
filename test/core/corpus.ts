/** Every fixture text, for tests that run over the whole corpus. */
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES } from '../paths';

export interface FixtureText {
  /** Path relative to test/fixtures, e.g. `letters/layout/2017_format1b_CM16-0239569.txt`. */
  name: string;
  text: string;
}

let cache: FixtureText[] | undefined;

export function fixtureTexts(): FixtureText[] {
  if (cache) return cache;
  const out: FixtureText[] = [];
  for (const dir of ['seeds', 'letters', 'letters/layout']) {
    for (const f of fs.readdirSync(path.join(FIXTURES, dir)).sort()) {
      if (!f.endsWith('.txt')) continue;
      out.push({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(FIXTURES, dir, f), 'utf8') });
    }
  }
  return (cache = out);
}

let tools: FixtureText[] | undefined;

/** Every text another PDF tool printed (test/fixtures/tools/<tool>/*.txt), named as `fixtureTexts` names its texts. */
export function toolTexts(): FixtureText[] {
  if (tools) return tools;
  const root = path.join(FIXTURES, 'tools');
  const out: FixtureText[] = [];
  for (const tool of fs.readdirSync(root).sort()) {
    const dir = path.join(root, tool);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.txt')) out.push({ name: `tools/${tool}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') });
  }
  return (tools = out);
}
