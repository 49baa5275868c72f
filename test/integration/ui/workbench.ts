/**
 * Driving the VS Code web workbench (code-server) with Playwright: open a folder with the extension
 * loaded, open a file through Quick Open, run a command from the palette, read the Outline view.
 * Every step waits on a DOM condition; there are no fixed pauses.
 */
import * as path from 'path';
import type { Browser, Locator, Page } from 'playwright-core';

export interface UiContext {
  browser: Browser;
  /** The project root. */
  root: string;
  /** Where failure screenshots go (test-results/). */
  resultsDir: string;
  log(message: string): void;
  /** The workbench URL for a folder, with the extension loaded in development mode. */
  workbenchUrl(folder: string): string;
  /**
   * The workbench URL of code-server as `npm start` runs it (the extension installed, no smoke-test
   * driver, so notifications show), for a folder and optionally a file to open.
   */
  userWorkbenchUrl(folder: string, openFile?: string): Promise<string>;
}

export interface UiCheck {
  title: string;
  /**
   * The name of a workbench the check shares with the other checks that give the same name, and
   * needs nothing of a fresh one. The runner runs such checks one after another (where the first of
   * them stands in file order) in one workbench while they pass: a later one starts where the
   * earlier one left off, on the same folder (openWorkbench and openUserWorkbench say so when it is
   * not), with every editor closed. A workbench takes 10 to 20 s of a busy machine's time to load.
   */
  sharesWorkbench?: string;
  run(page: Page, ctx: UiContext): Promise<void>;
}

/** The workbenches checks share (UiCheck.sharesWorkbench), each on one folder. */
export const SHARED = {
  /** The development workbench on test/fixtures/letters: insights, letters, outline-colours, outline. */
  fixtureLetters: 'fixture letters',
  /** The development workbench on the folder of assorted.ts: completion, hover, pdf-error. */
  assorted: 'assorted files',
  /** `npm start`'s workbench on test/fixtures/letters: first-screen, then pdf-open and table. */
  startLetters: 'npm start on the fixture letters',
} as const;

export const VIEWPORT = { width: 1440, height: 960 };

/**
 * How long a UI step may wait for its DOM condition. Generous on purpose: CI runs on a busy 2-core
 * machine where the workbench, the extension host and the language server share the CPU with other
 * work; a step that is broken fails anyway, only later.
 */
export const UI_WAIT_MS = 90_000;
/** Loading the workbench itself (first start of the remote extension host). */
export const UI_START_MS = 180_000;

/** What each page's workbench shows: the folder a check asked for, and whether code-server is the `npm start` one. */
const openedFolders = new WeakMap<Page, { folder: string; user: boolean; copy?: string }>();

/**
 * A workbench shared with the check before (UiCheck.sharesWorkbench), made ready for the next check:
 * the same kind and folder, or a mistake; every editor closed. False when the page has none yet.
 */
async function reuseWorkbench(page: Page, folder: string, user: boolean): Promise<boolean> {
  const opened = openedFolders.get(page);
  if (opened === undefined) return false;
  if (opened.folder !== folder || opened.user !== user) {
    const shown = (w: { folder: string; user: boolean }) => `${w.user ? "npm start's" : 'the development'} workbench on ${w.folder}`;
    throw new Error(`this page shows ${shown(opened)}, not ${shown({ folder, user })}: checks that share a workbench open one`);
  }
  await closeAllEditors(page);
  return true;
}

/** Whether the page shows a workbench already (one shared with the check before). */
export function workbenchShown(page: Page): boolean {
  return openedFolders.has(page);
}

/** The development workbench (the extension loaded from this checkout) on a copy of `folder`. */
export async function openWorkbench(page: Page, ctx: UiContext, folder: string): Promise<void> {
  if (await reuseWorkbench(page, folder, false)) return;
  openedFolders.set(page, { folder, user: false });
  await page.goto(ctx.workbenchUrl(folder), { timeout: UI_START_MS });
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: UI_START_MS });
  // The explorer lists the folder once the remote file system answers.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: UI_START_MS });
}

