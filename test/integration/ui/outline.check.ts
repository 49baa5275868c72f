/**
 * The Outline view of a real DWC letter in the web workbench: opening the .txt letter switches it to
 * the IMR language, and the Outline lists the disputed items by request with their decisions,
 * exactly as the fixture manifest has them.
 */
import * as path from 'path';
import type { Page } from 'playwright-core';
import { loadLetters } from '../../core/manifest';
import { expandOnly, openFile, openWorkbench, outlineRows, setSideBarWidth, showOutline, UI_WAIT_MS, UiCheck, UiContext, waitForLanguage } from './workbench';

export const OUTLINE_LETTER = '2017_format1b_CM16-0246487.txt';
export const ISSUES_SECTION = 'IMR issues, decisions and rationales';

/** Opens the letter and its Outline with only the issues section expanded; returns the manifest entry. */
export async function openLetterOutline(page: Page, ctx: UiContext, options: { file?: string; sideBarWidth?: number } = {}) {
  const file = options.file ?? OUTLINE_LETTER;
  const expected = loadLetters().find((l) => l.file === file);
  if (!expected) throw new Error(`${file} is not in the letters manifest`);
  await openWorkbench(page, ctx, path.dirname(expected.texts[0]));
  if (options.sideBarWidth) await setSideBarWidth(page, options.sideBarWidth);
  await openFile(page, file);
  await waitForLanguage(page, 'IMR Letter');
  await showOutline(page);
  await expandOnly(page, ISSUES_SECTION);
  return expected;
}

export const checks: UiCheck[] = [
  {
    title: `Outline view lists the disputed items of ${OUTLINE_LETTER} with their decisions`,
    async run(page, ctx) {
      const expected = await openLetterOutline(page, ctx);
      for (const item of expected.items) {
        const row = outlineRows(page, 2, item.request);
        try {
          await row.waitFor({ timeout: UI_WAIT_MS });
        } catch (e) {
          const shown = await outlineRows(page, 2).locator('.label-name').allInnerTexts();
          throw new Error(`Outline has no item "${item.request}"; items shown: ${JSON.stringify(shown)}`, { cause: e });
        }
        const detail = (await row.locator('.label-description').innerText()).trim();
        if (!detail.startsWith(item.decision)) throw new Error(`Outline item "${item.request}" shows "${detail}", expected "${item.decision}"`);
      }
      // Nothing else under the issues section, and the letter's order.
      const names = (await outlineRows(page, 2).locator('.label-name').allInnerTexts()).map((s) => s.trim());
      const want = expected.items.map((i) => i.request);
      if (JSON.stringify(names) !== JSON.stringify(want)) throw new Error(`Outline items ${JSON.stringify(names)}, expected ${JSON.stringify(want)}`);
    },
  },
];
