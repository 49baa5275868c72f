/**
 * Input that is not a readable letter PDF: each case gets its own failure code and a message a
 * person understands, quickly, and the extractor keeps working for the next PDF. Also the
 * size limits and cancellation.
 *
 * Fixtures in test/fixtures/bad-pdf/ (see its README for how each was made); the rest is built
 * here in memory.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { extractPdfText, PdfFailureCode, PdfTextResult } from '../../server/src/pdf';
import { FIXTURES } from '../paths';
import { buildPdf, buildRepeatedPdf, pdfFromObjects } from './pdf-builder';

const BAD = path.join(FIXTURES, 'bad-pdf');
const LETTER = path.join(FIXTURES, 'letters', 'pdf', 'CM16-0221706.pdf');
const LETTER_TEXT = path.join(FIXTURES, 'letters', '2016_format1b_CM16-0221706.txt');

/** A failure is expected within this time (generous: it includes loading pdf.js, ~0.3 s). */
const QUICK_MS = 5000;

function fixture(name: string): Uint8Array {
  return fs.readFileSync(path.join(BAD, name));
}

async function expectFailure(bytes: Uint8Array, code: PdfFailureCode, words: RegExp, options = {}): Promise<string> {
  const started = Date.now();
  const result: PdfTextResult = await extractPdfText(bytes, options);
  const elapsed = Date.now() - started;
  assert.equal(result.ok, false, 'extraction should fail');
  if (result.ok) return '';
  assert.equal(result.code, code, result.message);
  assert.match(result.message, words);
  // A sentence for a person: capitalised, ends with a full stop, one line, no stack trace.
  assert.match(result.message, /^[A-Z].*\.$/);
  assert.doesNotMatch(result.message, /\n|\bat .*:\d+:\d+/);
  assert.ok(elapsed < QUICK_MS, `took ${elapsed} ms`);
  return result.message;
}

