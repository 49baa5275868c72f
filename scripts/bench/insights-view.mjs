// The Insights panel over a folder of letters, as VS Code shows it, without VS Code:
//  - the server's part: dist/server.js over stdio answers `imr.server.insights` for the folder
//    (what the panel waits for: every file read, the counts and each row's items), timed from
//    request to answer;
//  - the page's part: the panel's own page (client/src/insights-html.ts, its content security
//    policy included) with dist/insights-view.js and .css, in Debian's Chromium driven by
//    playwright-core; the server's answer is posted to it as the extension posts it, and the page
//    reports (its `rendered` message) the milliseconds from the data's arrival to the first chart
//    drawn and to every chart. `acquireVsCodeApi` is the only stand-in: it hands the page's
//    messages to this script.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { CHROMIUM_ARGS, chromiumPath } from '../vscode-tools.mjs';
import { median, startServer } from './util.mjs';

export async function insightsPanel(root, folder, { runs = 3 } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'imr-bench-insights-'));
  try {
    const serverMs = [];
    let result;
    for (let r = 0; r < runs; r++) {
      const t = await serverInsights(root, folder);
      serverMs.push(t.ms);
      result = t.result;
    }
    if (!existsSync(chromiumPath())) throw new Error(`no Chromium at ${chromiumPath()} (Debian package chromium; CHROMIUM_PATH names another)`);
    // The page as the panel builds it, from the panel's own module.
    const htmlModule = join(tmp, 'insights-html.mjs');
    await esbuild.build({ entryPoints: [join(root, 'client/src/insights-html.ts')], bundle: true, format: 'esm', platform: 'node', outfile: htmlModule, logLevel: 'error' });
    const { insightsPage } = await import(pathToFileURL(htmlModule).href);
    const page = join(tmp, 'insights.html');
    writeFileSync(
      page,
      insightsPage({
        cspSource: 'file:',
        script: pathToFileURL(join(root, 'dist', 'insights-view.js')).href,
        style: pathToFileURL(join(root, 'dist', 'insights-view.css')).href,
        nonce: 'YmVuY2gtbm9uY2UtdmFsdWU',
      }),
    );
    const require = createRequire(join(root, 'package.json'));
    const { chromium } = require('playwright-core');
    const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    const first = [];
    const all = [];
    let charts = [];
    try {
      for (let r = 0; r < runs; r++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
        const tab = await context.newPage();
        const errors = [];
        tab.on('pageerror', (e) => errors.push(String(e)));
        tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        let ready;
        let rendered;
        const isReady = new Promise((resolve) => (ready = resolve));
        const isRendered = new Promise((resolve) => (rendered = resolve));
        await tab.exposeFunction('__imrFromView', (m) => {
          if (m?.type === 'ready') ready();
          else if (m?.type === 'rendered') rendered(m);
        });
        await tab.addInitScript(() => {
          // eslint-disable-next-line no-undef
          window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__imrFromView(m) });
        });
        await tab.goto(pathToFileURL(page).href);
        await withTimeout(isReady, 60_000, () => `the page did not start: ${errors.join('; ')}`);
        await tab.evaluate((data) => window.postMessage({ type: 'data', result: data, scope: 'Benchmark folder' }, '*'), result);
        const m = await withTimeout(isRendered, 120_000, () => `no chart drawn: ${errors.join('; ')}`);
        if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
        first.push(m.firstChartMs);
        all.push(m.allChartsMs);
        charts = m.charts;
        await context.close();
      }
    } finally {
      await browser.close();
    }
    if (!charts.length || charts.some((c) => c.bars <= 0)) throw new Error(`charts drawn: ${JSON.stringify(charts)}`);
    return {
      letters: result.stats.letters,
      items: result.stats.items,
      files: result.files,
      dataMB: Buffer.byteLength(JSON.stringify(result)) / 1e6,
      serverMs: median(serverMs),
      firstChartMs: median(first),
      allChartsMs: median(all),
      charts: charts.length,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message())), ms))),
  ]);
}

/** One `imr.server.insights` request to a fresh server, timed from request to answer. */
async function serverInsights(root, folder) {
  const { p, connection, stderr, stop } = startServer(root);
  try {
    await connection.sendRequest(p.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: false } } });
    await connection.sendNotification(p.InitializedNotification.type, {});
    const t0 = performance.now();
    const result = await connection.sendRequest(p.ExecuteCommandRequest.type, { command: 'imr.server.insights', arguments: [{ inputs: [folder] }] });
    const ms = performance.now() - t0;
    if (!result?.stats || result.cancelled || result.failures.length) throw new Error(`imr.server.insights: ${JSON.stringify(result).slice(0, 300)} ${stderr().slice(0, 300)}`);
    return { ms, result };
  } finally {
    await stop();
  }
}
