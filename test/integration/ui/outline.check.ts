/**
 * The Outline view of a real DWC letter in the web workbench: opening the .txt letter switches it to
 * the IMR language, and the Outline lists the disputed items at its top level, each named by its
 * decision and request with an icon per decision, exactly as the fixture manifest has them; blocks
 * and header fields start collapsed.
 */
import * as path from 'path';
import type { Page } from 'playwright-core';
import { loadLetters } from '../../core/manifest';
import { exactly, openFile, openWorkbench, outlinePane, outlineRows, setSideBarWidth, SHARED, showOutline, UI_WAIT_MS, UiCheck, UiContext, waitForLanguage } from './workbench';

export const OUTLINE_LETTER = '2017_format1b_CM16-0246487.txt';

/** The icon of an item by its decision (SymbolKind Event and EnumMember). */
const DECISION_ICONS: Record<string, string> = { Upheld: 'codicon-symbol-event', Overturned: 'codicon-symbol-enum-member' };

/** Opens the letter and its Outline; returns the manifest entry. */
export async function openLetterOutline(page: Page, ctx: UiContext, options: { file?: string; sideBarWidth?: number } = {}) {
  const file = options.file ?? OUTLINE_LETTER;
  const expected = loadLetters().find((l) => l.file === file);
  if (!expected) throw new Error(`${file} is not in the letters manifest`);
  await openWorkbench(page, ctx, path.dirname(expected.texts[0]));
  if (options.sideBarWidth) await setSideBarWidth(page, options.sideBarWidth);
  await openFile(page, file);
  await waitForLanguage(page, 'IMR Letter');
  await showOutline(page);
  return expected;
}

export const checks: UiCheck[] = [
  {
    // On the fixture letters' folder, with the checks SHARED.fixtureLetters names.
    sharesWorkbench: SHARED.fixtureLetters,
    title: `Outline view of ${OUTLINE_LETTER}: every item at the top level, decision first, an icon per decision, blocks collapsed`,
    async run(page, ctx) {
      const expected = await openLetterOutline(page, ctx);
      const want = expected.items.map((i) => `${i.decision}: ${i.request}`);
      for (const [k, item] of expected.items.entries()) {
        const row = outlineRows(page, 1, want[k]);
        try {
          await row.waitFor({ timeout: UI_WAIT_MS });
        } catch (e) {
          const shown = await outlineRows(page, 1).locator('.label-name').allInnerTexts();
          throw new Error(`Outline has no item "${want[k]}"; rows shown: ${JSON.stringify(shown)}`, { cause: e });
        }
        const icon = await row.locator('.outline-element-icon').getAttribute('class');
        if (!icon?.includes(DECISION_ICONS[item.decision])) throw new Error(`Outline item "${want[k]}" has icon "${icon}", expected ${DECISION_ICONS[item.decision]}`);
        if ((await row.getAttribute('aria-expanded')) !== 'false') throw new Error(`Outline item "${want[k]}" is not collapsed`);
      }
      // The items in the letter's order, and nothing expanded below the top level.
      const names = (await outlineRows(page, 1).locator('.label-name').allInnerTexts()).map((s) => s.trim());
      const items = names.filter((n) => /^(Upheld|Overturned|No decision): /.test(n));
      if (JSON.stringify(items) !== JSON.stringify(want)) throw new Error(`Outline items ${JSON.stringify(items)}, expected ${JSON.stringify(want)}`);
      const nested = await outlinePane(page).locator('.monaco-list-row[aria-level="2"]').count();
      if (nested > 0) throw new Error(`${nested} rows below the top level are shown: blocks and header fields should start collapsed`);
      // The header row names the case.
      await outlineRows(page, 1).filter({ has: page.locator('.label-name', { hasText: exactly(`Case ${expected.caseNumber}`) }) }).waitFor();
    },
  },
];
