/**
 * Semantic highlighting as the user sees it in the web workbench: the 2013 notice writes its
 * decisions as a phrase ("is notmedically necessary and appropriate"), which the grammar's patterns
 * do not colour; once the language server answers, the phrase is drawn in the colour the grammar
 * gives an "Upheld" in a 2017 letter, and the words around it keep the text's colour.
 */
import * as path from 'path';
import type { Page } from 'playwright-core';
import { loadLetters } from '../../core/manifest';
import { goToLine, openFile, openWorkbench, SHARED, UI_WAIT_MS, UiCheck, UiContext, waitForLanguage } from './workbench';

const NOTICE = '2013_format0_medicpdf01_partial.txt';
const NOTICE_LINE = 'functional restoration program is notmedically necessary and appropriate.';
const LETTER = '2017_format1b_CM16-0238035.txt';
const LETTER_LINE = 'Medical Clearance: Upheld';

interface ColourQuery {
  /** Text of the rendered line (no-break spaces read as spaces). */
  lineText: string;
  words: string[];
  /** When given, the answer waits until these words (indices into `words`) are drawn in `colour`. */
  until?: { words: number[]; colour: string };
}

/**
 * The colour each word is drawn in, on the rendered line of the active editor that holds `lineText`
 * (null: the line is not on screen, or, with `until`, not yet so coloured). Runs in the page, for
 * `page.evaluate` and for `page.waitForFunction`; this project compiles without the DOM library,
 * hence the minimal types.
 */
function pageColours(q: ColourQuery): (string | null)[] | null {
  interface DomNode {
    textContent: string | null;
    children: ArrayLike<DomNode>;
  }
  const g = globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<DomNode> }; getComputedStyle(n: DomNode): { color: string } };
  const norm = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ');
  for (const line of g.document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')) {
    if (!norm(line.textContent).includes(q.lineText)) continue;
    // A rendered line is a span holding one span per token.
    const tokens: { text: string; node: DomNode }[] = [];
    const holder = line.children[0];
    for (let k = 0; holder && k < holder.children.length; k++) tokens.push({ text: norm(holder.children[k].textContent), node: holder.children[k] });
    const text = tokens.map((t) => t.text).join('');
    const found = q.words.map((w) => {
      const at = text.indexOf(w);
      let seen = 0;
      for (const t of at < 0 ? [] : tokens) {
        if (at < seen + t.text.length) return g.getComputedStyle(t.node).color;
        seen += t.text.length;
      }
      return null;
    });
    return q.until && !q.until.words.every((k) => found[k] === q.until!.colour) ? null : found;
  }
  return null;
}

export const checks: UiCheck[] = [
  {
    // On the fixture letters' folder, with the checks SHARED.fixtureLetters names.
    sharesWorkbench: SHARED.fixtureLetters,
    title: `Semantic highlighting: the decision phrase of ${NOTICE}, which the grammar misses, is drawn in the colour of an Upheld`,
    async run(page: Page, ctx: UiContext) {
      const folder = path.dirname(loadLetters().find((l) => l.file === LETTER)!.texts[0]);
      await openWorkbench(page, ctx, folder);
      await openFile(page, LETTER);
      await waitForLanguage(page, 'IMR Letter');
      await goToLine(page, 69, 1);
      const [upheld, plain] = (await page.evaluate(pageColours, { lineText: LETTER_LINE, words: ['Upheld', 'Clearance'] })) ?? [];
      if (!upheld || !plain || upheld === plain) throw new Error(`"Upheld" is drawn in ${upheld}, the words before it in ${plain}: the grammar should colour it`);

      await openFile(page, NOTICE);
      await waitForLanguage(page, 'IMR Letter');
      // The grammar draws the line at once; the phrase takes the decision's colour when the server's tokens arrive.
      const query: ColourQuery = { lineText: NOTICE_LINE, words: ['notmedically', 'appropriate', 'functional'], until: { words: [0, 1], colour: upheld } };
      let seen: (string | null)[] | null;
      try {
        seen = await (await page.waitForFunction(pageColours, query, { timeout: UI_WAIT_MS })).jsonValue();
      } catch (e) {
        const now = await page.evaluate(pageColours, { ...query, until: undefined });
        throw new Error(`"notmedically ... appropriate" drawn in ${JSON.stringify(now)}, not in the Upheld colour ${upheld}`, { cause: e });
      }
      if (!seen || seen[2] === upheld) throw new Error(`"functional", before the phrase, is drawn in the Upheld colour ${upheld} too`);
    },
  },
];
