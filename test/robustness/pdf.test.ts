// @run-alone: it asserts on PDF reading time ratios between input sizes.
/**
 * The PDF reader (dist/pdf.js, as the server and the CLI load it) in linear time on odd PDFs: one
 * baseline holding thousands of text runs, either as one long run of words or as thousands of
 * separate cells (what a table reader sees as thousands of columns). Eight times the runs in one
 * chunk may take at most twenty times as long (linear is 8, quadratic 64); the same runs as
 * separate cells at most five times as long as in one chunk (the PDF work is the same). CPU time of this process (pdf.js runs in
 * it), fastest of two runs; a ratio a little over is measured again.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { DIST } from '../paths';
import { pdfFromObjects as pdf } from '../pdf/pdf-builder';
import { cpuNow } from './sizes';

type ExtractPdfText = (bytes: Uint8Array, options?: { maxBytes?: number; maxPageItems?: number }) => Promise<{ ok: boolean; text?: string; message?: string }>;

/** One page whose single baseline holds `runs` words, each `advance` points after the last. */
function oneLine(runs: number, advance: number): Uint8Array {
  let content = 'BT /F1 10 Tf 72 700 Td ';
  for (let k = 0; k < runs; k++) content += `(word${k % 10}  ) Tj ${advance} 0 Td `;
  content += 'ET';
  return pdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${advance * runs + 200} 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ]);
}

async function fastestCpu(read: ExtractPdfText, bytes: Uint8Array, runs: number): Promise<number> {
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const c0 = cpuNow();
    // 16,000 words as cells of their own are some 32,000 pieces of text on one page, over the
    // reader's limit for a page (limits.ts): lifted here, where reading time is what is measured.
    const r = await read(bytes, { maxBytes: 1 << 30, maxPageItems: 1_000_000 });
    best = Math.min(best, cpuNow() - c0);
    assert.ok(r.ok && r.text, r.message);
  }
  return best;
}

/**
 * The CPU times of a base reading and a larger one, and their ratio: when the ratio lands a little
 * over `bound` (under twice it, as noise on a shared machine can make it), both are measured again
 * and the fastest kept.
 */
async function timedRatio(base: () => Promise<number>, larger: () => Promise<number>, bound: number) {
  let tBase = await base();
  let tLarger = await larger();
  if (tLarger / tBase >= bound && tLarger / tBase < 2 * bound) {
    tBase = Math.min(tBase, await base());
    tLarger = Math.min(tLarger, await larger());
  }
  return { tBase, tLarger, ratio: tLarger / tBase };
}

describe('PDF reader: one baseline with thousands of runs', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { extractPdfText } = require(path.join(DIST, 'pdf.js')) as { extractPdfText: ExtractPdfText };
  const SMALL = 2000;
  const LARGE = 16_000;
  const BOUND = 20;
  const CELLS_FACTOR = 5;

  // 30 points apart the words touch: one long chunk of text on one line.
  test(`words run together into one chunk: x8 the runs, less than x${BOUND} the time`, async (t) => {
    const small = oneLine(SMALL, 30);
    const large = oneLine(LARGE, 30);
    await fastestCpu(extractPdfText, small, 1);
    const { tBase: tSmall, tLarger: tLarge, ratio } = await timedRatio(
      () => fastestCpu(extractPdfText, small, 2),
      () => fastestCpu(extractPdfText, large, 1),
      BOUND,
    );
    t.diagnostic(`${SMALL} runs: ${tSmall.toFixed(0)} ms; ${LARGE} runs: ${tLarge.toFixed(0)} ms CPU (x${ratio.toFixed(1)})`);
    assert.ok(ratio < BOUND, `reading time grew x${ratio.toFixed(1)} for x8 the runs (${tSmall.toFixed(0)} ms -> ${tLarge.toFixed(0)} ms)`);
  });

  // 40 points apart each word is a cell of its own: the table reader sees one row of many columns.
  // The same words and runs as the chunk above, so the PDF work is the same; only the layout differs.
  test(`${LARGE} words far apart (each its own cell) read in at most ${CELLS_FACTOR} times the time of the same words run together`, async (t) => {
    const chunk = oneLine(LARGE, 30);
    const cells = oneLine(LARGE, 40);
    await fastestCpu(extractPdfText, oneLine(SMALL, 40), 1);
    const { tBase: tChunk, tLarger: tCells, ratio } = await timedRatio(
      () => fastestCpu(extractPdfText, chunk, 1),
      () => fastestCpu(extractPdfText, cells, 1),
      CELLS_FACTOR,
    );
    t.diagnostic(`${LARGE} runs in one chunk: ${tChunk.toFixed(0)} ms; as ${LARGE} cells: ${tCells.toFixed(0)} ms CPU (x${ratio.toFixed(1)})`);
    assert.ok(ratio < CELLS_FACTOR, `${LARGE} cells took x${ratio.toFixed(1)} the time of the same runs in one chunk (${tChunk.toFixed(0)} ms -> ${tCells.toFixed(0)} ms)`);
  });
});
