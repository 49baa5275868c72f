/**
 * Loads pdf.js (pdfjs-dist, legacy build for Node) once, on first use.
 *
 * pdfjs-dist is ESM only. `import()` is kept as is by tsc (module node16 leaves dynamic imports
 * alone in CommonJS output) and is resolved and inlined by esbuild in the bundles, so the same
 * source works from out/ and from dist/. The worker module is imported first: it publishes
 * `globalThis.pdfjsWorker`, and pdf.js then runs its worker code on the main thread (in Node it
 * never starts a worker thread), without loading a worker file by URL at run time.
 *
 * Nothing native is needed: Node lacks the `DOMMatrix` pdf.js 5 constructs on import, and a pure
 * JavaScript one is installed first (dommatrix.ts) so pdf.js never needs `@napi-rs/canvas`.
 */
import { ensureDomMatrix } from './dommatrix';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });

let loading: Promise<PdfJs> | null = null;

/** Messages pdf.js prints while it initialises in Node about optional rendering polyfills
 *  (@napi-rs/canvas, DOMMatrix, ImageData, Path2D). Text extraction uses none of them. */
const LOAD_NOISE = /^Warning: Cannot (load "@napi-rs\/canvas"|access the `require` function|polyfill `(DOMMatrix|ImageData|Path2D)`)/;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= importPdfJs().catch((e: unknown) => {
    loading = null; // let a later call try again
    throw e;
  });
  return loading;
}

async function importPdfJs(): Promise<PdfJs> {
  // Before the import: pdf.js constructs a DOMMatrix while its module initialises.
  ensureDomMatrix();
  // The legacy build's core-js replaces Array.prototype.push with a JavaScript one wherever push
  // does not throw on an array whose length is read-only (Node 20's V8 does not), for that case
  // alone, which pdf.js never meets. Reading runs through push millions of times: with the native
  // one back, reading 15 corpus PDFs takes 8.6% fewer machine instructions (callgrind).
  const push = Object.getOwnPropertyDescriptor(Array.prototype, 'push');
  // pdf.js reports its optional polyfills with console.warn while its module initialises, before
  // any `verbosity` option can apply; drop exactly those lines, pass everything else through.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && LOAD_NOISE.test(args[0])) return;
    warn.apply(console, args);
  };
  try {
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  } finally {
    console.warn = warn;
    if (push) Object.defineProperty(Array.prototype, 'push', push);
  }
}