/**
 * The workbench of code-server as `npm start` runs it, on a copy of `folder`, with `file` (a file
 * in `folder`) open and active when given. A fresh workbench opens the file from its URL, as
 * `npm start` does; one shared with the check before opens it through Quick Open, by the path of
 * its copy (a name alone can stand for several files of the folder). True when the workbench was
 * loaded now, false when it was shared.
 */
export async function openUserWorkbench(page: Page, ctx: UiContext, folder: string, file?: string): Promise<boolean> {
  if (await reuseWorkbench(page, folder, true)) {
    const copy = openedFolders.get(page)!.copy!;
    if (file !== undefined) await openFile(page, path.join(copy, path.relative(folder, file)));
    return false;
  }
  const url = await ctx.userWorkbenchUrl(folder, file);
  // The folder the URL opens: the copy of `folder` made for this workbench.
  const copy = new URL(url).searchParams.get('folder');
  if (!copy) throw new Error(`no folder in the workbench URL ${url}`);
  openedFolders.set(page, { folder, user: true, copy });
  await page.goto(url, { timeout: UI_START_MS });
  if (file !== undefined) await page.locator('.tabs-container .tab.active', { hasText: path.basename(file) }).waitFor({ timeout: UI_START_MS });
  else await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: UI_START_MS });
  return true;
}

/**
 * Closes every editor (the workbench shared by the next check starts with none). An editor a check
 * typed into closes without a question: the web workbench saves files by itself (files.autoSave),
 * here into the workbench's copy of the folder.
 */
export async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text that must match a whole element's text. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

const quickInput = (page: Page) => page.locator('.quick-input-widget');

/**
 * Tries `step` up to three times, the first two with a third of UI_WAIT_MS each and the last with
 * all of it. For steps that open a quick input and type into it, before anything is chosen: a full
 * CI run once saw Playwright's fill into the command palette get no answer from the page for 90 s,
 * in a check that had passed in every run before. Between attempts Escape closes what the failed
 * attempt opened, so the next one starts from a closed quick input.
 */
export async function withRetries(page: Page, what: string, step: (timeout: number) => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step(attempt < 3 ? UI_WAIT_MS / 3 : UI_WAIT_MS);
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      console.log(`[integration]   ${what}: attempt ${attempt} failed (${reason}); Escape, and again`);
      await page.keyboard.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
    }
  }
}

/**
 * Opens a quick input with `key` (F1 the command palette, Ctrl+P Quick Open), types `text` and
 * waits for a row with `listed` in it (with `focused`, for the focused row: the one Enter picks);
 * nothing is chosen yet. Retried (withRetries).
 */
export async function typeInQuickInput(page: Page, key: string, text: string, listed: string, focused = false): Promise<void> {
  await withRetries(page, `typing "${text}" after ${key}`, async (timeout) => {
    await page.keyboard.press(key);
    const input = quickInput(page).locator('input');
    await input.waitFor({ timeout });
    await input.fill(text, { timeout });
    await quickInput(page).locator(focused ? '.monaco-list-row.focused' : '.monaco-list-row', { hasText: listed }).first().waitFor({ timeout });
  });
}

/**
 * Opens a file through Quick Open (Ctrl+P) and waits for its tab: a file of the workspace by its
 * name, or any file by its absolute path. Enter waits until the file is the focused row: until
 * Quick Open has searched, it lists what it listed before (the files opened last, first).
 */
