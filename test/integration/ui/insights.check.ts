/**
 * The Insights panel in the web workbench, as a user meets it: IMR: Show Insights from the palette,
 * "Workspace" picked, the charts drawn in the webview; a click on a bar lists that bar's items and a
 * click on an item opens its letter; the keyboard opens a chart's table and lists a row's items.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { openWorkbench, SHARED, UI_WAIT_MS, UiCheck, UiContext } from './workbench';

const quickInput = (page: Page) => page.locator('.quick-input-widget');

/** The Insights webview's document (VS Code nests the page in two iframes). */
function insightsFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Opens the workbench on the fixture letters and shows Insights for the workspace; returns the webview. */
export async function showWorkspaceInsights(page: Page, ctx: UiContext): Promise<FrameLocator> {
  await openWorkbench(page, ctx, path.join(ctx.root, 'test', 'fixtures', 'letters'));
  // The palette lists the commands known when it opens: the extension's come once the remote
  // extension host has read it, so the palette is opened again until the command is there.
  const command = quickInput(page).locator('.monaco-list-row', { hasText: 'IMR: Show Insights' }).first();
  const started = Date.now();
  for (;;) {
    await page.keyboard.press('F1');
    const input = quickInput(page).locator('input');
    await input.waitFor();
    await input.fill('>IMR: Show Insights');
    try {
      await command.waitFor({ timeout: 5_000 });
      break;
    } catch (e) {
      if (Date.now() - started > UI_WAIT_MS) throw new Error('the palette never listed IMR: Show Insights', { cause: e });
      await page.keyboard.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden' });
    }
  }
  await page.keyboard.press('Enter');
  // The second question: which letters.
  const workspace = quickInput(page).locator('.monaco-list-row', { hasText: 'Workspace' }).first();
  await workspace.waitFor();
  await workspace.click();
  const frame = insightsFrame(page);
  await frame.locator('#card-byCategory rect.bar').first().waitFor({ timeout: UI_WAIT_MS * 2 });
  return frame;
}

export const checks: UiCheck[] = [
  {
    // On the fixture letters' folder, with the checks SHARED.fixtureLetters names.
    sharesWorkbench: SHARED.fixtureLetters,
    title: 'Insights: the charts are drawn, a bar lists its items, an item opens its letter, the keyboard reaches the tables',
    async run(page, ctx) {
      const frame = await showWorkspaceInsights(page, ctx);
      const totals = (await frame.locator('#totals').innerText()).trim();
      if (!/^101 letters \(301 files read: a letter held as text and PDF counts once\), \d+ disputed items: \d+ upheld, \d+ overturned/.test(totals)) throw new Error(`totals read "${totals}"`);
      for (const id of ['byCategory', 'byDrugClass', 'byGuideline', 'bySpecialty', 'byMonth', 'byDaysToDecision']) {
        const n = await frame.locator(`#card-${id} svg rect.bar`).count();
        if (n === 0) throw new Error(`the chart ${id} has no bars`);
      }
      // Counts and rates beside the bars.
      await frame.locator('#card-byCategory svg text', { hasText: /^\d+ · \d+\.\d% overturned$/ }).first().waitFor();

      // Click the "Upheld" part of the Physical therapy bar: its items are listed.
      const bar = frame.locator('#card-byCategory rect.bar[data-key="physical therapy"][data-decision="Upheld"]');
      const label = (await bar.getAttribute('aria-label')) ?? '';
      const m = /: (\d+) upheld of (\d+)$/.exec(label);
      if (!m) throw new Error(`the bar's label is "${label}"`);
      await bar.click();
      const list = frame.locator('#items');
      await list.locator('h2', { hasText: `${m[1]} items upheld: Physical therapy` }).waitFor();
      const entries = list.locator('li');
      if ((await entries.count()) !== Number(m[1])) throw new Error(`${await entries.count()} items listed, the bar says ${m[1]}`);
      const first = list.locator('li button.link').first();
      const request = (await first.innerText()).trim();
      await first.click();
      // The letter opens beside the panel, as an IMR letter.
      await page.locator('.tabs-container .tab.active', { hasText: /\.(txt|pdf)$/ }).waitFor();
      await page.locator('[id="status.editor.mode"]', { hasText: 'IMR Letter' }).waitFor();
      const words = request.split(/\s+/).slice(0, 2).join(' ');
      await page.locator('.editor-group-container.active .view-line', { hasText: words }).first().waitFor();

      // Keyboard: the table view of the drug class chart, then a row's items.
      const toggle = frame.locator('#card-byDrugClass button.toggle');
      await toggle.focus();
      await toggle.press('Enter');
      const table = frame.locator('#card-byDrugClass table.data');
      await table.waitFor();
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') throw new Error('the table toggle does not say it is expanded');
      const firstRow = table.locator('tbody tr').first();
      const rowName = (await firstRow.locator('th').innerText()).trim();
      const listButton = firstRow.locator('button');
      await listButton.focus();
      await listButton.press('Enter');
      await list.locator('h2', { hasText: `: ${rowName} (drug requests by drug class)` }).waitFor();
      const focused = await frame.locator('#items h2:focus').count();
      if (focused !== 1) throw new Error('the list of items did not take the focus');
    },
  },
];

/** The README picture: the Insights panel on the fixture letters, a bar's items listed. */
export async function captureInsights(ctx: UiContext, outFile: string): Promise<void> {
  const context = await ctx.browser.newContext({ viewport: { width: 1440, height: 1100 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(UI_WAIT_MS);
    const frame = await showWorkspaceInsights(page, ctx);
    // More room for the panel: close the side bar.
    await page.keyboard.press('Control+B');
    await frame.locator('#card-byCategory rect.bar[data-key="surgery"][data-decision="Overturned"]').click();
    await frame.locator('#items li').first().waitFor();
    await page.mouse.move(5, 5);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    await page.screenshot({ path: outFile });
  } finally {
    await context.close();
  }
}
