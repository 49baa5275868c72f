/**
 * Extraction as a user meets it, in code-server as `npm start` runs it: "Extract Decisions of This
 * Letter" offers a table, a spreadsheet or JSON in words; the table shows rendered beside the letter
 * (a Markdown preview: a title, the decisions in words, plain-English column headers, one row per
 * item), and a second run reuses it. It runs after first-screen.check.ts, which needs the first
 * letter opened in code-server's user profile, and continues in its workbench (SHARED.startLetters).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { loadLetters } from '../../core/manifest';
import { START_FOLDER, START_LETTER } from './first-screen.check';
import { openUserWorkbench, runCommand, SHARED, UI_START_MS, UI_WAIT_MS, UiCheck, UiContext, VIEWPORT, waitForFirstLetterShown, waitForLanguage } from './workbench';

const PREVIEW_TAB = /Preview Decisions of case/;

/** Runs Extract Decisions from the palette and picks "Table"; returns the preview's document frame. */
async function extractTable(page: Page) {
  await runCommand(page, 'IMR: Extract Decisions of This Letter', true);
  const picks = page.locator('.quick-input-widget .monaco-list-row');
  await picks.first().waitFor({ timeout: UI_WAIT_MS });
  const labels = (await picks.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  for (const want of ['Table', 'Spreadsheet', 'JSON']) {
    if (!labels.some((l) => l.startsWith(want))) throw new Error(`the format choices are ${JSON.stringify(labels)}, without "${want}"`);
  }
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'a readable table' }).click();
  await page.locator('.tabs-container .tab', { hasText: PREVIEW_TAB }).first().waitFor({ timeout: UI_WAIT_MS });
  // The preview's content: a webview iframe holding the rendered document's iframe.
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

export async function showExtraction(page: Page, ctx: UiContext) {
  const expected = loadLetters().find((l) => l.file === START_LETTER);
  if (!expected) throw new Error(`${START_LETTER} is not in the letters manifest`);
  // A workbench loaded now settles as the first screen does (the Outline shown beside the letter)
  // before the palette opens; a shared one has settled long ago.
  const loaded = await openUserWorkbench(page, ctx, START_FOLDER, expected.texts[0]);
  await waitForLanguage(page, 'IMR Letter', UI_START_MS);
  if (loaded) await waitForFirstLetterShown(page);
  const preview = await extractTable(page);
  await preview.locator('h1', { hasText: `Decisions of case ${expected.caseNumber}` }).waitFor({ timeout: UI_WAIT_MS });
  return { expected, preview };
}

export const checks: UiCheck[] = [
  {
    sharesWorkbench: SHARED.startLetters,
    title: 'Extract Decisions as a table: a rendered preview beside the letter with plain-English headers, one row per item, reused by the next run',
    async run(page, ctx) {
      const { expected, preview } = await showExtraction(page, ctx);
      const upheld = expected.items.filter((i) => i.decision === 'Upheld').length;
      const overturned = expected.items.filter((i) => i.decision === 'Overturned').length;
      await preview.locator('p', { hasText: `${expected.items.length} items: ${upheld} upheld, ${overturned} overturned` }).waitFor();
      const headers = (await preview.locator('table th').allInnerTexts()).map((t) => t.trim());
      if (JSON.stringify(headers.slice(0, 3)) !== JSON.stringify(['Item', 'Request', 'Decision'])) throw new Error(`table headers ${JSON.stringify(headers)}`);
      const rows = preview.locator('table tbody tr');
      if ((await rows.count()) !== expected.items.length) throw new Error(`${await rows.count()} rows, expected ${expected.items.length}`);
      for (const [k, item] of expected.items.entries()) {
        const cells = (await rows.nth(k).locator('td').allInnerTexts()).map((t) => t.trim());
        if (cells[1] !== item.request || cells[2] !== item.decision) throw new Error(`row ${k + 1}: ${JSON.stringify(cells)}`);
      }
      // The letter keeps the focus's group; a second run shows the same preview, not another one.
      await page.locator('.tabs-container .tab', { hasText: START_LETTER }).first().click();
      await waitForLanguage(page, 'IMR Letter');
      await extractTable(page);
      const previews = await page.locator('.tabs-container .tab', { hasText: PREVIEW_TAB }).count();
      if (previews !== 1) throw new Error(`${previews} preview tabs after a second run`);
    },
  },
];

/** The README picture of extraction: the sample letter with its decisions rendered beside it. */
export async function captureExtraction(ctx: UiContext, outFile: string): Promise<void> {
  const context = await ctx.browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(UI_WAIT_MS);
    const { preview } = await showExtraction(page, ctx);
    await preview.locator('table tbody tr').first().waitFor();
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    await page.screenshot({ path: outFile });
  } finally {
    await context.close();
  }
}
