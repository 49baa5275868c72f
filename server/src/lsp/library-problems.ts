/**
 * workspace/diagnostic: the problems of every letter in the library that is not open, for the
 * Problems view (setting `imr.library.problems`). The index keeps each text file's diagnostics
 * (default settings) when the setting is on; here the user's severity settings are applied and
 * each file is reported once, then again only when it changed (its result id: the file's stamp
 * and the severity settings). A pull with nothing new to say is held until the library changes,
 * a letter is closed or the settings change (the client asks again as soon as it is answered),
 * so an idle workspace costs nothing.
 */
import type { CancellationToken, Diagnostic, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import type { FileEntry, Severity } from '../core';
import { LEVELS, SEVERITY } from './diagnostics';

/** What the report needs of the library feature. */
export interface ProblemsSource {
  /** The library's text files (none when the setting is off or the library is off). */
  files(): Iterable<FileEntry>;
  uriOf(file: string): string;
  /** Is the document open in the editor (its own diagnostics are pulled for it)? */
  isOpen(uri: string): boolean;
  /** The user's severity per rule code (`imr.severity`). */
  severities(): Promise<Readonly<Record<string, string>>>;
}

/** The result id of a report that cleared a file: not cleared again while the client holds it. */
const CLEARED = 'cleared';

export class LibraryProblems {
  private waiters: (() => void)[] = [];
  /** Letters closed in the editor, with how many more reports each gets (`closedInEditor`). */
  private readonly closing = new Map<string, number>();

  constructor(private readonly source: ProblemsSource) {}

  /** A letter was closed in the editor: its next two reports are sent whatever the client holds. */
  closedInEditor(uri: string): void {
    this.closing.set(uri, 2);
    this.wake();
  }

  /** Something a report depends on changed: held pulls look again. */
  wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }

  /** The reports of the files whose problems changed since `previous` (the client's result ids). */
  async pull(previous: readonly { uri: string; value: string }[], token: CancellationToken): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const before = new Map(previous.map((p) => [p.uri, p.value]));
    for (;;) {
      const items = await this.reports(before);
      if (items.length > 0 || token.isCancellationRequested) return items;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        token.onCancellationRequested(() => resolve());
      });
      if (token.isCancellationRequested) return [];
    }
  }

  /** How many reports a closed letter still gets (2, 1; 0 when none), counting this one. */
  private take(uri: string): number {
    const n = this.closing.get(uri) ?? 0;
    if (n <= 1) this.closing.delete(uri);
    else this.closing.set(uri, n - 1);
    return n;
  }

  /**
   * The problems of one file that is not open, for its document pull: when a letter is closed the
   * client asks for its diagnostics once more and keeps that answer, so it is the library's.
   */
  async closed(uri: string): Promise<Diagnostic[]> {
    for (const file of this.source.files()) if (this.source.uriOf(file.path) === uri) return diagnosticsOf(file, await this.source.severities());
    return [];
  }

  private async reports(before: ReadonlyMap<string, string>): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const severities = await this.source.severities();
    const settingsKey = JSON.stringify(Object.entries(severities).sort());
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const reported = new Set<string>();
    for (const file of this.source.files()) {
      const uri = this.source.uriOf(file.path);
      if (this.source.isOpen(uri)) continue;
      reported.add(uri);
      const resultId = `${file.stamp ?? ''}|${settingsKey}`;
      const closing = this.take(uri);
      if (before.get(uri) === resultId && !closing) continue;
      items.push({ kind: 'full', uri, version: null, resultId: closing === 2 ? `${resultId}|closing` : resultId, items: diagnosticsOf(file, severities) });
    }
    // Letters closed that the library does not show: no problems.
    for (const uri of [...this.closing.keys()]) {
      if (reported.has(uri) || this.source.isOpen(uri)) continue;
      const closing = this.take(uri);
      reported.add(uri);
      items.push({ kind: 'full', uri, version: null, resultId: closing === 2 ? `${CLEARED}|closing` : CLEARED, items: [] });
    }
    // Files reported before that are no longer (deleted, out of scope, the setting turned off).
    for (const [uri, value] of before) {
      if (value !== CLEARED && !reported.has(uri) && !this.source.isOpen(uri) && uri.startsWith('file:')) {
        items.push({ kind: 'full', uri, version: null, resultId: CLEARED, items: [] });
      }
    }
    return items;
  }
}

/** A file's problems as LSP diagnostics, with the user's severities (`off` leaves a rule out). */
function diagnosticsOf(file: FileEntry, severities: Readonly<Record<string, string>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const letter of file.letters) {
    for (const p of letter.problems ?? []) {
      const level = LEVELS.has(severities[p.code]) ? severities[p.code] : p.severity;
      if (level === 'off') continue;
      out.push({ range: p.range, severity: SEVERITY[level as Severity], code: p.code, source: 'imr', message: p.message });
    }
  }
  return out;
}
