/**
 * Loads the PDF reader on first use, without pulling pdf.js into the bundle that calls it.
 *
 * In the bundles, the reader is its own file, dist/pdf.js (scripts/build.mjs), next to
 * dist/server.js and dist/cli.js, so the server and the CLI start without parsing pdf.js and
 * pdf.js is bundled without the `import.meta.url` definition the other bundles get (with it,
 * pdf.js would find node_modules and load the optional native `@napi-rs/canvas`). In the tsc
 * output (out/, the tests) this folder's index.js is loaded instead. The path is computed, so
 * esbuild leaves the require alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as PdfReader from './index';

export type { PdfReader };

let reader: typeof PdfReader | undefined;

export function loadPdfReader(): typeof PdfReader {
  if (!reader) {
    const bundled = path.join(__dirname, 'pdf.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    reader = require(fs.existsSync(bundled) ? bundled : path.join(__dirname, 'index.js')) as typeof PdfReader;
  }
  return reader;
}
