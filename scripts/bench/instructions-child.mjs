// The workload bench-instructions.mjs counts: PASSES passes over the corpus texts with the core
// bundle BUNDLE, each text parsed and (MODE diag) every letter diagnosed with the default settings.
// PASSES 0 loads the bundle and reads the texts only: the count to subtract. TEXTS, when given,
// takes that many corpus texts spread over it (spreadSample) instead of all of them.
//   node scripts/bench/instructions-child.mjs ROOT BUNDLE MODE PASSES [TEXTS]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { corpusFiles, spreadSample } from './util.mjs';

const [root, bundle, mode, passes, sample] = process.argv.slice(2);
const core = createRequire(import.meta.url)(bundle);
const texts = spreadSample(corpusFiles(root), Number(sample)).map((f) => readFileSync(f, 'utf8'));
let sink = 0;
const pass =
  mode === 'parse'
    ? () => texts.forEach((t) => (sink += core.parseDocument(t).length))
    : () => texts.forEach((t) => core.parseDocument(t).forEach((l) => (sink += core.diagnose(l, t).length)));
for (let k = 0; k < Number(passes); k++) pass();
console.log(sink);
