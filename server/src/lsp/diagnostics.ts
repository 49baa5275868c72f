/**
 * Diagnostics and their quick fixes over LSP. The rules live in the core (`diagnose`); this module
 * maps them to LSP shapes, caches them per document version and settings, and turns the core's
 * fix data into code actions (plus "silence this rule in this letter", which writes an
 * `imr-disable` line).
 */
import {
  CodeAction, CodeActionKind, Command, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSettings, Knowledge, RULES, RuleSeverity, Severity } from '../core';
import { fixesFor } from '../core/fixes';
import type { CodeFix } from '../core/fixes';
import { ClientCommands, ServerCommands, Settings, ShowSideBySideParams } from '../protocol';
import type { ParsedLetter } from './letters';
import { toRange } from './convert';

/** The core's severities as LSP's. */
export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The values an `imr.severity` setting may take. */
export const LEVELS: ReadonlySet<string> = new Set(['off', 'hint', 'information', 'warning', 'error']);

/** Above imr.maxDocumentSize a document gets only the outline and essential diagnostics. */
export function isLimited(parsed: ParsedLetter, settings: Settings): boolean {
  return parsed.gate(settings.maxDocumentSize).limited;
}

/** The core diagnostics of a document for these settings, computed once per version. */
/** What the core's diagnostics need of the settings. */
export function diagnosticSettings(settings: Settings, kb: Knowledge): DiagnosticSettings {
  const severities: Record<string, RuleSeverity> = {};
  for (const [code, level] of Object.entries(settings.severity ?? {})) if (LEVELS.has(level)) severities[code] = level as RuleSeverity;
  return { severities, knowledge: kb, maxDocumentSize: settings.maxDocumentSize };
}

export function toLspDiagnostics(doc: TextDocument, diagnostics: readonly Diagnostic[]): LspDiagnostic[] {
  return diagnostics.map((d) => {
    const out: LspDiagnostic = {
      range: toRange(doc, d.span),
      severity: SEVERITY[d.severity],
      code: d.code,
      source: 'imr',
      message: d.message,
    };
    const conclusion = d.data?.conclusion as { start: number; end: number } | undefined;
    if (conclusion && typeof conclusion.start === 'number') {
      out.relatedInformation = [DiagnosticRelatedInformation.create({ uri: doc.uri, range: toRange(doc, conclusion) }, 'The rationale concludes here.')];
    }
    return out;
  });
}

/** How the client can show two places of a letter (a fix that writes nothing). */
export interface ShowCapabilities {
  /** The client runs `ClientCommands.showSideBySide` itself (it said so in `initializationOptions.clientCommands`). */
  readonly sideBySide: boolean;
  /** The client answers `window/showDocument`: the server's command takes it to the second place. */
  readonly showDocument: boolean;
}

/** Quick fixes for the diagnostics the client sends back, matched to ours by code and range. */
export function codeActions(
  doc: TextDocument,
  parsed: ParsedLetter,
  diagnostics: readonly Diagnostic[],
  context: readonly LspDiagnostic[],
  only: readonly string[] | undefined,
  show: ShowCapabilities = { sideBySide: false, showDocument: false },
): CodeAction[] {
  const wantQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix));
  const wantFixAll = !only || only.some((k) => k === CodeActionKind.Source || k.startsWith(CodeActionKind.SourceFixAll));
  const actions: CodeAction[] = [];
  const edit = (edits: readonly { span: { start: number; end: number }; newText: string }[]): TextEdit[] =>
    edits.map((e) => TextEdit.replace(toRange(doc, e.span), e.newText));
  if (wantQuickFix) {
    const silenced = new Set<string>();
    for (const lsp of context) {
      if (lsp.source !== 'imr' || typeof lsp.code !== 'string') continue;
      const start = doc.offsetAt(lsp.range.start);
      const end = doc.offsetAt(lsp.range.end);
      const ours = diagnostics.find((d) => d.code === lsp.code && d.span.start === start && d.span.end === end);
      const fixes = ours ? fixesFor(parsed.letterAt(start), parsed.text, ours) : [];
      for (const fix of fixes) {
        const action = fix.show ? showAction(doc, fix, show) : {
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          isPreferred: fix.isPreferred,
          edit: { changes: { [doc.uri]: edit(fix.edits) } },
        };
        if (action) actions.push({ ...action, diagnostics: [lsp] });
      }
      if (!silenced.has(lsp.code) && RULES.some((r) => r.code === lsp.code)) {
        silenced.add(lsp.code);
        actions.push({
          title: `Silence "${lsp.code}" in this letter`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lsp],
          edit: { changes: { [doc.uri]: [silenceEdit(doc, parsed, lsp.code, start)] } },
        });
      }
    }
  }
  if (wantFixAll) {
    const mojibake = diagnostics.filter((d) => d.code === 'mojibake');
    if (mojibake.length > 0) {
      const edits = mojibake.flatMap((d) => d.fixes?.[0]?.edits ?? []);
      actions.push({
        title: 'Repair all mojibake in this letter',
        kind: `${CodeActionKind.SourceFixAll}.imr`,
        edit: { changes: { [doc.uri]: edit(dedupe(edits)) } },
      });
    }
  }
  return actions;
}

/**
 * A fix that writes nothing: two places side by side where the client can (VS Code), else the
 * second place through the server's command and `window/showDocument`, else nothing.
 */
function showAction(doc: TextDocument, fix: CodeFix, show: ShowCapabilities): CodeAction | null {
  const places = fix.show ?? [];
  if (places.length < 2) return null;
  const params: ShowSideBySideParams = { uri: doc.uri, ranges: places.map((p) => toRange(doc, p)) };
  if (show.sideBySide) return { title: fix.title, kind: CodeActionKind.QuickFix, command: Command.create(fix.title, ClientCommands.showSideBySide, params) };
  if (!show.showDocument) return null;
  const title = fix.goTitle ?? fix.title;
  return { title, kind: CodeActionKind.QuickFix, command: Command.create(title, ServerCommands.showSideBySide, params) };
}

function dedupe<T extends { span: { start: number; end: number } }>(edits: readonly T[]): T[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const k = `${e.span.start}:${e.span.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Adds the code to the letter's `imr-disable` line, or writes one at the end of the letter (the
 * letter holding the diagnostic, in a merged case file).
 */
function silenceEdit(doc: TextDocument, parsed: ParsedLetter, code: string, at: number): TextEdit {
  const letter = parsed.letterAt(at);
  const existing = letter.directives.find((d) => d.codes.length > 0);
  if (existing) {
    const codes = [...existing.codes, code].join(', ');
    return TextEdit.replace(toRange(doc, existing.span), `imr-disable: ${codes}`);
  }
  const text = parsed.text;
  const endOffset = letter.range.end;
  const end = doc.positionAt(endOffset);
  const lead = endOffset === 0 || text[endOffset - 1] === '\n' ? '' : '\n';
  return TextEdit.insert(end, `${lead}imr-disable: ${code}\n`);
}
