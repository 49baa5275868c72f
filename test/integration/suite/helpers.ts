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

export { FIXTURES, ROOT };

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; publisher: string };
/** `publisher.name` from package.json. */
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
export const LANGUAGE_ID = 'imr';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Evaluates `probe` until it returns a value other than `undefined`/`false`, and returns that value.
 * Errors thrown by the probe count as "not yet" until the time runs out; then the last error (or the
 * description) is reported.
 */
export async function waitFor<T>(description: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
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

/** Every symbol of a tree, depth first. */
export function allSymbols(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...allSymbols(s.children)]);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
