// LSP latency over stdio: dist/server.js spawned as an editor would (`--stdio`), a typical letter
// and a 10 MB merged case file (2 MB in bench --smoke; "the 10 MB file" below) opened, then each
// request timed from send to response:
//  - documentSymbol on an unchanged document (the parse is cached per version),
//  - documentSymbol right after a one-character edit (the edit forces a new parse),
//  - hover on a citation,
//  - completion right after "Section(s): " (the sections of the guideline named before it, ranked
//    for the item), on an unchanged document and (typical letter) right after a one-character edit,
//  - diagnostics pulled right after a one-character edit (what an editor does on a keystroke),
//  - Expand Selection from a word of a rationale (no target),
//  - Document Highlight on the citation hovered (no target),
//  - semantic tokens of the whole document and, in the 10 MB file after an edit, the change since
//    the last answer (a delta, as VS Code asks after an edit) and the tokens of the 60 lines around
//    the edit (VS Code asks for the visible lines too; no target),
//  - in the 10 MB file, folding ranges and code lenses right after a one-character edit (what an
//    editor also asks after a keystroke; no target).
// One-character edits alternate inserting and deleting an "x" inside a rationale, as
// incremental didChange notifications, so the document keeps its size; in the 10 MB file they
// also come back to back (each as the last answer arrives), reported apart.
import { percentile, startServer } from './util.mjs';

/** The time between an answer and the next keystroke in the 10 MB file (ms): a fast typist's. */
const KEYSTROKE_GAP_MS = 100;

