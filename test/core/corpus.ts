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
