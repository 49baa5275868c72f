/**
 * Find Similar Decisions: for the item at the cursor (or the one whose code lens was clicked), the
 * items of the letter library with the most similar request and, where cited, the same guideline
 * section, Overturned first. Shown in the Similar Decisions view (decision, date, reviewer
 * specialty; the rationale's closing sentence beneath), in a peek (Peek Similar Decisions), and
 * saved as a Markdown or CSV file (Export Similar Decisions…). The server finds them.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { SimilarDecision, SimilarDecisionsResult } from '../../server/src/library-protocol';
import { LANGUAGE_ID } from '../../server/src/protocol';
import type { ServerConnection } from './connection';
import { decisionIcon } from './library';

export const SIMILAR_VIEW = 'imr.similar';

type Node = { kind: 'query'; result: NonNullable<SimilarDecisionsResult> } | { kind: 'hit'; hit: SimilarDecision } | { kind: 'closing'; text: string };

class SimilarProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  result: SimilarDecisionsResult = null;

  show(result: SimilarDecisionsResult): void {
    this.result = result;
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'query') {
      const it = node.result.item;
      const t = new vscode.TreeItem(`Like: ${it.request}`, vscode.TreeItemCollapsibleState.None);
      t.description = [it.decision ?? 'no decision', it.caseNumber].filter(Boolean).join(' · ');
      t.iconPath = new vscode.ThemeIcon('search');
      t.tooltip = `Compared by the words ${it.words.map((w) => `“${w}”`).join(', ') || '(none)'}${it.cited.length ? ', and the guideline sections cited' : ''}. Overturned first.`;
      return t;
    }
    if (node.kind === 'closing') {
      const t = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      t.iconPath = new vscode.ThemeIcon('quote');
      t.tooltip = node.text;
      return t;
    }
    const h = node.hit;
    const t = new vscode.TreeItem(h.request, h.closing ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    t.description = [h.decision ?? 'no decision', h.decisionDate, h.specialties.join(', '), h.caseNumber].filter(Boolean).join(' · ');
    t.iconPath = decisionIcon(h.decision);
    t.tooltip = new vscode.MarkdownString(
      `**${h.decision ?? 'No decision'}**: ${h.request}\n\n${[h.caseNumber, h.decisionDate, h.specialties.join(', ')].filter(Boolean).join(' · ')}\n\n` +
        `${h.closing ? `> ${h.closing}\n\n` : ''}Shares: ${h.sharedWords.join(', ')}${h.sameCitation ? '; cites the same guideline section' : ''}`,
    );
    t.command = { command: 'imr.letters.open', title: 'Open Letter at Item', arguments: [h.uri, h.range] };
    t.contextValue = 'imr.similar';
    return t;
  }

  getChildren(node?: Node): Node[] {
    if (!this.result) return [];
    if (!node) return [{ kind: 'query', result: this.result }, ...this.result.results.map((hit): Node => ({ kind: 'hit', hit }))];
    if (node.kind === 'hit' && node.hit.closing) return [{ kind: 'closing', text: node.hit.closing }];
    return [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const COLUMNS = ['Decision', 'Decision date', 'Case number', 'Request', 'Reviewer specialty', 'Closing sentence', 'Same guideline section', 'Shared words', 'File', 'Line'];

function rows(result: NonNullable<SimilarDecisionsResult>): string[][] {
  return result.results.map((h) => [
    h.decision ?? 'no decision',
    h.decisionDate ?? '',
    h.caseNumber ?? '',
    h.request,
    h.specialties.join('; '),
    h.closing ?? '',
    h.sameCitation ? 'yes' : 'no',
    h.sharedWords.join(' '),
    vscode.Uri.parse(h.uri).fsPath,
    String(h.range.start.line + 1),
  ]);
}

/** The results as a Markdown document: a heading naming the item, then one table row per decision. */
export function similarMarkdown(result: NonNullable<SimilarDecisionsResult>): string {
  const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const it = result.item;
  return (
    `# Decisions similar to: ${cell(it.request)}\n\n` +
    `${[it.decision ?? 'no decision', it.caseNumber].filter(Boolean).join(', ')}. ${result.results.length} similar item${result.results.length === 1 ? '' : 's'}, Overturned first.\n\n` +
    `| ${COLUMNS.join(' | ')} |\n|${COLUMNS.map(() => ' --- |').join('')}\n` +
    rows(result)
      .map((r) => `| ${r.map(cell).join(' | ')} |`)
      .join('\n') +
    '\n'
  );
}

/** The results as CSV (RFC 4180 quoting, a header row). */
export function similarCsv(result: NonNullable<SimilarDecisionsResult>): string {
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [COLUMNS, ...rows(result)].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
}