export async function openFile(page: Page, file: string): Promise<void> {
  const fileName = path.basename(file);
  await typeInQuickInput(page, 'Control+P', file, fileName, true);
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor();
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Runs a command from the palette by its label. A command that opens a quick pick of its own
 *  (`opensQuickPick`) reuses the palette's widget, which then never hides: wait for its pick instead. */
export async function runCommand(page: Page, label: string, opensQuickPick = false, timeout = UI_WAIT_MS): Promise<void> {
  await typeInQuickInput(page, 'F1', `>${label}`, label);
  await page.keyboard.press('Enter');
  if (opensQuickPick) {
    await page.waitForFunction(
      `(() => { const i = document.querySelector('.quick-input-widget input'); return !!i && !i.value.startsWith('>'); })()`,
      undefined, { timeout });
  }
  else await quickInput(page).waitFor({ state: 'hidden', timeout });
}

/** The language shown in the status bar for the active editor. */
export function languageIndicator(page: Page): Locator {
  return page.locator('[id="status.editor.mode"]');
}

export async function waitForLanguage(page: Page, languageName: string, timeout = UI_WAIT_MS): Promise<void> {
  try {
    await languageIndicator(page).filter({ hasText: exactly(languageName) }).waitFor({ timeout });
  } catch (e) {
    const shown = await languageIndicator(page).innerText().catch(() => '(none)');
    throw new Error(`the status bar language stayed "${shown.trim()}" instead of "${languageName}" (${timeout / 1000} s)`, { cause: e });
  }
}

/** Collapses an Explorer section (e.g. the folder tree) so the sections below get its height. */
export async function collapseSection(page: Page, ariaLabelStart: string): Promise<void> {
  const header = page.locator(`.pane-header[aria-label^="${ariaLabelStart}"]`).first();
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  await page.locator(`.pane-header[aria-label^="${ariaLabelStart}"][aria-expanded="false"]`).first().waitFor();
}

export const outlinePane = (page: Page) => page.locator('.pane-body.outline-pane');

/**
 * As `npm start` runs it (a fresh profile), the extension shows the Outline beside the first letter
 * opened, without taking the focus (client/src/welcome.ts). (It used to focus the Outline and then
 * give the focus back: a palette opened in between closed, and two full runs under load failed so.)
 * Waits until the first screen is settled: the Outline's rows shown and the letter's editor focused.
 */
export async function waitForFirstLetterShown(page: Page, timeout = UI_WAIT_MS): Promise<void> {
  await outlinePane(page).locator('.monaco-list-row').first().waitFor({ timeout });
  await page.locator('.part.editor .monaco-editor.focused').first().waitFor({ timeout });
}

/** Outline rows at a tree level (1 = top), optionally with an exact name. */
export function outlineRows(page: Page, level: number, name?: string): Locator {
  const rows = outlinePane(page).locator(`.monaco-list-row[aria-level="${level}"]`);
  return name === undefined ? rows : rows.filter({ has: page.locator('.label-name', { hasText: exactly(name) }) });
}

/** Shows the Outline view for the active editor, with the folder tree collapsed above it. */
export async function showOutline(page: Page): Promise<void> {
  await runCommand(page, 'Explorer: Focus on Outline View');
  await outlinePane(page).waitFor();
  await collapseSection(page, 'Explorer Section');
  await outlinePane(page).locator('.monaco-list-row').first().waitFor();
}

/** Drags the sash between the side bar and the editor until the side bar is `width` pixels wide. */
export async function setSideBarWidth(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  if (!box) throw new Error('the side bar is not visible');
  const edge = box.x + box.width;
  // The vertical sash on the side bar's right edge.
  let sash: { x: number; y: number } | undefined;
  for (const candidate of await page.locator('.monaco-sash.vertical').all()) {
    const b = await candidate.boundingBox();
    if (b && b.height > box.height / 2 && Math.abs(b.x + b.width / 2 - edge) <= 4) sash = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }
  if (!sash) throw new Error(`no sash at the side bar's edge (x = ${edge})`);
  await page.mouse.move(sash.x, sash.y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, sash.y, { steps: 10 });
  await page.mouse.up();
  const now = await sidebar.boundingBox();
  if (!now || Math.abs(now.width - width) > 8) throw new Error(`the side bar is ${now?.width} px wide, not ${width}`);
}

/** Moves the cursor of the active editor to a 1-based line and column through Go to Line (Ctrl+G). */
export async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = quickInput(page).locator('input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  await page.locator('[id="status.editor.selection"]').filter({ hasText: exactly(`Ln ${line}, Col ${column}`) }).waitFor();
}

/**
 * The centre of `length` characters starting at 0-based `offset` in the rendered editor line whose
 * text contains `lineText` (the line must be on screen). Monaco renders spaces as no-break spaces.
 */
export async function textPoint(page: Page, lineText: string, offset: number, length = 1): Promise<{ x: number; y: number }> {
  // Runs in the page; this project compiles without the DOM library, hence the minimal types.
  interface DomNode {
    textContent: string | null;
  }
  interface DomRange {
    setStart(node: DomNode, offset: number): void;
    setEnd(node: DomNode, offset: number): void;
    getBoundingClientRect(): { x: number; y: number; width: number; height: number };
  }
  interface Dom {
    querySelectorAll(selector: string): Iterable<DomNode>;
    createTreeWalker(root: DomNode, whatToShow: number): { nextNode(): DomNode | null };
    createRange(): DomRange;
  }
  const point = await page.evaluate(
    ({ lineText, offset, length }) => {
      const dom = (globalThis as unknown as { document: Dom }).document;
      const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
      for (const line of dom.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')) {
        const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
        const at = text.indexOf(lineText);
        if (at < 0) continue;
        const walker = dom.createTreeWalker(line, SHOW_TEXT);
        const range = dom.createRange();
        const start = at + offset;
        const end = start + length;
        let seen = 0;
        let started = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const n = node.textContent?.length ?? 0;
          if (!started && start < seen + n) {
            range.setStart(node, start - seen);
            started = true;
          }
          if (started && end <= seen + n) {
            range.setEnd(node, end - seen);
            const r = range.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }
          seen += n;
        }
      }
      return null;
    },
    { lineText, offset, length },
  );
  if (!point) throw new Error(`no rendered editor line contains "${lineText}"`);
  return point;
}

