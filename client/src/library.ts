/**
 * The Letters view: the letter library of the workspace as a tree, grouped as the user picks (by
 * case, decision, guideline cited, reviewer specialty, decision month, or any grouping the server
 * offers), filtered by text. Each item shows its decision with an icon that differs in shape and
 * colour (Overturned: a green check; Upheld: a red slash); clicking it opens the letter at the
 * item. The server does the grouping (`imr/library/*`); the view only shows it.
 */
import * as vscode from 'vscode';
import type { DecisionWord, LibraryGroup, LibraryLetterNode, LibraryStatus, Rng } from '../../server/src/library-protocol';
import { LANGUAGE_ID, PDF_SCHEME } from '../../server/src/protocol';
import type { ServerConnection } from './connection';
import { plural } from '../../server/src/core/words';

export const LETTERS_VIEW = 'imr.letters';

type Node =
  | { kind: 'group'; group: LibraryGroup }
  | { kind: 'letter'; letter: LibraryLetterNode; group: string }
  | { kind: 'item'; letter: LibraryLetterNode; item: LibraryLetterNode['items'][number] }
  | { kind: 'more'; count: number }
  | { kind: 'message'; text: string };

/** The icon of a decision: a shape and a colour each tell it (for colour-blind users and themes alike). */
export function decisionIcon(decision: DecisionWord): vscode.ThemeIcon {
  if (decision === 'Overturned') return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'));
  if (decision === 'Upheld') return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('charts.red'));
  return new vscode.ThemeIcon('question', new vscode.ThemeColor('charts.yellow'));
}


