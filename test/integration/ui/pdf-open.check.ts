/**
 * A PDF opened the way a user opens it, in code-server as `npm start` runs it (the extension
 * installed, no smoke-test driver, so notifications show): VS Code shows its "binary file" page for
 * a PDF; the extension offers, once, to show the letter text instead, and its title bar has "Open
 * PDF Letter". Accepting opens the letter text as an IMR letter in a tab named so that it cannot
 * be taken for the PDF, "CM16-0239569 (letter text)". The PDF is in the pdf folder of the fixture
 * letters, which `npm start` opens: the check continues in first-screen's workbench.
 */
import { START_FOLDER } from './first-screen.check';
import { exactly, openFile, openUserWorkbench, SHARED, UI_WAIT_MS, UiCheck, waitForLanguage } from './workbench';

const PDF = 'CM16-0239569.pdf';
const OFFER = `Show ${PDF} as the text of an IMR letter`;

export const checks: UiCheck[] = [
  {
    sharesWorkbench: SHARED.startLetters,
    title: `a PDF opened from Quick Open (${PDF}): the extension offers its letter text once; accepting opens "CM16-0239569 (letter text)" as an IMR letter`,
    async run(page, ctx) {
      await openUserWorkbench(page, ctx, START_FOLDER);
      await openFile(page, PDF);
      // The offer, as a notification (it also comes when the PDF was open before the extension started).
      const toast = page.locator('.notification-toast', { hasText: OFFER });
      await toast.waitFor({ timeout: UI_WAIT_MS });
      // The title bar of the PDF's editor offers the letter text too.
      await page.locator('.editor-actions .action-label[aria-label^="Open PDF Letter"]').first().waitFor({ timeout: UI_WAIT_MS });
      await toast.locator('.monaco-button', { hasText: exactly('Open as Letter Text') }).click();
      await page.locator('.tabs-container .tab.active', { hasText: 'CM16-0239569 (letter text)' }).waitFor({ timeout: UI_WAIT_MS });
      await waitForLanguage(page, 'IMR Letter');
      await page.locator('.editor-instance .view-lines', { hasText: 'CM16-0239569' }).first().waitFor({ timeout: UI_WAIT_MS });
    },
  },
];