/** The editor hover widget while it is shown. */
export function hoverWidget(page: Page): Locator {
  return page.locator('.monaco-editor .monaco-hover:not(.hidden)');
}

/** Opens the notification center (notification toasts may be suppressed, e.g. under the smoke-test driver). */
/**
 * The notification whose text matches `pattern`, as a toast or in the notifications center. A
 * toast can go to the center on its own (the center was open, or the workbench moved it there);
 * then the bell in the status bar shows that there are unread notifications and the center is
 * opened to read them.
 */
export async function waitForNotification(page: Page, pattern: RegExp, timeout = UI_WAIT_MS): Promise<Locator> {
  const center = page.locator('.notifications-center.visible');
  const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: pattern });
  const listed = center.locator('.notification-list-item', { hasText: pattern });
  const bell = page.locator('[id="status.notifications"]');
  const unread = bell.filter({ has: page.locator('.codicon-bell-dot') }).or(bell.filter({ hasText: /New Notification/ }));
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await toast.count()) return toast.first();
    if (await listed.count()) return listed.first();
    const left = deadline - Date.now();
    if (left <= 0) {
      const shown = await page.locator('.notification-list-item').allInnerTexts();
      throw new Error(`no notification matching ${pattern} in ${timeout / 1000} s; shown: ${JSON.stringify(shown)}`);
    }
    if (await center.count()) {
      await toast.or(listed).first().waitFor({ timeout: left }).catch(() => undefined);
    } else {
      await toast.or(unread).first().waitFor({ timeout: left }).catch(() => undefined);
      if (!(await toast.count()) && (await unread.count()) && !(await center.count())) {
        await bell.click();
        await center.waitFor({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => undefined);
      }
    }
  }
}
