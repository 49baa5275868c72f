/**
 * pdf.js ships no declarations for its worker module. It is imported only for its side effect:
 * it publishes `globalThis.pdfjsWorker`, which pdf.js uses to run the worker code in-process.
 */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
