/**
 * IMR: Show Insights. The panel's code (dist/insights-panel.js, with the CSV writer) loads on the
 * command's first use, keeping activation small.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { ServerConnection } from './connection';

type Panel = typeof import('./insights-panel');

export function registerInsights(context: vscode.ExtensionContext, server: ServerConnection, output: vscode.LogOutputChannel): void {
  let loaded: Panel | undefined;
  // A computed path keeps the panel out of the activation bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const panel = () => (loaded ??= require(path.join(__dirname, 'insights-panel.js')) as Panel);
  context.subscriptions.push(
    vscode.commands.registerCommand('imr.showInsights', (arg?: unknown) => panel().showInsights(context, server, output, arg)),
    // Automation: save a chart (png, svg) or table (csv) of the open panel to a path, without a dialog.
    vscode.commands.registerCommand('imr.saveInsights', (arg: { table: string; kind: 'png' | 'svg' | 'csv'; path: string }) => panel().saveInsights(arg)),
  );
}
