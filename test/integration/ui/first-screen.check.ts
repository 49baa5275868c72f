/**
 * What a new user meets in code-server as `npm start` runs it (the extension installed, no
 * smoke-test driver): the window opens on the sample letter with the Outline showing its decisions
 * and the status bar saying what it decides; messages show as pop-up notifications; the walkthrough
 * opens and its first step opens the sample letter.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { loadLetters } from '../../core/manifest';
import { FIXTURES } from '../../paths';
import { openUserWorkbench, outlineRows, runCommand, SHARED, UI_START_MS, UI_WAIT_MS, UiCheck, UiContext, VIEWPORT, waitForFirstLetterShown, waitForLanguage, workbenchShown } from './workbench';

/** The letter `npm start` opens (scripts/vscode-tools.mjs SAMPLE_LETTER). */
export const START_LETTER = '2017_format1b_CM16-0246487.txt';
/** The folder `npm start` opens (scripts/start.mjs), which holds START_LETTER. */
export const START_FOLDER = path.join(FIXTURES, 'letters');

/** Opens the workbench as `npm start` does, and waits for the letter and its Outline. */
export async function openFirstScreen(page: Page, ctx: UiContext) {
  const expected = loadLetters().find((l) => l.file === START_LETTER);
  if (!expected) throw new Error(`${START_LETTER} is not in the letters manifest`);
  // The first screen is a fresh workbench's: a shared one has shown letters already.
  if (workbenchShown(page)) throw new Error('the first screen needs a workbench of its own, loaded for it');
  // Records whether anything inside the Outline is ever given the keyboard focus: the extension
  // shows the Outline beside the first letter without taking the focus from it. Every focus() call
  // is seen (a focus event is not: the page may not have the window's focus yet).
  await page.addInitScript(() => {
    interface Focusable {
      closest(selector: string): unknown;
      querySelector(selector: string): unknown;
      focus(options?: unknown): void;
    }
    const page = globalThis as unknown as { HTMLElement: { prototype: Focusable }; outlineFocused?: boolean };
    const focus = page.HTMLElement.prototype.focus;
    page.HTMLElement.prototype.focus = function (this: Focusable, options?: unknown) {
      // The Outline's pane (its header and body) or anything inside its body.
      if (this.closest('.outline-pane') || this.querySelector(':scope > .outline-pane')) page.outlineFocused = true;
      return focus.call(this, options);
    };
  });
  await openUserWorkbench(page, ctx, START_FOLDER, expected.texts[0]);
  await waitForLanguage(page, 'IMR Letter', UI_START_MS);
  // The Outline is shown for the first letter, collapsed: every item is a top-level row.
  const first = expected.items[0];
  await outlineRows(page, 1, `${first.decision}: ${first.request}`).waitFor({ timeout: UI_WAIT_MS });
  await waitForFirstLetterShown(page);
  return expected;
}

export const checks: UiCheck[] = [
  {
    // The first of the checks SHARED.startLetters names: pdf-open and table continue in its workbench.
    sharesWorkbench: SHARED.startLetters,
    title: 'npm start: the sample letter opens with its Outline and a decision summary; notifications show; the walkthrough opens the sample letter',
    async run(page, ctx) {
      const expected = await openFirstScreen(page, ctx);
      const upheld = expected.items.filter((i) => i.decision === 'Upheld').length;
      const overturned = expected.items.filter((i) => i.decision === 'Overturned').length;
      const summary = `${expected.items.length} items: ${upheld} upheld, ${overturned} overturned`;
      await page.locator('.statusbar-item', { hasText: summary }).first().waitFor({ timeout: UI_WAIT_MS });
      // The Outline was shown beside the letter without ever taking the focus from it.
      if (await page.evaluate(() => (globalThis as unknown as { outlineFocused?: boolean }).outlineFocused === true)) {
        throw new Error('the Outline took the keyboard focus when it was shown beside the first letter');
      }
      // A message of the extension pops up (the smoke-test driver would hide it): the cursor is at the
      // top of the letter, above every item, so extracting the item under it says there is none.
      // (The palette opened here stays open: the Outline, shown just before, takes no focus.)
      await runCommand(page, 'IMR: Extract Item Under Cursor', true, UI_WAIT_MS);
      await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: UI_WAIT_MS });
      await page.keyboard.press('Enter');
      await page.locator('.notification-toast', { hasText: 'There is no disputed item at the cursor' }).waitFor({ timeout: UI_WAIT_MS });
      // The walkthrough: its five steps, and its first step's button opens the sample letter.
      await runCommand(page, 'IMR: Get Started with IMR Letters');
      const walkthrough = page.locator('.gettingStartedContainer');
      await walkthrough.locator('h2', { hasText: 'Get started with IMR letters' }).first().waitFor({ timeout: UI_WAIT_MS });
      for (const step of ['Open a letter or a PDF', 'Read the outline', 'Hover a citation', 'Fix a problem', 'Extract a folder']) {
        await walkthrough.locator('.step-title', { hasText: step }).first().waitFor();
      }
      await walkthrough.locator('.button-link, a', { hasText: 'Open the Sample Letter' }).first().click();
      await page.locator('.tabs-container .tab.active', { hasText: '(sample letter)' }).waitFor({ timeout: UI_WAIT_MS });
      await waitForLanguage(page, 'IMR Letter');
    },
  },
];

/** The README picture of the first screen: the sample letter, its Outline and the decision summary. */
export async function captureFirstScreen(ctx: UiContext, outFile: string): Promise<void> {
  const context = await ctx.browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(UI_WAIT_MS);
    const expected = await openFirstScreen(page, ctx);
    await page.locator('.statusbar-item', { hasText: `${expected.items.length} items:` }).first().waitFor();
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    await page.screenshot({ path: outFile });
  } finally {
    await context.close();
  }
}
