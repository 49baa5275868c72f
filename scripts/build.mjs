#!/usr/bin/env node
// Build: type-check and compile everything with tsc (out/, used by the tests), then bundle the
// client, the server and the CLI with esbuild (dist/, one file each, `vscode` external).
//   node scripts/build.mjs            tsc + bundles (minified, with source maps)
//   node scripts/build.mjs --bundle   bundles only
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { nodeBundle, pdfBundle, webviewBundle } from './bundle-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundleOnly = process.argv.includes('--bundle');

if (!bundleOnly) {
  rmSync(join(root, 'out'), { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  // The Insights webview's script runs in a browser: checked with the DOM's types.
  const view = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'client/webview')], { stdio: 'inherit' });
  if (view.status !== 0) process.exit(view.status ?? 1);
}

const common = nodeBundle;
await Promise.all([
  esbuild.build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'dist/client.js') }),
  // The language client, loaded by the client on first use (keeps activation fast).
  esbuild.build({ ...common, entryPoints: [join(root, 'client/src/lsp.ts')], outfile: join(root, 'dist/lsp.js') }),
  // IMR: Show Insights: the panel (loaded on the command's first use) and the webview's script and stylesheet.
  esbuild.build({ ...common, entryPoints: [join(root, 'client/src/insights-panel.ts')], outfile: join(root, 'dist/insights-panel.js') }),
  esbuild.build({ ...webviewBundle, entryPoints: [join(root, 'client/webview/insights.ts')], outfile: join(root, 'dist/insights-view.js') }),
  esbuild.build({ ...webviewBundle, entryPoints: [join(root, 'client/webview/insights.css')], outfile: join(root, 'dist/insights-view.css') }),
  esbuild.build({ ...common, entryPoints: [join(root, 'server/src/server.ts')], outfile: join(root, 'dist/server.js') }),
  // The PDF reader (pdf.js), run by the server and the CLI as a child process (server/src/pdf/isolated.ts).
  esbuild.build({ ...pdfBundle, entryPoints: [join(root, 'server/src/pdf/index.ts')], outfile: join(root, 'dist/pdf.js') }),
  // Bulk extraction's worker thread, started by the CLI and the server for large folders.
  esbuild.build({ ...common, entryPoints: [join(root, 'server/src/export/worker.ts')], outfile: join(root, 'dist/extract-worker.js') }),
  esbuild.build({ ...common, entryPoints: [join(root, 'server/src/workspace/index-worker.ts')], outfile: join(root, 'dist/index-worker.js') }),
  esbuild.build({
    ...common,
    entryPoints: [join(root, 'server/src/cli.ts')],
    outfile: join(root, 'dist/cli.js'),
    banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
  }),
]);
chmodSync(join(root, 'dist/cli.js'), 0o755);
console.log('built dist/client.js, dist/lsp.js, dist/insights-panel.js, dist/insights-view.js, dist/server.js, dist/pdf.js, dist/extract-worker.js, dist/index-worker.js, dist/cli.js');
