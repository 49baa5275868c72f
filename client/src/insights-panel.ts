/**
 * IMR: Show Insights — the statistics of the workspace's letters, a folder's or the open letters',
 * as charts and tables in a webview (client/webview/insights.ts draws them). The server counts;
 * this module asks it, shows the panel, opens the items the user picks and saves what the user
 * asks for (PNG, SVG, CSV) where the user says. Bundled on its own (dist/insights-panel.js) and
 * loaded on the first use of the command.
 */
import { randomBytes } from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { statsCsv } from '../../server/src/export/stats-format';
import type { InsightsParams, InsightsResult } from '../../server/src/insights-protocol';
import { LANGUAGE_ID } from '../../server/src/protocol';
import type { ExportKind, FromView, ToView } from '../webview/messages';
import type { ServerConnection } from './connection';
import { insightsPage } from './insights-html';
import { plural } from '../../server/src/core/words';

/** What the command resolves to once the charts are drawn (for automation and tests). */
export interface InsightsShown {
  letters: number;
  items: number;
  files: number;
  failures: number;
  /** Milliseconds the server took to read and count. */
  serverMs: number;
  /** Milliseconds from the data reaching the panel to the first chart, and to every chart. */
  firstChartMs: number;
  allChartsMs: number;
  charts: { table: string; bars: number }[];
}

/** Automation may give the scope instead of picking it: files and folders, and/or the open letters. */
interface GivenScope {
  inputs?: string[];
  open?: boolean;
}

interface Scope {
  params: InsightsParams;
  label: string;
}

let panel: InsightsPanel | undefined;

export async function showInsights(context: vscode.ExtensionContext, server: ServerConnection, output: vscode.LogOutputChannel, arg?: unknown): Promise<InsightsShown | undefined> {
  const scope = await chooseScope(arg);
  if (!scope) return undefined;
  if (scope.params.inputs.length === 0 && !scope.params.open?.length) {
    void vscode.window.showInformationMessage(scope.label === 'Open letters' ? 'No IMR letter is open.' : 'Open a folder of letters first.');
    return undefined;
  }
  const client = await server.ready();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Counting IMR decisions', cancellable: true },
    (progress, token) => {
      let last = 0;
      return client.insights(scope.params, token, (p) => {
        const pct = p.percentage ?? last;
        progress.report({ message: p.message, increment: Math.max(0, pct - last) });
        last = pct;
      });
    },
  );
  for (const f of result.failures) output.warn(`Insights: ${f.file}: ${f.reason}`);
  if (result.cancelled) {
    void vscode.window.showInformationMessage('Insights cancelled.');
    return undefined;
  }
  output.info(`Insights (${scope.label}): ${plural(result.stats.letters, 'letter')}, ${plural(result.stats.items, 'item')} from ${plural(result.files, 'file')} in ${result.ms} ms`);
  if (!panel || panel.disposed) panel = new InsightsPanel(context);
  const rendered = await panel.show(result, scope.label);
  output.info(`Insights panel: first chart ${rendered.firstChartMs} ms, all charts ${rendered.allChartsMs} ms after the data arrived`);
  return {
    letters: result.stats.letters,
    items: result.stats.items,
    files: result.files,
    failures: result.failures.length,
    serverMs: result.ms,
    firstChartMs: rendered.firstChartMs,
    allChartsMs: rendered.allChartsMs,
    charts: rendered.charts,
  };
}

/** Saves a chart or table of the open panel to `file` without asking (automation and tests). */
export async function saveInsights(arg: { table: string; kind: ExportKind; path: string }): Promise<string | undefined> {
  if (!panel || panel.disposed) return undefined;
  return panel.saveTo(arg.table, arg.kind, vscode.Uri.file(arg.path));
}

async function chooseScope(arg: unknown): Promise<Scope | undefined> {
  // The letters open in editor tabs: VS Code keeps closed documents loaded for a while, and those
  // are not what the user sees as open.
  const openLetters = () => {
    const inTabs = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) inTabs.add(tab.input.uri.toString());
    }
    return vscode.workspace.textDocuments.filter((d) => d.languageId === LANGUAGE_ID && inTabs.has(d.uri.toString())).map((d) => d.uri.toString());
  };
  if (arg instanceof vscode.Uri) return { params: { inputs: [arg.fsPath] }, label: vscode.workspace.asRelativePath(arg, true) };
  if (arg && typeof arg === 'object') {
    const given = arg as GivenScope;
    const inputs = Array.isArray(given.inputs) ? given.inputs.map(String) : [];
    return { params: { inputs, open: given.open ? openLetters() : [] }, label: given.open && !inputs.length ? 'Open letters' : inputs.map((i) => path.basename(i)).join(', ') };
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  const open = openLetters();
  type Pick = vscode.QuickPickItem & { scope?: () => Promise<Scope | undefined> };
  const picks: Pick[] = [];
  if (folders.length)
    picks.push({
      label: 'Workspace',
      description: folders.map((f) => f.name).join(', '),
      detail: 'Every letter in the workspace folders (text and PDF)',
      scope: async () => ({ params: { inputs: folders.map((f) => f.uri.fsPath) }, label: `Workspace: ${folders.map((f) => f.name).join(', ')}` }),
    });
  picks.push({
    label: 'Open letters',
    description: `${open.length} open`,
    detail: 'The letters open in the editor, as they are now',
    scope: async () => ({ params: { inputs: [], open }, label: 'Open letters' }),
  });
  picks.push({
    label: 'A folder…',
    detail: 'Choose a folder of letters',
    scope: async () => {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Show Insights' });
      return picked?.[0] ? { params: { inputs: [picked[0].fsPath] }, label: picked[0].fsPath } : undefined;
    },
  });
  const choice = await vscode.window.showQuickPick(picks, { title: 'IMR: Show Insights for', placeHolder: 'Which letters?' });
  return choice?.scope?.();
}

class InsightsPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly ready: Promise<void>;
  private rendered: ((r: Extract<FromView, { type: 'rendered' }>) => void) | undefined;
  private readonly exports = new Map<number, (data: string | null) => void>();
  private nextExport = 0;
  private result: InsightsResult | undefined;
  disposed = false;

  constructor(context: vscode.ExtensionContext) {
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel('imr.insights', 'IMR Insights', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist],
      retainContextWhenHidden: true,
    });
    const webview = this.panel.webview;
    let onReady!: () => void;
    this.ready = new Promise((resolve) => (onReady = resolve));
    webview.onDidReceiveMessage((m: FromView) => {
      switch (m.type) {
        case 'ready':
          onReady();
          break;
        case 'rendered':
          this.rendered?.(m);
          break;
        case 'open':
          void openItem(m.source, m.line);
          break;
        case 'save':
          void this.saveAsked(m.table, m.kind, m.data);
          break;
        case 'exported':
          this.exports.get(m.id)?.(m.data);
          this.exports.delete(m.id);
          break;
        case 'selected':
          break;
      }
    });
    this.panel.onDidDispose(() => {
      this.disposed = true;
      for (const resolve of this.exports.values()) resolve(null);
    });
    webview.html = insightsPage({
      cspSource: webview.cspSource,
      script: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'insights-view.js')).toString(),
      style: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'insights-view.css')).toString(),
      nonce: randomBytes(18).toString('base64'),
    });
  }

  async show(result: InsightsResult, scope: string): Promise<Extract<FromView, { type: 'rendered' }>> {
    this.result = result;
    this.panel.reveal();
    await this.ready;
    const drawn = new Promise<Extract<FromView, { type: 'rendered' }>>((resolve) => (this.rendered = resolve));
    await this.post({ type: 'data', result, scope });
    return drawn;
  }

  private post(m: ToView): Thenable<boolean> {
    return this.panel.webview.postMessage(m);
  }

  /** The content of a chart (png, svg: drawn by the webview) or a table (csv). */
  private async content(table: string, kind: ExportKind, given?: string): Promise<Uint8Array | undefined> {
    if (kind === 'csv') {
      if (!this.result) return undefined;
      const bom = vscode.workspace.getConfiguration('imr').get<boolean>('csvBom', false);
      return Buffer.from(statsCsv(this.result.stats, { bom, tables: table === 'all' ? undefined : [table] }), 'utf8');
    }
    let data = given;
    if (data === undefined) {
      const id = ++this.nextExport;
      const answer = new Promise<string | null>((resolve) => this.exports.set(id, resolve));
      await this.post({ type: 'export', id, kind, table });
      data = (await answer) ?? undefined;
    }
    if (data === undefined) return undefined;
    return kind === 'png' ? Buffer.from(data, 'base64') : Buffer.from(data, 'utf8');
  }

  async saveTo(table: string, kind: ExportKind, target: vscode.Uri): Promise<string | undefined> {
    const bytes = await this.content(table, kind);
    if (!bytes) return undefined;
    await vscode.workspace.fs.writeFile(target, bytes);
    return target.fsPath;
  }

  private async saveAsked(table: string, kind: ExportKind, data?: string): Promise<void> {
    const bytes = await this.content(table, kind, data);
    if (!bytes) {
      void vscode.window.showErrorMessage('The chart could not be saved.');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `imr-insights-${table === 'all' ? 'all-tables' : table.replace(/^by/, '').replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()).replace(/^-/, '')}.${kind}`;
    const filters: Record<ExportKind, Record<string, string[]>> = { png: { 'PNG picture': ['png'] }, svg: { 'SVG picture': ['svg'] }, csv: { 'CSV spreadsheet': ['csv'] } };
    const target = await vscode.window.showSaveDialog({ title: 'Save insights', defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: filters[kind] });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    const choice = await vscode.window.showInformationMessage(`Saved ${path.basename(target.fsPath)}.`, 'Open');
    if (choice === 'Open') await vscode.commands.executeCommand('vscode.open', target);
  }
}

/** Opens the letter of an item at its heading: a file path (text or PDF) or an open document's URI. */
async function openItem(source: string, line: number): Promise<void> {
  const isUri = /^[a-z][a-z0-9+.-]+:/i.test(source) && !/^[a-z]:[\\/]/i.test(source);
  const selection = new vscode.Range(line, 0, line, 0);
  try {
    if (!isUri && /\.pdf$/i.test(source)) {
      const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('imr.openPdf', vscode.Uri.file(source));
      if (doc) await vscode.window.showTextDocument(doc, { selection, preview: false });
      return;
    }
    const uri = isUri ? vscode.Uri.parse(source) : vscode.Uri.file(source);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { selection, preview: false, viewColumn: vscode.ViewColumn.Beside });
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot open ${source}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
