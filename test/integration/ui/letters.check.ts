/**
 * The Letters view in the web workbench, on the sample letters (each letter as pdftotext text,
 * -layout text and PDF): grouped by decision, the Overturned group lists every letter with an
 * Overturned item once, each item with a decision icon of its own shape (a check for Overturned, a
 * slash for Upheld); clicking an item opens its letter. Also the README picture
 * (node scripts/run-integration.mjs --screenshot-letters docs/letters.png).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { loadLetters } from '../../core/manifest';
import { exactly, openWorkbench, runCommand, setSideBarWidth, UI_START_MS, UI_WAIT_MS, UiCheck, UiContext, VIEWPORT } from './workbench';

const quickInput = (page: Page) => page.locator('.quick-input-widget');

/** The Letters pane's body. */
export const lettersPane = (page: Page): Locator => page.locator('.pane', { has: page.locator('.pane-header[aria-label^="Letters"]') }).locator('.pane-body');

function rows(page: Page, level: number, label?: string): Locator {
  const r = lettersPane(page).locator(`.monaco-list-row[aria-level="${level}"]`);
  return label === undefined ? r : r.filter({ has: page.locator('.label-name', { hasText: exactly(label) }) });
}

/** Opens the sample letters with the Letters view grouped by decision; returns the expected letters. */
export async function openLettersView(page: Page, ctx: UiContext, options: { sideBarWidth?: number } = {}) {
  const letters = loadLetters().filter((l) => l.pdf);
  await openWorkbench(page, ctx, path.dirname(letters[0].texts[0]));
  await page.locator('.activitybar .action-item a[aria-label^="IMR Letters"]').click();
  await lettersPane(page).waitFor({ timeout: UI_START_MS });
  if (options.sideBarWidth) await setSideBarWidth(page, options.sideBarWidth);
  // Grouped by decision: the user picks the grouping from the view's title bar command.
  await runCommand(page, 'IMR: Group Letters By…');
  const pick = quickInput(page).locator('.monaco-list-row', { hasText: 'Decision' }).first();
  await pick.waitFor();
  await pick.click();
  await quickInput(page).waitFor({ state: 'hidden' });
  // Indexed: the Overturned group counts every letter with an Overturned item, once each.
  const overturnedLetters = letters.filter((l) => l.items.some((i) => i.decision === 'Overturned'));
  const group = rows(page, 1, 'Overturned');
  const description = `${overturnedLetters.length} letters`;
  try {
    await group.filter({ has: page.locator('.label-description', { hasText: new RegExp(`^${description} `) }) }).waitFor({ timeout: UI_START_MS });
  } catch (e) {
    const shown = await lettersPane(page).locator('.monaco-list-row').allInnerTexts();
    throw new Error(`the Letters view does not show "Overturned" with ${description}; rows: ${JSON.stringify(shown)}`, { cause: e });
  }
  return { letters, overturnedLetters };
}

async function expand(page: Page, row: Locator): Promise<void> {
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  await row.and(page.locator('[aria-expanded="true"]')).waitFor();
}

export const checks: UiCheck[] = [
  {
    title: 'Letters view: grouped by decision, each letter once, decision icons, click opens the letter at the item',
    async run(page, ctx) {
      const { overturnedLetters } = await openLettersView(page, ctx);
      await expand(page, rows(page, 1, 'Overturned'));
      await rows(page, 2).first().waitFor();
      const shown = (await rows(page, 2).locator('.label-name').allInnerTexts()).map((s) => s.trim());
      const want = overturnedLetters.map((l) => l.caseNumber!).sort();
      if (JSON.stringify([...shown].sort()) !== JSON.stringify(want)) throw new Error(`Overturned letters ${JSON.stringify(shown)}, expected ${JSON.stringify(want)}`);
      // A letter's Overturned items, each with the check icon.
      const l = overturnedLetters[0];
      await expand(page, rows(page, 2, l.caseNumber!));
      const item = l.items.find((i) => i.decision === 'Overturned')!;
      const itemRow = rows(page, 3, item.request);
      await itemRow.waitFor({ timeout: UI_WAIT_MS });
      if ((await itemRow.locator('.codicon-pass-filled').count()) !== 1) throw new Error('an Overturned item has no check icon');
      // The Upheld group's items carry the slash icon.
      await expand(page, rows(page, 1, 'Upheld'));
      const upheldLetter = lettersPane(page).locator('.monaco-list-row[aria-level="2"]:not([aria-expanded="true"])').last();
      await upheldLetter.waitFor();
      await expand(page, upheldLetter);
      await lettersPane(page).locator('.monaco-list-row[aria-level="3"] .codicon-circle-slash').first().waitFor();
      // Clicking the item opens its letter (the pdftotext text) with the cursor on the item.
      await itemRow.click();
      await page.locator('.tabs-container .tab.active', { hasText: path.basename(l.texts[0]) }).waitFor();
      const line = fs.readFileSync(l.texts[0], 'utf8').split('\n').findIndex((x) => x.includes(item.request.slice(0, 20)));
      if (line >= 0) await page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`Ln ${line + 1},`) }).waitFor();
    },
  },
];

/** The README picture: the Letters view grouped by decision, a few letters opened. */
export async function captureLetters(ctx: UiContext, outFile: string): Promise<void> {
  const context = await ctx.browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(UI_WAIT_MS);
    const { overturnedLetters } = await openLettersView(page, ctx, { sideBarWidth: 620 });
    await expand(page, rows(page, 1, 'Overturned'));
    for (const l of overturnedLetters.slice(0, 3)) await expand(page, rows(page, 2, l.caseNumber!));
    await expand(page, rows(page, 1, 'Upheld'));
    const first = lettersPane(page).locator('.monaco-list-row[aria-level="2"]:not([aria-expanded="true"])').last();
    await expand(page, first);
    // Open the first Overturned item, so the editor shows a letter beside the view.
    await rows(page, 3).first().click();
    await page.locator('.tabs-container .tab.active').waitFor();
    const pane = await lettersPane(page).boundingBox();
    if (pane) await page.mouse.move(pane.x + pane.width - 20, pane.y + pane.height - 10);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    await page.screenshot({ path: outFile });
  } finally {
    await context.close();
  }
}
