/**
 * A damaged PDF in the web workbench: "Open PDF Letter" from the Explorer's context menu on
 * bad-pdf/truncated.pdf (a copy, in the folder of the workbench SHARED.assorted) tells the user why it
 * cannot be opened where they look (an editor saying why and what to do, as well as an error
 * notification), and opens no letter.
 */
import { assortedFolder, DAMAGED_PDF } from './assorted';
import { exactly, openWorkbench, SHARED, UI_WAIT_MS, UiCheck, waitForNotification } from './workbench';

const DAMAGED = DAMAGED_PDF;
const MESSAGE = /Cannot open the PDF as a letter/;
const MENU_ITEM = 'Open PDF Letter';

export const checks: UiCheck[] = [
  {
    sharesWorkbench: SHARED.assorted,
    title: `"Open PDF Letter" on a damaged PDF (${DAMAGED}) shows why in an editor and an error notification, and opens no letter`,
    async run(page, ctx) {
      await openWorkbench(page, ctx, assortedFolder().folder);
      const row = page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: exactly(DAMAGED) }) });
      const menu = page.locator('.context-view .monaco-menu');
      const item = menu.locator('.action-item', { hasText: exactly(MENU_ITEM) });
      // The menu gets the extension's entry once the extension host has registered its contributions:
      // until then, close the menu and open it again.
      const deadline = Date.now() + UI_WAIT_MS;
      for (;;) {
        await row.click({ button: 'right' });
        await menu.locator('.action-item').first().waitFor();
        if (await item.count()) break;
        const entries = await menu.locator('.action-item').allInnerTexts();
        await page.keyboard.press('Escape');
        await menu.waitFor({ state: 'hidden' });
        if (Date.now() > deadline) throw new Error(`the context menu of ${DAMAGED} has no "${MENU_ITEM}": ${JSON.stringify(entries)}`);
      }
      // The entry is run from the keyboard: a menu entry takes mouse clicks only from a moment after
      // the menu is drawn, so a click that comes sooner (a busy machine, a fast driver) leaves the
      // menu open with the entry merely focused. Hovering focuses it; Enter runs the focused entry.
      await item.hover();
      await page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
      // The editor where the letter would have been says why, whether or not a notification is seen.
      await page.locator('.tabs-container .tab.active', { hasText: `${DAMAGED} (cannot be read)` }).waitFor({ timeout: UI_WAIT_MS });
      await page.locator('.editor-instance .view-lines', { hasText: `${DAMAGED} cannot be shown as an IMR letter.` }).waitFor({ timeout: UI_WAIT_MS });
      const notification = await waitForNotification(page, MESSAGE);
      const text = await notification.innerText();
      if (!/error/i.test((await notification.locator('.notification-list-item-icon').getAttribute('class')) ?? '')) {
        throw new Error(`the notification is not an error: ${text}`);
      }
      if (!text.includes(DAMAGED)) throw new Error(`the message does not name the file: ${text}`);
      // No letter for the PDF (no letter-text view, no binary editor): only the explanation.
      const tabs = (await page.locator('.tabs-container .tab').allInnerTexts()).map((t) => t.trim());
      const forPdf = tabs.filter((t) => t.includes('truncated'));
      if (forPdf.length !== 1 || !forPdf[0].includes('(cannot be read)')) throw new Error(`tabs for ${DAMAGED}: ${JSON.stringify(tabs)}`);
    },
  },
];
