/**
 * The PDF reader as a child process (isolated.ts starts it): when this bundle (dist/pdf.js) is
 * run with `--imr-pdf-reader` and an IPC channel, it reads each PDF it is sent and answers with the
 * result. pdf.js runs in that process, so a PDF that takes too long or needs too much memory ends
 * that process only (Node ends it at its heap limit; the host ends it at the time limit or on
 * cancel), never its host.
 */
import { extractPdfText, PdfTextOptions, PdfTextResult } from './extract';
import { loadPdfJs } from './pdfjs';

export interface PdfJob {
  id: number;
  bytes: Uint8Array;
  options: Omit<PdfTextOptions, 'signal'>;
}

export interface PdfJobResult {
  id: number;
  result: PdfTextResult;
}

/** Sent once pdf.js is loaded: the host counts a PDF's time from then on. */
export interface PdfReaderReady {
  ready: true;
}

/** The command-line flag that makes this bundle serve as the reader process. */
export const READER_FLAG = '--imr-pdf-reader';

if (typeof process.send === 'function' && process.argv.includes(READER_FLAG)) {
  const send = process.send.bind(process);
  // pdf.js loads once, before the first PDF's time starts (a failure to load is that PDF's answer).
  void loadPdfJs().then(
    () => send({ ready: true } satisfies PdfReaderReady),
    () => send({ ready: true } satisfies PdfReaderReady),
  );
  process.on('message', (job: PdfJob) => {
    void extractPdfText(job.bytes, job.options).then((result) => send({ id: job.id, result } satisfies PdfJobResult));
  });
  // The host went away (closed, killed): nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
}
