/**
 * Helpers for the integration tests: polling with a time limit (the language server needs a moment
 * to start, and the extension re-labels letters asynchronously), opening fixtures, and reading the
 * expected values from the fixture manifests.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ExpectedLetter, loadLetters, loadSeeds } from '../../core/manifest';
import { FIXTURES, ROOT } from '../../paths';
import { tempDir } from '../../temp';

export { FIXTURES, ROOT };

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; publisher: string };
/** `publisher.name` from package.json. */
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
export const LANGUAGE_ID = 'imr';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * How long a test waits for the extension or the server to reach a state. Generous on purpose: CI
 * runs on a busy 2-core machine; a broken feature still fails, only later.
 */
export const WAIT_MS = 90_000;

/**
 * Evaluates `probe` until it returns a value other than `undefined`/`false`, and returns that value.
 * Errors thrown by the probe count as "not yet" until the time runs out; then the last error (or the
 * description) is reported.
 */
export async function waitFor<T>(description: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = WAIT_MS): Promise<T> {
  const started = Date.now();
  let lastError: unknown;
  let delay = 25;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() - started > timeoutMs) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${why}`);
    }
    await pause(delay);
    delay = Math.min(delay * 2, 250);
  }
}

export function seed(file: string): ExpectedLetter {
  const found = loadSeeds().find((l) => l.file === file);
  if (!found) throw new Error(`${file} is not in test/fixtures/seeds/MANIFEST.tsv`);
  return found;
}

export function letter(file: string): ExpectedLetter {
  const found = loadLetters().find((l) => l.file === file);
  if (!found) throw new Error(`${file} is not in test/fixtures/letters/MANIFEST.tsv`);
  return found;
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext;
}

/** Opens a file in an editor and waits until VS Code reports it with the IMR language. */
export async function openLetter(file: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.file(file);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return waitFor(`${path.basename(file)} to get language "${LANGUAGE_ID}"`, () => {
    const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return current?.languageId === LANGUAGE_ID ? current : undefined;
  });
}

/**
 * The document symbols of a document, once the language server answers with a non-empty
 * hierarchical outline (before the server is up, the provider answers nothing).
 */
export async function documentSymbols(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
  return waitFor(`document symbols for ${path.basename(doc.uri.fsPath)}`, async () => {
    const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      doc.uri,
    );
    if (!symbols || symbols.length === 0) return undefined;
    if (!symbols.every((s) => 'children' in s)) throw new Error('the provider answered flat SymbolInformation, not DocumentSymbols');
    return symbols as vscode.DocumentSymbol[];
  });
}

export async function foldingRanges(doc: vscode.TextDocument): Promise<vscode.FoldingRange[]> {
  return waitFor(`folding ranges for ${path.basename(doc.uri.fsPath)}`, async () => {
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>('vscode.executeFoldingRangeProvider', doc.uri);
    return ranges && ranges.length > 0 ? ranges : undefined;
  });
}

/** The section heading the disputed items follow, as the outline names it. */
export const ISSUES_SECTION = /^IMR issues, decisions and rationales$/i;

/** Symbol kind of an item by its decision (a distinct icon each). */
export const DECISION_KINDS: Record<string, vscode.SymbolKind> = { Upheld: vscode.SymbolKind.Event, Overturned: vscode.SymbolKind.EnumMember };

/**
 * The disputed items of an outline: at the top level after the issues section's heading (which keeps
 * no item), so that with the Outline collapsed every decision shows. Throws when there is no such
 * heading or it still holds the items.
 */
export function itemSymbols(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  const issues = symbols.findIndex((s) => ISSUES_SECTION.test(s.name));
  if (issues < 0) throw new Error(`no issues section among ${JSON.stringify(symbols.map((s) => s.name))}`);
  if (symbols[issues].children.length > 0) throw new Error(`the issues section holds ${symbols[issues].children.length} children; the items should follow it`);
  return symbols.slice(issues + 1).filter((s) => s.kind !== vscode.SymbolKind.Namespace);
}

/** Every symbol of a tree, depth first. */
export function allSymbols(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...allSymbols(s.children)]);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A new folder under the system temp folder, for copies of fixtures (tests never write into test/fixtures); removed when the suite's run ends. */
export function tempFolder(name: string): string {
  return tempDir(`imr-integration-${name}-`);
}

/** Copies a fixture into `folder` (optionally under another name, with its text changed) and returns the copy's path. */
export function copyFixture(file: string, folder: string, options: { name?: string; edit?: (text: string) => string } = {}): string {
  const target = path.join(folder, options.name ?? path.basename(file));
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(target, options.edit ? options.edit(text) : text);
  return target;
}

/** The position `delta` characters after the first occurrence of `needle` in a document. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in ${path.basename(doc.uri.fsPath)}`);
  return doc.positionAt(at + delta);
}

/** The text of hover contents (Markdown strings, marked strings), joined. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n\n');
}

/** The hovers at a position, once the language server answers with at least one. */
export async function hoversAt(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover[]> {
  return waitFor(`a hover at ${path.basename(doc.uri.fsPath)}:${position.line + 1}:${position.character + 1}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[] | undefined>('vscode.executeHoverProvider', doc.uri, position);
    return hovers && hovers.length > 0 && hoverText(hovers).trim() !== '' ? hovers : undefined;
  });
}

/** A diagnostic's code as a string (codes may come as `{ value, target }`). */
export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** The diagnostics of a document once `ready` holds for them (the client pulls them after the document opens). */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  description: string,
  ready: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  let last: vscode.Diagnostic[] = [];
  try {
    return await waitFor(
      `diagnostics of ${path.basename(uri.fsPath)}: ${description}`,
      () => {
        last = vscode.languages.getDiagnostics(uri);
        return ready(last) ? last : undefined;
      },
      timeoutMs,
    );
  } catch (e) {
    const shown = last.map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`).join(', ');
    throw new Error(`${(e as Error).message}; last seen: [${shown}]`);
  }
}

/**
 * Opens a letter that has not been open before and waits until the language server has reported
 * its diagnostics, even an empty list (for a clean letter nothing ever "appears" to poll for).
 */
export async function openLetterAndDiagnostics(file: string): Promise<{ doc: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
  const uri = vscode.Uri.file(file);
  let reported = false;
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => u.toString() === uri.toString())) reported = true;
  });
  try {
    const doc = await openLetter(file);
    await waitFor(`a diagnostics report for ${path.basename(file)}`, () => reported);
    return { doc, diagnostics: vscode.languages.getDiagnostics(uri) };
  } finally {
    sub.dispose();
  }
}

/**
 * A value of the letter's header table, read from the text itself: the F1b header writes its labels
 * one per line ("Case Number:", "Date Assigned:", "Decision Date:", ...), then the values in the same
 * order after a blank line.
 */
export function headerValue(text: string, label: string): string | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/^\f/, '').trim());
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines.slice(0, 40)) {
    if (line === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length) blocks.push(current);
  for (let b = 0; b + 1 < blocks.length; b++) {
    const at = blocks[b].indexOf(label);
    if (at >= 0 && blocks[b].every((l) => l.endsWith(':'))) return blocks[b + 1][at];
  }
  return undefined;
}