export function registerSimilarDecisions(context: vscode.ExtensionContext, server: ServerConnection): void {
  const provider = new SimilarProvider();
  const view = vscode.window.createTreeView(SIMILAR_VIEW, { treeDataProvider: provider });
  context.subscriptions.push(view, provider);

  /** The similar items of an item: the one named by the arguments (code lens), else the one at the cursor. */
  const find = async (uriArg?: unknown, indexArg?: unknown, positionArg?: unknown): Promise<SimilarDecisionsResult> => {
    let uri: string;
    let position: vscode.Position | undefined;
    if (typeof uriArg === 'string' || uriArg instanceof vscode.Uri) {
      const target = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg;
      let doc = await vscode.workspace.openTextDocument(target);
      if (doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
      uri = doc.uri.toString();
      // A code lens names the item's heading: the letter it is in, in a merged case file.
      const p = positionArg as { line?: unknown; character?: unknown } | undefined;
      if (p && typeof p.line === 'number' && typeof p.character === 'number') position = new vscode.Position(p.line, p.character);
    } else {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== LANGUAGE_ID) {
        void vscode.window.showInformationMessage('Open an IMR letter and put the cursor on a disputed item to find similar decisions.');
        return null;
      }
      uri = editor.document.uri.toString();
      position = editor.selection.active;
    }
    const client = await server.ready();
    const result = await client.similarDecisions({
      uri,
      position: position ? { line: position.line, character: position.character } : undefined,
      index: typeof indexArg === 'number' ? indexArg : undefined,
    });
    if (!result) {
      void vscode.window.showInformationMessage('There is no disputed item at the cursor.');
      return null;
    }
    if (result.results.length === 0) {
      const why = result.status.state === 'indexing' ? ' yet: the library is still being indexed' : result.status.state === 'off' ? ': the letter library is off' : ' in the letter library';
      void vscode.window.showInformationMessage(`No similar decisions${why}.`);
    }
    return result;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('imr.findSimilar', async (uriArg?: unknown, indexArg?: unknown, positionArg?: unknown) => {
      const result = await find(uriArg, indexArg, positionArg);
      if (!result) return null;
      provider.show(result);
      await vscode.commands.executeCommand(`${SIMILAR_VIEW}.focus`);
      return result;
    }),
    vscode.commands.registerCommand('imr.peekSimilar', async (uriArg?: unknown, indexArg?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      const result = await find(uriArg, indexArg);
      if (!result || result.results.length === 0 || !editor) return result;
      provider.show(result);
      const locations = result.results.map(
        (h) => new vscode.Location(vscode.Uri.parse(h.uri), new vscode.Range(h.range.start.line, h.range.start.character, h.range.end.line, h.range.end.character)),
      );
      await vscode.commands.executeCommand('editor.action.peekLocations', editor.document.uri, editor.selection.active, locations, 'peek');
      return result;
    }),
    vscode.commands.registerCommand('imr.exportSimilar', async (arg?: unknown) => {
      const result = provider.result;
      if (!result) {
        void vscode.window.showInformationMessage('Run Find Similar Decisions on an item first.');
        return undefined;
      }
      const given = arg && typeof arg === 'object' ? (arg as { format?: string; output?: string }) : {};
      const format =
        given.format === 'md' || given.format === 'csv'
          ? given.format
          : (
              await vscode.window.showQuickPick(
                [
                  { label: 'Markdown table', description: 'for a brief or a note', format: 'md' as const },
                  { label: 'CSV', description: 'for a spreadsheet', format: 'csv' as const },
                ],
                { title: 'Export similar decisions as' },
              )
            )?.format;
      if (!format) return undefined;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `similar-decisions-${(result.item.caseNumber ?? 'letter').replace(/[^A-Za-z0-9-]+/g, '')}.${format}`;
      const target = given.output
        ? vscode.Uri.file(given.output)
        : await vscode.window.showSaveDialog({
            title: 'Save the similar decisions',
            defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
            filters: format === 'csv' ? { CSV: ['csv'] } : { Markdown: ['md'] },
          });
      if (!target) return undefined;
      const content = format === 'csv' ? similarCsv(result) : similarMarkdown(result);
      await vscode.workspace.fs.writeFile(target, Buffer.from(content, 'utf8'));
      if (!given.output) {
        void vscode.window.showInformationMessage(`Saved ${result.results.length} similar decisions to ${path.basename(target.fsPath)}.`, 'Open').then(async (a) => {
          if (a !== 'Open') return;
          if (format === 'md') await vscode.commands.executeCommand('markdown.showPreview', target);
          else await vscode.window.showTextDocument(target);
        });
      }
      return target.fsPath;
    }),
  );
}
