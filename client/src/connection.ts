/**
 * The language server, started on first need: when a letter opens, or when a command asks it
 * something before any letter is open. The language client itself (dist/lsp.js) is loaded only
 * then, which keeps activation fast.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LibraryStatus } from '../../server/src/library-protocol';
import type { LetterStatus } from '../../server/src/protocol';
import type { ImrLanguageClient } from './lsp';

type Lsp = typeof import('./lsp');

export class ServerConnection implements vscode.Disposable {
  private client: ImrLanguageClient | undefined;
  private started: Promise<ImrLanguageClient> | undefined;
  private readonly statusEmitter = new vscode.EventEmitter<LetterStatus>();
  /** What the server made of a letter, after each check. */
  readonly onLetterStatus = this.statusEmitter.event;
  private readonly libraryEmitter = new vscode.EventEmitter<LibraryStatus>();
  /** The letter library changed (files indexed, changed or removed). */
  readonly onLibraryChanged = this.libraryEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** The running server, started on demand (the first call starts it). */
  ready(): Promise<ImrLanguageClient> {
    if (!this.started) {
      // A computed path keeps the language client out of the activation bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const lsp = require(path.join(__dirname, 'lsp.js')) as Lsp;
      const client = new lsp.ImrLanguageClient(this.context, this.output);
      client.onLetterStatus((st) => this.statusEmitter.fire(st));
      client.onLibraryChanged((st) => this.libraryEmitter.fire(st));
      this.client = client;
      this.started = client.start().then(() => client);
    }
    return this.started;
  }

  async restart(): Promise<void> {
    if (this.client) await this.client.restart();
    else await this.ready();
  }

  async stop(): Promise<void> {
    if (this.client) await this.client.stop();
  }

  /** Has the server been started (a view can wait to be shown before starting it)? */
  get isStarted(): boolean {
    return this.started !== undefined;
  }

  dispose(): void {
    this.statusEmitter.dispose();
    this.libraryEmitter.dispose();
  }
}
