// The esbuild options of every Node bundle the extension ships (scripts/build.mjs), shared with
// the benchmarks so that they measure the code as it is shipped.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** CommonJS for Node 20, minified, `vscode` external. */
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  external: ['vscode'],
  logLevel: 'warning',
  legalComments: 'none',
  // ESM dependencies read import.meta.url; in a CommonJS bundle it comes from __filename.
  define: { 'import.meta.url': '__imr_import_meta_url' },
  banner: { js: "var __imr_import_meta_url = require('url').pathToFileURL(__filename).href;" },
};

/**
 * pdf.js decodes streams (Flate and the other filters) in two ways: into one buffer that doubles
 * as it grows (`DecodeStream.ensureBuffer`), and, for Flate content streams and fonts, with the
 * platform's `DecompressionStream`, whose chunks `FlateStream.asyncGetBytes` collects. A Flate bomb
 * makes either grow to gigabytes, outside the V8 heap where no heap limit applies. This plugin
 * makes both charge what they are about to hold to the decode budget of server/src/pdf/budget.ts,
 * which throws past its limits. The build fails if pdf.js no longer has the code this expects (a
 * pdfjs-dist update): the limit must not silently vanish.
 */
const PATCHES = [
  {
    what: 'DecodeStream.ensureBuffer allocation',
    find: /(\n  ensureBuffer\(requested\) \{\n(?:.*\n){1,12}?)(    const buffer2 = new Uint8Array\(size\);\n)/,
    replace: '$1    __imrChargeDecodedBytes(size, size);\n$2',
  },
  {
    what: 'FlateStream.asyncGetBytes chunk',
    find: /(\n  async asyncGetBytes\(\) \{\n(?:.*\n){1,20}?        totalLength \+= chunk\.byteLength;\n)/,
    replace: '$1        __imrChargeDecodedBytes(totalLength, chunk.byteLength);\n',
  },
];

export const decodeBudgetPlugin = {
  name: 'imr-pdf-decode-budget',
  setup(build) {
    build.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.worker\.mjs$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      for (const p of PATCHES) {
        const found = source.match(new RegExp(p.find.source, 'g'))?.length ?? 0;
        if (found !== 1) {
          return { errors: [{ text: `pdf.worker.mjs: expected one ${p.what} to limit, found ${found}; update scripts/bundle-options.mjs` }] };
        }
        source = source.replace(p.find, p.replace);
      }
      const budget = JSON.stringify(join(root, 'server/src/pdf/budget.ts'));
      return { contents: `import { chargeDecodedBytes as __imrChargeDecodedBytes } from ${budget};\n${source}`, loader: 'js' };
    });
  },
};

/** The PDF reader's bundle: no import.meta.url (given one, pdf.js would load the optional native
 *  @napi-rs/canvas), and pdf.js's stream decoding charged to the decode budget. */
export const pdfBundle = { ...nodeBundle, define: {}, banner: {}, plugins: [decodeBudgetPlugin] };

/** The Insights webview's script (a browser, no Node) and stylesheet. */
export const webviewBundle = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome114',
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
};
