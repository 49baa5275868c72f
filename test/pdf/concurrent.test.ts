/**
 * Several PDFs read at the same time in one process (the server opening two letters, a bulk worker
 * with files in flight) each get their own text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { extractPdfText } from '../../server/src/pdf';
import { loadLetters } from '../core/manifest';

const letters = loadLetters().filter((l) => l.pdf !== null);

test('twelve PDFs extracted concurrently each equal their pdftotext text', async () => {
  const picks = letters.filter((_, i) => i % 8 === 0).slice(0, 12);
  const results = await Promise.all(picks.map((l) => extractPdfText(fs.readFileSync(l.pdf!))));
  results.forEach((r, k) => {
    assert.ok(r.ok, `${picks[k].file}: ${r.ok ? '' : r.message}`);
    assert.equal(r.ok && r.text, fs.readFileSync(picks[k].texts[0], 'utf8'), picks[k].file);
  });
});
