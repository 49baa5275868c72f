/**
 * The UI checks: Playwright against the web workbench (code-server), run by
 * scripts/run-integration.mjs after the integration suite. Every `*.check.js` file in this folder
 * exports `checks: UiCheck[]`; each check gets a fresh browser page on a fresh workbench (or, when
 * it and the check before name the same one, UiCheck.sharesWorkbench, that check's page), and a
 * failing check leaves a screenshot in test-results/.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { openLetterOutline } from './outline.check';
import { outlinePane, UI_WAIT_MS, UiCheck, UiContext, VIEWPORT } from './workbench';

export type { UiCheck, UiContext };

export interface UiResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
  screenshot?: string;
}

const CHECK_TIMEOUT_MS = 300_000;

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

/**
 * The checks in file order, except that checks sharing a workbench run one after another, where the
 * first of them stands.
 */
function loadChecks(): UiCheck[] {
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.check.js')).sort();
  const checks = files.flatMap((f) => (require(path.join(__dirname, f)) as { checks?: UiCheck[] }).checks ?? []);
  const firstOf = new Map<string, number>();
  const place = checks.map((c, k) => {
    if (c.sharesWorkbench === undefined) return k;
    if (!firstOf.has(c.sharesWorkbench)) firstOf.set(c.sharesWorkbench, k);
    return firstOf.get(c.sharesWorkbench)!;
  });
  return checks.map((check, k) => ({ check, k })).sort((a, b) => place[a.k] - place[b.k] || a.k - b.k).map((x) => x.check);
}

/** A page in a browser context of its own (a fresh profile), with the UI checks' viewport and wait. */
async function freshPage(ctx: UiContext): Promise<{ context: BrowserContext; page: Page }> {
  const context = await ctx.browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(UI_WAIT_MS);
    return { context, page };
  } catch (e) {
    await context.close();
    throw e;
  }
}

async function withPage<T>(ctx: UiContext, fn: (page: Page) => Promise<T>): Promise<T> {
  const { context, page } = await freshPage(ctx);
  try {
    return await fn(page);
  } finally {
    await context.close();
  }
}

export async function runUiChecks(ctx: UiContext): Promise<UiResult[]> {
  const results: UiResult[] = [];
  /** The page of the check before, kept while checks that share its workbench pass. */
  let shared: { context: BrowserContext; page: Page; name: string } | null = null;
  for (const check of loadChecks()) {
    const started = Date.now();
    if (shared && shared.name !== check.sharesWorkbench) {
      await shared.context.close();
      shared = null;
    }
    ctx.log(`UI check: ${check.title}${shared ? ` (in the workbench "${shared.name}" of the check before)` : ''}`);
    const { context, page }: { context: BrowserContext; page: Page } = shared ?? (await freshPage(ctx));
    if (check.sharesWorkbench !== undefined) shared = { context, page, name: check.sharesWorkbench };
    const result = await (async (): Promise<UiResult> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check.run(page, ctx),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`did not finish within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
          }),
        ]);
        return { title: check.title, state: 'passed', durationMs: Date.now() - started };
      } catch (e) {
        fs.mkdirSync(ctx.resultsDir, { recursive: true });
        const screenshot = path.join(ctx.resultsDir, `ui-${slug(check.title)}.png`);
        await page.screenshot({ path: screenshot }).catch(() => undefined);
        const error = e instanceof Error ? `${e.message}${e.cause instanceof Error ? `\n${e.cause.message}` : ''}` : String(e);
        return { title: check.title, state: 'failed', durationMs: Date.now() - started, error, screenshot };
      } finally {
        clearTimeout(timer);
      }
    })();
    // The next check gets this workbench only if both name it and this one passed.
    if (check.sharesWorkbench === undefined || result.state !== 'passed') {
      await context.close();
      shared = null;
    }
    ctx.log(`  ${result.state} in ${(result.durationMs / 1000).toFixed(1)} s${result.screenshot ? ` (screenshot ${path.relative(ctx.root, result.screenshot)})` : ''}`);
    results.push(result);
  }
  await shared?.context.close();
  return results;
}

/** The README picture: a real letter with its Outline (items with their decisions, the first item opened). */
export async function captureOutline(ctx: UiContext, outFile: string): Promise<void> {
  await withPage(ctx, async (page) => {
    await openLetterOutline(page, ctx, { sideBarWidth: 560 });
    // Show one item's guideline and rationale blocks as well.
    const firstItem = outlinePane(page).locator('.monaco-list-row[aria-level="1"]').filter({ hasText: /^\s*(Upheld|Overturned): / }).first();
    await firstItem.locator('.monaco-tl-twistie').click();
    await outlinePane(page).locator('.monaco-list-row[aria-level="2"]').first().waitFor();
    // Select the item: the editor reveals it and moves the cursor there.
    await firstItem.locator('.label-name').click();
    await page.locator('[id="status.editor.selection"]').filter({ hasNotText: /^\s*Ln 1, Col 1\s*$/ }).waitFor();
    await outlinePane(page).locator('.monaco-list-row.selected[aria-level="1"]').waitFor();
    // Park the pointer on the empty part of the Outline so no hover or scrollbar shows.
    const pane = await outlinePane(page).boundingBox();
    if (pane) await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height - 10);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    await page.screenshot({ path: outFile });
  });
}