/** `runsFor(doc)`: the timed requests of each measurement; `warmup`: the untimed ones before them. */
export async function lspLatency(root, core, docs, runsFor, { warmup = 2 } = {}) {
  const { p, connection, stderr, stop } = startServer(root);
  await connection.sendRequest(p.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      textDocument: {
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
        diagnostic: { dynamicRegistration: false },
        publishDiagnostics: {},
      },
      workspace: { configuration: false },
    },
  });
  await connection.sendNotification(p.InitializedNotification.type, {});

  const results = [];
  let exitCode = null;
  try {
    for (const doc of docs) {
      const uri = `file:///bench/${doc.name}.imr`;
      const text = doc.text;
      let version = 1;
      await connection.sendNotification(p.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'imr', version, text } });
      const index = new core.LineIndex(text);
      const letters = core.parseDocument(text);
      const letter = letters[letters.length >> 1];
      const cite = core.findCitations(letter, text)[0];
      const hoverAt = index.positionAt(cite.locatorSpans[0]?.start ?? cite.span.start);
      // Completion where a reviewer picks a section: just after "Section(s): " in the middle letter.
      const sectionsAt = text.indexOf('Section(s):', letter.range.start);
      if (sectionsAt < 0) throw new Error(`no "Section(s):" in ${doc.name}`);
      const afterLabel = sectionsAt + 'Section(s):'.length;
      const completeAt = index.positionAt(text[afterLabel] === ' ' ? afterLabel + 1 : afterLabel);
      const rationale = letter.items.find((i) => i.rationale)?.rationale;
      const editAt = index.positionAt(rationale ? rationale.textSpan.start + 1 : letter.range.start);
      let inserted = false;
      const edit = async () => {
        version++;
        const change = inserted
          ? { range: { start: editAt, end: { line: editAt.line, character: editAt.character + 1 } }, text: '' }
          : { range: { start: editAt, end: editAt }, text: 'x' };
        inserted = !inserted;
        await connection.sendNotification(p.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
      };
      // In the 10 MB file a keystroke comes KEYSTROKE_GAP_MS after the last answer, as a fast typist's
      // does. Sent the moment the last answer arrives (back to back, as a held key repeats), the
      // changes of a large document come faster than the server's typing pause, which then waits
      // on purpose before answering (server/src/lsp/typing.ts): those rows are reported apart,
      // without a target. The typical letter's answers never pause: its edits come back to back.
      const keystroke = doc.name === 'typical' ? edit : async () => {
        await new Promise((resolve) => setTimeout(resolve, KEYSTROKE_GAP_MS));
        await edit();
      };
      const first = Date.now();
      await connection.sendRequest(p.DocumentSymbolRequest.type, { textDocument: { uri } });
      const openMs = Date.now() - first;

      const runs = runsFor(doc);
      const measure = async (name, before, request, untargeted = false) => {
        const times = [];
        // Untimed rounds (two; one in bench --smoke) warm the server's code paths.
        for (let k = 0; k < runs + warmup; k++) {
          if (before) await before();
          const t0 = performance.now();
          await request();
          if (k >= warmup) times.push(performance.now() - t0);
        }
        results.push({ doc: doc.name, request: name, runs, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), untargeted });
      };
      await measure('documentSymbol', null, () => connection.sendRequest(p.DocumentSymbolRequest.type, { textDocument: { uri } }));
      const outline = () => connection.sendRequest(p.DocumentSymbolRequest.type, { textDocument: { uri } });
      const diagnostics = () => connection.sendRequest(p.DocumentDiagnosticRequest.type, { textDocument: { uri } });
      await measure('documentSymbol after a 1-character edit', keystroke, outline);
      const hover = async () => {
        const h = await connection.sendRequest(p.HoverRequest.type, { textDocument: { uri }, position: hoverAt });
        if (!h) throw new Error(`no hover at ${JSON.stringify(hoverAt)} of ${doc.name}`);
      };
      await measure('hover on a citation', null, hover);
      // Document Highlight where the hover is: every citation of that page or section in the letter (no target).
      const highlight = async () => {
        const h = await connection.sendRequest(p.DocumentHighlightRequest.type, { textDocument: { uri }, position: hoverAt });
        if (!h || h.length === 0) throw new Error(`no highlights at ${JSON.stringify(hoverAt)} of ${doc.name}`);
      };
      await measure('Document Highlight on a citation', null, highlight, true);
      let tokensId = null;
      const tokens = async () => {
        const t = await connection.sendRequest(p.SemanticTokensRequest.type, { textDocument: { uri } });
        if (!t || t.data.length === 0) throw new Error(`no semantic tokens in ${doc.name}`);
        tokensId = t.resultId;
      };
      // What VS Code asks after an edit: the change since the tokens it holds.
      const tokensDelta = async () => {
        const t = await connection.sendRequest(p.SemanticTokensDeltaRequest.type, { textDocument: { uri }, previousResultId: tokensId });
        if (!t || !t.edits) throw new Error(`no semantic tokens delta in ${doc.name}`);
        tokensId = t.resultId;
      };
      await measure('semantic tokens, whole document', null, tokens, true);
      const complete = async () => {
        const c = await connection.sendRequest(p.CompletionRequest.type, { textDocument: { uri }, position: completeAt });
        if (!c || (Array.isArray(c) ? c : c.items).length === 0) throw new Error(`no completion at ${JSON.stringify(completeAt)} of ${doc.name}`);
      };
      await measure('completion after "Section(s): "', null, complete);
      // Expand Selection from a word of a rationale: its sentence, block, item, section (no target in the issue).
      const selectAt = index.positionAt(rationale ? rationale.textSpan.start + 1 : letter.range.start);
      const select = async () => {
        const [s] = await connection.sendRequest(p.SelectionRangeRequest.type, { textDocument: { uri }, positions: [selectAt] });
        if (!s?.parent) throw new Error(`no selection ranges at ${JSON.stringify(selectAt)} of ${doc.name}`);
      };
      await measure('Expand Selection in a rationale', null, select, true);
      // After an edit the time is the re-parse's (measured above for documentSymbol): the typical letter only.
      if (doc.name === 'typical') await measure('completion after "Section(s): " after a 1-character edit', edit, complete);
      await measure('diagnostics after a 1-character edit', keystroke, diagnostics);
      if (doc.name !== 'typical') {
        await measure('documentSymbol after back-to-back 1-character edits', edit, outline, true);
        await measure('diagnostics after back-to-back 1-character edits', edit, diagnostics, true);
        // What else an editor asks for the whole document after a keystroke (no target in the issue).
        const folding = async () => {
          const f = await connection.sendRequest(p.FoldingRangeRequest.type, { textDocument: { uri } });
          if (!f || f.length === 0) throw new Error(`no folding ranges in ${doc.name}`);
        };
        const lenses = async () => {
          const l = await connection.sendRequest(p.CodeLensRequest.type, { textDocument: { uri } });
          if (!l || l.length === 0) throw new Error(`no code lenses in ${doc.name}`);
        };
        await measure('foldingRange after a 1-character edit', keystroke, folding, true);
        // A hover while typing: the edit's parse, then the letter read over its own text.
        await measure('hover on a citation after a 1-character edit', keystroke, hover, true);
        await measure('Expand Selection after a 1-character edit', keystroke, select, true);
        await measure('Document Highlight on a citation after a 1-character edit', keystroke, highlight, true);
        await measure('codeLens after a 1-character edit', keystroke, lenses, true);
        await measure('semantic tokens delta after a 1-character edit', keystroke, tokensDelta, true);
        const visible = { start: { line: Math.max(0, editAt.line - 30), character: 0 }, end: { line: editAt.line + 30, character: 0 } };
        const visibleTokens = async () => {
          const t = await connection.sendRequest(p.SemanticTokensRangeRequest.type, { textDocument: { uri }, range: visible });
          if (!t || t.data.length === 0) throw new Error(`no semantic tokens in lines ${visible.start.line}-${visible.end.line} of ${doc.name}`);
        };
        await measure('semantic tokens of 60 visible lines after a 1-character edit', keystroke, visibleTokens, true);
      }
      results.push({ doc: doc.name, request: 'open: first documentSymbol (parse included)', runs: 1, p50: openMs, p95: openMs, max: openMs });
      await connection.sendNotification(p.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
  } finally {
    exitCode = await stop();
  }
  if (exitCode !== 0) throw new Error(`server exited with ${exitCode}: ${stderr()}`);
  return results;
}
