/**
 * The hover widget in the web workbench: pointing at the page number of a guideline citation in a
 * letter shows what that page is about (topic, limits), from the knowledge base. Also the README
 * picture of a 2016-era section (node scripts/run-integration.mjs --screenshot-hover docs/hover.png):
 * "Section(s): Topical analgesics" under a request for a lidocaine patch.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { ExpectedLetter, loadLetters, loadSeeds } from '../../core/manifest';
import { FIXTURES } from '../../paths';
import { assortedFolder, SEED_LETTER } from './assorted';
import { goToLine, hoverWidget, openFile, openWorkbench, runCommand, SHARED, textPoint, UI_WAIT_MS, UiCheck, UiContext, VIEWPORT, waitForLanguage } from './workbench';

/**
 * A citation to hover: the letter, the folder the workbench opens (holding a copy of the letter), the
 * citation text, the part of it the pointer rests on, and what the hover must say.
 */
interface HoverTarget {
  readonly letter: () => ExpectedLetter | undefined;
  readonly folder: () => string;
  readonly file: string;
  readonly citation: string;
  readonly word: string;
  readonly expected: readonly string[];
}

/** Page 23 of the 2009 chronic pain guidelines, in a 2013-2015 seed letter, in the folder of the workbench SHARED.assorted. */
export const SEED_TARGET: HoverTarget = {
  letter: () => loadSeeds().find((l) => l.file === SEED_LETTER),
  folder: () => assortedFolder().folder,
  file: SEED_LETTER,
  citation: 'Page(s): 23',
  word: '23',
  expected: ['Behavioral interventions', '3-4', '6-10'],
};

/** A 2016-era section, for the README picture: the drug's entry first, then the section. */
export const README_TARGET: HoverTarget = {
  letter: () => loadLetters().find((l) => l.file === '2017_format1b_CM16-0247802.txt'),
  folder: () => path.join(FIXTURES, 'letters'),
  file: '2017_format1b_CM16-0247802.txt',
  citation: 'Section(s): Topical analgesics',
  word: 'Topical analgesics',
  expected: ['Topical analgesics', 'Lidoderm', 'neuropathic'],
};

/** A hover widget showing every expected text of the target. */
function citationHover(page: Page, target: HoverTarget = SEED_TARGET) {
  return target.expected.reduce((widget, want) => widget.filter({ hasText: want }), hoverWidget(page));
}

/** Opens the letter, waits for the language server, and rests the pointer on the citation until the hover shows. */
export async function hoverCitation(page: Page, ctx: UiContext, options: { hideSideBar?: boolean; target?: HoverTarget } = {}): Promise<void> {
  const target = options.target ?? SEED_TARGET;
  const { citation: CITATION, word: PAGE_NUMBER, expected: EXPECTED, file: HOVER_LETTER } = target;
  const expected = target.letter();
  if (!expected) throw new Error(`${HOVER_LETTER} is not in the fixture manifests`);
  const lines = fs.readFileSync(expected.texts[0], 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(CITATION));
  if (line < 0) throw new Error(`${HOVER_LETTER} has no "${CITATION}"`);
  const column = lines[line].indexOf(CITATION) + CITATION.indexOf(PAGE_NUMBER);

  await openWorkbench(page, ctx, target.folder());
  await openFile(page, HOVER_LETTER);
  await waitForLanguage(page, 'IMR Letter');
  if (options.hideSideBar) {
    await runCommand(page, 'View: Close Primary Side Bar');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
  }
  // Reveal the citation (the cursor goes to the page number; the item heading above it comes into view).
  await goToLine(page, line + 1, column + 1);
  // The language server has answered for this letter once the item's code lens shows its decision.
  await page.locator('.monaco-editor .codelens-decoration', { hasText: expected.items[0].decision }).first().waitFor({ timeout: UI_WAIT_MS });
  const point = await textPoint(page, CITATION, CITATION.indexOf(PAGE_NUMBER), PAGE_NUMBER.length);
  // The page's own hover, with everything expected in it: a hover the pointer raised on its way (the
  // guideline's name on the line above, say) does not count.
  const hover = citationHover(page, target);
  // A hover needs the pointer to arrive: should the first one close early, leave and come back.
  // The pointer comes along the citation's own line from the empty space after it.
  const deadline = Date.now() + UI_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(point.x + 400, point.y);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    try {
      await hover.waitFor({ timeout: 5_000 });
      break;
    } catch (e) {
      if (Date.now() > deadline) {
        const shown = await hoverWidget(page).allInnerTexts().catch(() => []);
        throw new Error(`no hover with ${EXPECTED.map((w) => `"${w}"`).join(', ')} after ${attempt} attempts; hover widgets shown: ${JSON.stringify(shown.map((t) => t.slice(0, 400)))}`, { cause: e });
      }
    }
  }
}

export const checks: UiCheck[] = [
  {
    sharesWorkbench: SHARED.assorted,
    title: `Hovering "${SEED_TARGET.citation}" in ${SEED_TARGET.file} shows the topic of the cited page and its limits`,
    async run(page, ctx) {
      await hoverCitation(page, ctx);
      const text = (await citationHover(page).innerText()).replace(/\s+/g, ' ');
      for (const want of SEED_TARGET.expected) if (!text.includes(want)) throw new Error(`the hover lacks "${want}": ${text.slice(0, 400)}`);
      if (!/Sources?\b/.test(text)) throw new Error(`the hover names no source: ${text.slice(0, 400)}`);
    },
  },
];

/**
 * The README picture: the hover over the citation, cropped to the editor around it. The window is
 * tall because a hover is at most a quarter of the editor's height (or 250 px) before it scrolls.
 */
export async function captureHover(ctx: UiContext, outFile: string): Promise<void> {
  const context = await ctx.browser.newContext({ viewport: { width: VIEWPORT.width, height: 2200 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(UI_WAIT_MS);
    const target = README_TARGET;
    await hoverCitation(page, ctx, { hideSideBar: true, target });
    const hover = citationHover(page, target);
    const box = await hover.boundingBox();
    const editor = await page.locator('.editor-group-container.active .monaco-editor').first().boundingBox();
    if (!box || !editor) throw new Error('the hover or the editor is not visible');
    const point = await textPoint(page, target.citation, 0, target.citation.length);
    // The hover, the cited line and a margin of text around them, within the editor.
    const pad = 32;
    const top = Math.max(editor.y, Math.min(box.y, point.y - 12) - pad);
    const bottom = Math.min(editor.y + editor.height, Math.max(box.y + box.height, point.y + 12) + pad);
    const left = editor.x;
    const right = Math.min(editor.x + editor.width, box.x + box.width + pad);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    await page.screenshot({ path: outFile, clip: { x: left, y: top, width: right - left, height: bottom - top } });
  } finally {
    await context.close();
  }
}
