/**
 * How many bytes pdf.js may decode (inflate, and every other stream filter) for the document being
 * read. A Flate bomb is a small file whose streams inflate to gigabytes; pdf.js decodes a stream
 * into a growing buffer or a list of chunks, neither of which is V8 heap, so no heap limit stops
 * it. The PDF bundle (scripts/bundle-options.mjs, `decodeBudgetPlugin`) makes both call
 * `chargeDecodedBytes` first: a stream that would grow past the per-stream limit, or a document
 * whose decoding would pass the total, throws instead.
 *
 * Only the bundle (dist/pdf.js) is patched; the tsc output (out/, some tests) loads pdf.js
 * unpatched from node_modules, where this budget is never charged.
 */

/** The budget of one document; documents are read one at a time (extract.ts queues them). */
let budget: { perStream: number; total: number; used: number; exceeded: boolean } | null = null;

export class DecodeLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeLimitError';
  }
}

/** Starts the budget of a document (replacing any previous one). */
export function startDecodeBudget(perStream: number, total: number): void {
  budget = { perStream, total, used: 0, exceeded: false };
}

/** Ends the current document's budget; returns whether it was exceeded. */
export function endDecodeBudget(): boolean {
  const exceeded = budget?.exceeded === true;
  budget = null;
  return exceeded;
}

/** Whether the current document has exceeded its budget (pdf.js may have swallowed the error). */
export function decodeBudgetExceeded(): boolean {
  return budget?.exceeded === true;
}

/**
 * Called by pdf.js (patched) before a stream's decoded data grows: `streamBytes` is what the
 * stream will then hold, `added` the bytes newly allocated (the whole new buffer when a buffer
 * grows, the new chunk when chunks are collected).
 */
export function chargeDecodedBytes(streamBytes: number, added: number): void {
  if (!budget) return;
  if (!budget.exceeded) {
    budget.used += added;
    if (streamBytes <= budget.perStream && budget.used <= budget.total) return;
    budget.exceeded = true;
  }
  // Once exceeded, every further decode fails at once, so pdf.js stops instead of retrying.
  throw new DecodeLimitError('decoded data over the limit');
}
