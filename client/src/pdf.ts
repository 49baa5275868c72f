/**
 * PDF letters. The server reads a PDF's text with pdf.js; the client shows it as a read-only letter
 * named so it cannot be taken for the PDF itself: `CM16-0239569 (letter text)`. Ways in:
 *
 *   - IMR: Open PDF Letter (palette, Explorer context menu, and the title bar of a PDF's editor);
 *   - the custom editor `imr.pdfLetter` ("IMR Letter Text"), offered by Reopen Editor With and
 *     Open With, which opens the letter text in its place;
 *   - a one-time offer when a PDF is opened in VS Code's binary file editor, with "Always".
 *
 * A PDF that cannot be read (damaged, password-protected, scanned) is explained in the editor where
 * the letter would have been, not only in a message that may go unseen.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LANGUAGE_ID, PDF_SCHEME, pdfLetterUri, pdfOfLetterUri } from '../../server/src/protocol';
import type { ServerConnection } from './connection';

export const PDF_EDITOR = 'imr.pdfLetter';
/** globalState key: the offer to open PDFs as letter text has been made. */
const OFFER_MADE = 'imr.pdfOfferMade';

/** The read-only letter-text view of a PDF: `imr-pdf:/dir/NAME (letter text)?<file URI>` (protocol.ts). */
export function letterTextUri(pdf: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(pdfLetterUri(pdf.toString()));
}

/** The PDF a view of this extension shows (`imr-pdf:` letter text or failure view). */
function pdfOf(uri: vscode.Uri): vscode.Uri {
  const pdf = pdfOfLetterUri(uri.toString());
  return pdf ? vscode.Uri.parse(pdf) : vscode.Uri.file(uri.path);
}

/** The view that explains why a PDF cannot be shown: `imr-pdf:/dir/NAME.pdf (cannot be read)?<file URI>`. */
function failureUri(pdf: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: PDF_SCHEME, path: `${pdf.path} (cannot be read)`, query: pdf.toString() });
}

/** What to do about a PDF that cannot be read, for the failure view. */
function explanation(pdf: vscode.Uri, reason: string): string {
  return [
    `${path.basename(pdf.fsPath)} cannot be shown as an IMR letter.`,
    '',
    reason,
    '',
    'What you can do:',
    '- If a PDF viewer opens the file, save its text (for example with pdftotext) and open the .txt file here.',
    '- A scanned letter (pictures of pages, no text) needs text recognition (OCR) first.',
    '- A damaged or incomplete file: download it again.',
    '',
    `File: ${pdf.fsPath}`,
    '',
  ].join('\n');
}

export class PdfLetters {
  private readonly failures = new Map<string, string>();

  constructor(private readonly server: ServerConnection) {}

  /** Content of the `imr-pdf:` documents: a PDF's letter text, or why it cannot be read. */
  readonly provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent: async (uri, token) => {
      const pdf = pdfOf(uri);
      if (uri.path.endsWith(' (cannot be read)')) return explanation(pdf, this.failures.get(pdf.toString()) ?? 'The PDF could not be read.');
      const result = await (await this.server.ready()).readPdf({ path: pdf.fsPath }, token);
      if (!result.ok) {
        this.failures.set(pdf.toString(), result.message);
        return '';
      }
      this.failures.delete(pdf.toString());
      return result.text;
    },
  };

  /**
   * Opens a PDF (the argument, or one the user picks) as a read-only letter in `viewColumn`; returns
   * the letter, or undefined when the PDF cannot be read (then the reason is shown in its place).
   */
  async open(arg?: unknown, viewColumn?: vscode.ViewColumn): Promise<vscode.TextDocument | undefined> {
    let file = arg instanceof vscode.Uri ? arg : undefined;
    if (!file) {
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'PDF letters': ['pdf'] }, openLabel: 'Open PDF Letter' });
      if (!picked?.length) return undefined;
      file = picked[0];
    }
    if (file.scheme !== 'file') {
      void vscode.window.showWarningMessage('Only PDF files on this machine can be opened as letters.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(letterTextUri(file));
    const failure = this.failures.get(file.toString());
    if (failure) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(failureUri(file)), { preview: false, viewColumn });
      void vscode.window.showErrorMessage(`Cannot open the PDF as a letter. ${failure}`);
      return undefined;
    }
    const letter = doc.languageId === LANGUAGE_ID ? doc : await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    await vscode.window.showTextDocument(letter, { preview: false, viewColumn });
    return letter;
  }

  /** The custom editor: opens the letter text in its place, then closes itself; explains a failure in place. */
  readonly editor: vscode.CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
    resolveCustomEditor: async (document, panel) => {
      panel.webview.options = { enableScripts: false };
      panel.webview.html = page(`Reading the letter text of ${path.basename(document.uri.fsPath)}…`);
      const letter = await this.open(document.uri, panel.viewColumn);
      if (letter) panel.dispose();
      else panel.webview.html = page(explanation(document.uri, this.failures.get(document.uri.toString()) ?? 'The PDF could not be read.'));
    },
  };

  /**
   * The first time a PDF shows in another editor (VS Code's "binary file" page, or a PDF viewer),
   * offers the letter text instead, and to make that the default for PDFs. PDFs already open when
   * the extension starts count too.
   */
  offerOnce(context: vscode.ExtensionContext): vscode.Disposable {
    const pdfTab = (tabs: readonly vscode.Tab[]) =>
      tabs.find((t) => {
        if (t.input instanceof vscode.TabInputCustom && t.input.viewType === PDF_EDITOR) return false;
        const uri = (t.input as { uri?: unknown } | undefined)?.uri;
        return uri instanceof vscode.Uri && uri.scheme === 'file' && /\.pdf$/i.test(uri.path);
      });
    let asked = context.globalState.get<boolean>(OFFER_MADE) === true;
    const offer = async (tab: vscode.Tab | undefined) => {
      if (!tab || asked) return;
      asked = true;
      await context.globalState.update(OFFER_MADE, true);
      const pdf = (tab.input as { uri: vscode.Uri }).uri;
      const choice = await vscode.window.showInformationMessage(
        `Show ${path.basename(pdf.fsPath)} as the text of an IMR letter, with its outline and checks?`,
        'Open as Letter Text',
        'Always for PDFs',
      );
      if (choice === 'Always for PDFs') {
        const workbench = vscode.workspace.getConfiguration('workbench');
        const associations = workbench.get<Record<string, string>>('editorAssociations') ?? {};
        await workbench.update('editorAssociations', { ...associations, '*.pdf': PDF_EDITOR }, vscode.ConfigurationTarget.Global);
      }
      if (choice) await this.open(pdf, tab.group.viewColumn);
    };
    void offer(pdfTab(vscode.window.tabGroups.all.flatMap((g) => g.tabs)));
    return vscode.window.tabGroups.onDidChangeTabs((e) => offer(pdfTab(e.opened)));
  }
}

/** A webview page of plain text, with a policy that loads nothing. */
function page(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';"></head>
<body><pre style="white-space: pre-wrap; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); color: var(--vscode-foreground);">${escaped}</pre></body></html>`;
}

export function registerPdfLetters(context: vscode.ExtensionContext, server: ServerConnection): void {
  const pdfs = new PdfLetters(server);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PDF_SCHEME, pdfs.provider),
    vscode.window.registerCustomEditorProvider(PDF_EDITOR, pdfs.editor, { supportsMultipleEditorsPerDocument: true }),
    vscode.commands.registerCommand('imr.openPdf', (arg?: unknown) => pdfs.open(arg)),
    pdfs.offerOnce(context),
  );
}