/** Deterministic pseudo-random bytes. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('bad input', () => {
  test('0-byte file: empty', async () => {
    await expectFailure(fixture('empty.pdf'), 'empty', /empty \(0 bytes\)/);
    await expectFailure(new Uint8Array(0), 'empty', /empty/);
  });

  test('not a PDF at all (an HTML page, random bytes): not-pdf', async () => {
    await expectFailure(fixture('not-a-pdf.pdf'), 'not-pdf', /not a PDF/);
    await expectFailure(noise(4096, 7), 'not-pdf', /not a PDF/);
  });

  test('damaged PDF (truncated fixture, a corpus PDF cut short, a header then garbage): corrupt', async () => {
    await expectFailure(fixture('truncated.pdf'), 'corrupt', /damaged or incomplete/);
    const letter = fs.readFileSync(LETTER);
    for (const fraction of [0.25, 0.5, 0.75, 0.95]) {
      await expectFailure(letter.subarray(0, Math.floor(letter.length * fraction)), 'corrupt', /damaged/);
    }
    const garbage = new Uint8Array([...Buffer.from('%PDF-1.6\n'), ...noise(20000, 11)]);
    await expectFailure(garbage, 'corrupt', /damaged/);
  });

  test('PDF that needs a (non-empty) password: password', async () => {
    await expectFailure(fixture('password.pdf'), 'password', /protected by a password/);
  });

  test('PDF without a text layer (an image-only page, empty pages, no pages): no-text', async () => {
    await expectFailure(fixture('scanned.pdf'), 'no-text', /no text layer.*only page.*scanned/);
    await expectFailure(buildPdf([{}, {}, {}]), 'no-text', /none of its 3 pages/);
    const noPages = pdfFromObjects(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
    await expectFailure(noPages, 'no-text', /no pages/);
  });

  test('huge PDF: too-large, by page count (default limit) and by size', async () => {
    const huge = buildRepeatedPdf(5000, ['Case Number: CM16-0000000']);
    await expectFailure(huge, 'too-large', /5000 pages, over the 1000-page limit/);
    const letter = fs.readFileSync(LETTER);
    await expectFailure(letter, 'too-large', /over the 1 KB limit/, { maxBytes: 1000 });
    await expectFailure(letter, 'too-large', /2 pages, over the 1-page limit/, { maxPages: 1 });
  });

  test('encrypted with an empty user password and copying forbidden (like DWC letters): reads', async () => {
    const result = await extractPdfText(fixture('open-encrypted.pdf'));
    assert.deepEqual(result, {
      ok: true,
      text: 'HOW THE IMR FINAL DETERMINATION WAS MADE\nA generated test page.\n\n\f',
      pages: 1,
      pageOffsets: [0],
    });
  });

  test('the caller\'s buffer is left intact (pdf.js is given a copy)', async () => {
    const bytes = fs.readFileSync(LETTER);
    const copy = Buffer.from(bytes);
    assert.equal((await extractPdfText(bytes)).ok, true);
    assert.equal(bytes.byteLength, copy.byteLength, 'not detached');
    assert.equal(Buffer.compare(bytes, copy), 0, 'not modified');
  });

  test('nothing else breaks: bad and good PDFs read at the same time each get their own answer', async () => {
    const good = fs.readFileSync(LETTER);
    const results = await Promise.all([
      extractPdfText(fixture('truncated.pdf')),
      extractPdfText(good),
      extractPdfText(fixture('password.pdf')),
      extractPdfText(fixture('scanned.pdf')),
      extractPdfText(good),
    ]);
    assert.deepEqual(
      results.map((r) => (r.ok ? 'ok' : r.code)),
      ['corrupt', 'ok', 'password', 'no-text', 'ok'],
    );
    const expected = fs.readFileSync(LETTER_TEXT, 'utf8');
    assert.equal(results[1].ok && results[1].text, expected);
    assert.equal(results[4].ok && results[4].text, expected);
  });

  test('text of generated pages: page breaks kept, empty pages kept as empty pages', async () => {
    const result = await extractPdfText(buildPdf([{ lines: ['First (page)', 'physical thera-', 'py.'] }, {}, { lines: ['Third'] }]));
    assert.deepEqual(result, {
      ok: true,
      text: 'First (page)\nphysical therapy.\n\n\f\fThird\n\n\f',
      pages: 3,
      pageOffsets: [0, 33, 34],
    });
  });
});

describe('cancellation', () => {
  test('a signal aborted before the call: cancelled, without reading the PDF', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectFailure(fs.readFileSync(LETTER), 'cancelled', /cancelled/, { signal: controller.signal });
  });

  test('aborting while pages are being read: cancelled, long before the document is done', async () => {
    const lines = ['The request for physical therapy is not medically necessary.', 'Decision rationale: see above.'];
    const many = buildRepeatedPdf(800, lines);
    const full = await extractPdfText(many);
    assert.equal(full.ok && full.pages, 800, 'the document reads in full without a signal');

    const controller = new AbortController();
    // The extractor yields to the event loop between pages; this abort runs at the first yield.
    setImmediate(() => controller.abort());
    await expectFailure(many, 'cancelled', /cancelled/, { signal: controller.signal });
  });

  test('a signal that never aborts changes nothing; aborting after the end changes nothing', async () => {
    const controller = new AbortController();
    const result = await extractPdfText(fs.readFileSync(LETTER), { signal: controller.signal });
    controller.abort();
    assert.equal(result.ok && result.text, fs.readFileSync(LETTER_TEXT, 'utf8'));
  });

  test('after a cancellation the next extraction works', async () => {
    const controller = new AbortController();
    const pending = extractPdfText(fs.readFileSync(LETTER), { signal: controller.signal });
    controller.abort();
    const first = await pending;
    assert.equal(first.ok ? 'ok' : first.code, 'cancelled');
    const result = await extractPdfText(fs.readFileSync(LETTER));
    assert.equal(result.ok && result.text, fs.readFileSync(LETTER_TEXT, 'utf8'));
  });
});