/** Opens a letter of the library at a range (PDF letters as their read-only text view). */
export async function openLetterAt(uri: string, range: Rng): Promise<vscode.TextEditor> {
  const target = vscode.Uri.parse(uri);
  let doc = await vscode.workspace.openTextDocument(target);
  if (target.scheme === PDF_SCHEME && doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  const selection = new vscode.Range(range.start.line, range.start.character, range.start.line, range.start.character);
  const editor = await vscode.window.showTextDocument(doc, { selection, preview: true });
  editor.revealRange(selection, vscode.TextEditorRevealType.AtTop);
  return editor;
}

export class LettersProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  status: LibraryStatus | null = null;
  private groupersCache: { id: string; label: string }[] | null = null;

  constructor(
    private readonly server: ServerConnection,
    private readonly state: vscode.Memento,
    private readonly onStatus: (status: LibraryStatus | null) => void,
  ) {}

  get by(): string {
    return this.state.get<string>('imr.letters.groupBy', 'case');
  }

  get filter(): string {
    return this.state.get<string>('imr.letters.filter', '');
  }

  async setGrouping(by: string): Promise<void> {
    await this.state.update('imr.letters.groupBy', by);
    this.refresh();
  }

  async setFilter(filter: string): Promise<void> {
    await this.state.update('imr.letters.filter', filter.trim());
    await vscode.commands.executeCommand('setContext', 'imr.letters.filtered', filter.trim() !== '');
    this.refresh();
  }

  async groupers(): Promise<{ id: string; label: string }[]> {
    return (this.groupersCache ??= await (await this.server.ready()).libraryGroupers());
  }

  /** The current grouping's name ("Case number"), once the server has said. */
  get groupLabel(): string {
    return this.groupersCache?.find((g) => g.id === this.by)?.label ?? this.by;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const g = node.group;
        const t = new vscode.TreeItem(g.label, vscode.TreeItemCollapsibleState.Collapsed);
        t.id = `group:${this.by}:${g.key}`;
        t.description = `${plural(g.letters, 'letter')} · ${g.overturned} overturned, ${g.upheld} upheld`;
        t.tooltip = `${g.label}\n${plural(g.letters, 'letter')}, ${plural(g.items, 'item')}: ${g.overturned} overturned, ${g.upheld} upheld`;
        t.contextValue = 'imr.group';
        return t;
      }
      case 'letter': {
        const l = node.letter;
        const t = new vscode.TreeItem(l.caseNumber ?? 'Letter without a case number', vscode.TreeItemCollapsibleState.Collapsed);
        t.id = `letter:${this.by}:${node.group}:${l.id}`;
        t.description = [l.decisionDate, l.specialties.join(', ')].filter(Boolean).join(' · ');
        t.tooltip = new vscode.MarkdownString(
          `**${l.caseNumber ?? 'No case number'}**${l.decisionDate ? `, decided ${l.decisionDate}` : ''}\n\n${plural(l.items.length, 'item')} here\n\n` +
            `Sources:\n\n${l.sources.map((s, k) => `- ${k === 0 ? 'used' : 'also'}: \`${vscode.Uri.parse(s.uri).fsPath}\` (${s.kind})`).join('\n')}\n\n_${l.reason}_`,
        );
        t.iconPath = new vscode.ThemeIcon('mail');
        t.contextValue = 'imr.letter';
        t.command = { command: 'imr.letters.open', title: 'Open Letter', arguments: [l.uri, l.range] };
        return t;
      }
      case 'item': {
        const it = node.item;
        const t = new vscode.TreeItem(it.request || '(no request)', vscode.TreeItemCollapsibleState.None);
        t.description = it.decision ?? 'no decision';
        t.iconPath = decisionIcon(it.decision);
        t.tooltip = `${it.decision ?? 'No decision'}: ${it.request}\n${node.letter.caseNumber ?? ''} ${node.letter.decisionDate ?? ''}`.trim();
        t.contextValue = 'imr.item';
        t.command = { command: 'imr.letters.open', title: 'Open Letter at Item', arguments: [node.letter.uri, it.range] };
        t.accessibilityInformation = { label: `${it.request}, ${it.decision ?? 'no decision'}` };
        return t;
      }
      case 'more': {
        const t = new vscode.TreeItem(`${plural(node.count, 'more letter')}: filter to narrow the list`);
        t.iconPath = new vscode.ThemeIcon('ellipsis');
        t.command = { command: 'imr.letters.filter', title: 'Filter Letters' };
        return t;
      }
      case 'message':
        return new vscode.TreeItem(node.text);
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const client = await this.server.ready();
    if (!node) {
      await this.groupers();
      const result = await client.libraryGroups({ by: this.by, filter: this.filter });
      this.status = result.status;
      this.onStatus(result.status);
      return result.groups.map((group) => ({ kind: 'group', group }));
    }
    if (node.kind === 'group') {
      const r = await client.libraryGroup({ by: this.by, key: node.group.key, filter: this.filter });
      const letters: Node[] = r.letters.map((letter) => ({ kind: 'letter', letter, group: node.group.key }));
      return r.more > 0 ? [...letters, { kind: 'more', count: r.more }] : letters;
    }
    if (node.kind === 'letter') return node.letter.items.map((item) => ({ kind: 'item', letter: node.letter, item }));
    return [];
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** What the view says above its tree: indexing progress, the filter, or why it is empty. */
export function viewMessage(status: LibraryStatus | null, filter: string, groupLabel: string): string | undefined {
  if (!status) return 'Starting…';
  if (status.state === 'off') return 'The letter library is off (setting imr.library.enabled), or no folder is open.';
  const counts = `${plural(status.letters, 'letter')}${status.sources > status.letters ? ` (from ${status.sources} files)` : ''}, grouped by ${groupLabel.toLowerCase()}`;
  const parts = [status.state === 'indexing' ? `Indexing… ${status.sources} read so far` : counts];
  if (filter) parts.push(`filtered by “${filter}”`);
  if (status.state === 'ready' && status.letters === 0) return 'No IMR letters in this workspace (.txt letters, .imr and .pdf files are indexed).';
  return parts.join(' · ');
}

export function registerLettersView(context: vscode.ExtensionContext, server: ServerConnection): LettersProvider {
  let view: vscode.TreeView<Node> | undefined;
  const showMessage = (status: LibraryStatus | null) => {
    if (view) view.message = viewMessage(status, provider.filter, provider.groupLabel);
  };
  const provider = new LettersProvider(server, context.workspaceState, showMessage);
  view = vscode.window.createTreeView(LETTERS_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  void vscode.commands.executeCommand('setContext', 'imr.letters.filtered', provider.filter !== '');

  // Refresh when the library changes, at most every second while it is indexing.
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const onChange = (status: LibraryStatus) => {
    provider.status = status;
    showMessage(status);
    if (!view?.visible) return;
    const wait = status.state === 'indexing' ? Math.max(0, 1000 - (Date.now() - last)) : 0;
    clearTimeout(timer);
    timer = setTimeout(() => {
      last = Date.now();
      provider.refresh();
    }, wait);
  };
  context.subscriptions.push(
    view,
    provider,
    server.onLibraryChanged(onChange),
    view.onDidChangeVisibility((e) => {
      if (e.visible) provider.refresh();
    }),
    { dispose: () => clearTimeout(timer) },
  );
  context.subscriptions.push(
    vscode.commands.registerCommand('imr.letters.open', (uri: string, range: Rng) => openLetterAt(uri, range)),
    vscode.commands.registerCommand('imr.letters.groupBy', async (by?: unknown) => {
      const groupers = await provider.groupers();
      const id =
        typeof by === 'string' && groupers.some((g) => g.id === by)
          ? by
          : (
              await vscode.window.showQuickPick(
                groupers.map((g) => ({ label: g.label, id: g.id, description: g.id === provider.by ? 'current' : undefined })),
                { title: 'Group letters by' },
              )
            )?.id;
      if (id) await provider.setGrouping(id);
      showMessage(provider.status);
      return id;
    }),
    vscode.commands.registerCommand('imr.letters.filter', async (text?: unknown) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({
              title: 'Filter letters',
              prompt: 'Words that every item shown must contain (request, decision, case number, date, specialty, guideline)',
              value: provider.filter,
              placeHolder: 'for example: lidoderm overturned',
            });
      if (value === undefined) return undefined;
      await provider.setFilter(value);
      showMessage(provider.status);
      return value;
    }),
    vscode.commands.registerCommand('imr.letters.clearFilter', async () => {
      await provider.setFilter('');
      showMessage(provider.status);
    }),
    vscode.commands.registerCommand('imr.letters.refresh', () => provider.refresh()),
    // Turns on imr.library.problems (in your settings, not in the folder of letters) and shows the
    // Problems view, where the letters' problems arrive as the library is checked.
    vscode.commands.registerCommand('imr.letters.showProblems', async () => {
      const library = vscode.workspace.getConfiguration('imr.library');
      if (library.get<boolean>('problems') !== true) await library.update('problems', true, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return true;
    }),
  );
  return provider;
}
