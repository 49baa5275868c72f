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
import { exactly, openWorkbench, runCommand, setSideBarWidth, SHARED, UI_START_MS, UI_WAIT_MS, UiCheck, UiContext, VIEWPORT, withRetries } from './workbench';

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
  await groupBy(page, 'Decision');
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

/**
 * Expands `row`. A click that comes while the view is drawn again (the library changed) is lost and
 * the row stays collapsed (a full run saw it): it is clicked again, at most three times.
 */
async function expand(page: Page, row: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
    try {
      await row.and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: attempt < 3 ? UI_WAIT_MS / 3 : UI_WAIT_MS });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/**
 * Expands `row` until `child` (a row under it) shows. The view is drawn again when the library
 * changes (an opened letter is read again): a full run once saw an expanded group drawn collapsed
 * before its rows came, so the row is expanded again, at most three times.
 */
async function expandUntil(page: Page, row: Locator, child: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await expand(page, row);
    try {
      await child.waitFor({ timeout: attempt < 3 ? UI_WAIT_MS / 3 : UI_WAIT_MS });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

async function groupBy(page: Page, label: string): Promise<void> {
  // Typed into the pick's input and chosen with Enter, as a keyboard user does (a click can land
  // while the list is drawn again on a busy machine). Until Enter nothing is chosen, so a stalled
  // attempt is closed and the command run again (withRetries).
  await withRetries(page, `grouping the Letters view by ${label}`, async (timeout) => {
    // The command opens its own pick in the palette's widget, which may then never hide: wait for the pick.
    await runCommand(page, 'IMR: Group Letters By…', true, timeout);
    const input = quickInput(page).locator('input');
    await input.waitFor({ timeout });
    await quickInput(page).locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: exactly(label) }) }).first().waitFor({ timeout });
    await input.fill(label, { timeout });
    await quickInput(page).locator('.monaco-list-row.focused', { has: page.locator('.label-name', { hasText: exactly(label) }) }).waitFor({ timeout });
  });
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

export const checks: UiCheck[] = [
  {
    // On the fixture letters' folder, with the checks SHARED.fixtureLetters names.
    sharesWorkbench: SHARED.fixtureLetters,
    title: 'Letters view: grouped by decision, each letter once, decision icons, click opens the letter at the item',
    async run(page, ctx) {
      const { overturnedLetters } = await openLettersView(page, ctx);
      const overturned = rows(page, 1, 'Overturned');
      await expandUntil(page, overturned, rows(page, 2).first());
      // The group's description counted every such letter once (above); the rows drawn (the list
      // draws what fits) are letters with an Overturned item, in case number order, none twice.
      const shown = (await rows(page, 2).locator('.label-name').allInnerTexts()).map((s) => s.trim());
      const want = overturnedLetters.map((l) => l.caseNumber!).sort();
      if (shown.length < Math.min(want.length, 8) || JSON.stringify(shown) !== JSON.stringify(want.slice(0, shown.length))) {
        throw new Error(`Overturned letters ${JSON.stringify(shown)}, expected the first of ${JSON.stringify(want)}`);
      }
      // A letter's Overturned items, each with the check icon; clicking one opens the letter (its
      // pdftotext text) with the cursor on the item.
      const l = overturnedLetters[0];
      await expand(page, rows(page, 2, l.caseNumber!));
      const item = l.items.find((i) => i.decision === 'Overturned')!;
      const itemRow = rows(page, 3, item.request);
      await itemRow.waitFor({ timeout: UI_WAIT_MS });
      if ((await itemRow.locator('.codicon-pass-filled').count()) !== 1) throw new Error('an Overturned item has no check icon');
      await itemRow.click();
      await page.locator('.tabs-container .tab.active', { hasText: path.basename(l.texts[0]) }).waitFor();
      // The item's heading: the first line with its request after the issues section's heading (the
      // case summary above may name the request too).
      const lines = fs.readFileSync(l.texts[0], 'utf8').split('\n');
      const issues = lines.findIndex((x) => x.includes('IMR ISSUES, DECISIONS AND RATIONALES'));
      const line = lines.findIndex((x, k) => k > issues && x.includes(item.request.slice(0, 20)));
      if (issues < 0 || line < 0) throw new Error(`no heading of "${item.request}" in ${l.texts[0]}`);
      await page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`Ln ${line + 1},`) }).waitFor();
      // The Upheld group's items carry the slash icon.
      await overturned.locator('.monaco-tl-twistie').click();
      await rows(page, 2).first().waitFor({ state: 'detached' });
      await expandUntil(page, rows(page, 1, 'Upheld'), rows(page, 2).first());
      await expandUntil(page, rows(page, 2).first(), lettersPane(page).locator('.monaco-list-row[aria-level="3"] .codicon-circle-slash').first());
      if ((await lettersPane(page).locator('.monaco-list-row[aria-level="3"] .codicon-pass-filled').count()) !== 0) {
        throw new Error('an item in the Upheld group has the Overturned icon');
      }
    },
  },
];

/** The README picture: the Letters view grouped by the guideline cited, a few letters opened. */
export async function captureLetters(ctx: UiContext, outFile: string): Promise<void> {
  const context = await ctx.browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(UI_WAIT_MS);
    await openLettersView(page, ctx, { sideBarWidth: 640 });
    await groupBy(page, 'Guideline cited');
    // The tree drawn again by guideline: the decision groups gone.
    await rows(page, 1, 'Overturned').waitFor({ state: 'detached' });
    const group = rows(page, 1).first();
    await group.waitFor();
    await expand(page, group);
    // Three letters opened, the lowest first, so that each opened pushes down only those done.
    for (let k = 2; k >= 0; k--) await expand(page, rows(page, 2).nth(k));
    // Open an item, so the editor shows its letter beside the view.
    await rows(page, 3).first().click();
    await page.locator('.tabs-container .tab.active').waitFor();
    // The pointer away from the view and the editor, so that no hover covers them.
    await page.mouse.move(VIEWPORT.width / 2, 2);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    await page.screenshot({ path: outFile });
  } finally {
    await context.close();
  }
}
