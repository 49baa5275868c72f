// The esbuild options of every Node bundle the extension ships (scripts/build.mjs), shared with
// the benchmarks so that they measure the code as it is shipped.

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

/** The PDF reader's bundle: no import.meta.url (given one, pdf.js would load the optional native
 *  @napi-rs/canvas). */
export const pdfBundle = { ...nodeBundle, define: {}, banner: {} };

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
