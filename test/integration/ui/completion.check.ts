/**
 * Completion in the web workbench, typed on the keyboard: in a copy of a real letter whose MAXIMUS
 * guideline was cut back to its label, typing "Decision based on MTUS " opens the guidelines of
 * the letter's era, "Shoul" and Enter writes "Shoulder Complaints 2004", and after
 * ", Section(s): " the suggestion list shows "Surgical Considerations" first; Enter writes it.
 * Also the README picture of that list (node scripts/run-integration.mjs --screenshot-completion
 * docs/completion.png). The draft is in the folder of the workbench SHARED.assorted (assorted.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { assortedFolder, DRAFT, MAXIMUS_LABEL } from './assorted';
import { exactly, goToLine, openFile, openWorkbench, runCommand, SHARED, UiCheck, UiContext, VIEWPORT, waitForLanguage } from './workbench';

/** The suggest widget while it is shown. */
function suggestWidget(page: Page): Locator {
  return page.locator('.monaco-editor .suggest-widget.visible');
}

/** The focused (selected) row of the suggest widget with this label. */
function focusedSuggestion(page: Page, label: string): Locator {
  return suggestWidget(page).locator('.monaco-list-row.focused', { has: page.locator('.label-name', { hasText: exactly(label) }) });
}

/** A rendered editor line with exactly this text (Monaco renders blanks as no-break spaces). */
function editorLine(page: Page, text: string): Locator {
  const pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \u00a0]');
  return page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: new RegExp(`^[ \u00a0]*${pattern}[ \u00a0]*$`) });
}

/** Opens the draft, types the citation up to "Section(s): " (accepting the guideline on the way) and waits for the section list. */
export async function typeCitation(page: Page, ctx: UiContext, options: { hideSideBar?: boolean } = {}): Promise<void> {
  const { folder, draftLine: line } = assortedFolder();
  await openWorkbench(page, ctx, folder);
  await openFile(page, DRAFT);
  await waitForLanguage(page, 'IMR Letter');
  if (options.hideSideBar) {
    await runCommand(page, 'View: Close Primary Side Bar');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
  }
  // The language server has read the letter once its code lenses show.
  await page.locator('.monaco-editor .codelens-decoration').first().waitFor({ timeout: 60_000 });
  await goToLine(page, line, MAXIMUS_LABEL.length + 1);
  await page.keyboard.type('Decision based on MTUS ', { delay: 15 });
  await suggestWidget(page).locator('.label-name', { hasText: exactly('Shoulder Complaints 2004') }).waitFor();
  await page.keyboard.type('Shoul', { delay: 15 });
  await focusedSuggestion(page, 'Shoulder Complaints 2004').waitFor();
  await page.keyboard.press('Enter');
  await editorLine(page, 'MAXIMUS guideline: Decision based on MTUS Shoulder Complaints 2004').waitFor();
  await page.keyboard.type(', Section(s): ', { delay: 15 });
  await focusedSuggestion(page, 'Surgical Considerations').waitFor();
}

export const checks: UiCheck[] = [
  {
    sharesWorkbench: SHARED.assorted,
    title: 'Typing a citation: the guideline and then its section are suggested, and Enter writes them',
    async run(page, ctx) {
      await typeCitation(page, ctx);
      await page.keyboard.press('Enter');
      await editorLine(page, 'MAXIMUS guideline: Decision based on MTUS Shoulder Complaints 2004, Section(s): Surgical Considerations').waitFor();
      await suggestWidget(page).waitFor({ state: 'hidden' });
    },
  },
];

/** The README picture: the section suggestions over the letter, with the documentation of the first one. */
export async function captureCompletion(ctx: UiContext, outFile: string): Promise<void> {
  const context = await ctx.browser.newContext({ viewport: { width: VIEWPORT.width, height: 1100 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await typeCitation(page, ctx, { hideSideBar: true });
    // Show the documentation beside the list (Ctrl+Space toggles the details when the list is open).
    const details = page.locator('.monaco-editor .suggest-details-container .suggest-details');
    if (!(await details.isVisible().catch(() => false))) await page.keyboard.press('Control+Space');
    await details.filter({ hasText: 'ACOEM' }).waitFor();
    const widget = await suggestWidget(page).boundingBox();
    const detailsBox = await details.boundingBox();
    const editor = await page.locator('.editor-group-container.active .monaco-editor').first().boundingBox();
    if (!widget || !editor) throw new Error('the suggestion list or the editor is not visible');
    const pad = 24;
    // The list, its documentation and a few lines of the letter above them.
    const top = Math.max(editor.y, Math.min(widget.y - 120, detailsBox ? detailsBox.y - pad : widget.y));
    const bottom = Math.min(editor.y + editor.height, Math.max(widget.y + widget.height, detailsBox ? detailsBox.y + detailsBox.height : 0) + pad);
    const right = Math.min(editor.x + editor.width, Math.max(widget.x + widget.width, detailsBox ? detailsBox.x + detailsBox.width : 0) + pad);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    await page.screenshot({ path: outFile, clip: { x: editor.x, y: top, width: right - editor.x, height: bottom - top } });
  } finally {
    await context.close();
  }
}
