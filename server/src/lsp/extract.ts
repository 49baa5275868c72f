/**
 * workspace/executeCommand: the quick-extract commands. The server does the work so every editor
 * gets the same results; the VS Code client only asks, shows and saves.
 */
import { constants as fsConstants, promises as fs } from 'fs';
import * as path from 'path';
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Knowledge, Letter, letterRecord, Vocabulary } from '../core';
import { citationLine, extractCitations } from '../export/citations';
import { extractFiles } from '../export/bulk';
import { CREATE_EXCLUSIVE, partialName, removeStalePartials } from '../export/output-file';
import { COLUMN_TITLES } from '../export/columns';
import { FORMAT_LANGUAGE, nonEmptyColumns, renderTable, Row } from '../export/formats';
import { collectInputs } from '../export/inputs';
export { partialName, removeStalePartials } from '../export/output-file';
import { CitationText, COMPACT_COLUMNS, extractDecisions, Extraction, extractItem, extractSummary } from '../export/letter';
import type { ExtractFilesParams, ExtractFilesResult, ExtractParams, ExtractResult } from '../protocol';
import type { ParsedLetter } from './letters';


/** Index of the item containing an offset (or the nearest item before it) in its letter. */
export function itemAtOffset(letter: Letter, offset: number): number {
  let found = -1;
  for (const it of letter.items) {
    if (it.span.start <= offset) found = it.index;
    else break;
  }
  return found;
}

export function extractFromLetter(doc: TextDocument, parsed: ParsedLetter, p: ExtractParams, kb: Knowledge, vocabulary?: Vocabulary): ExtractResult | null {
  // The letter at the cursor (a merged case file holds several); else the first.
  const offset = p.position ? doc.offsetAt(p.position) : 0;
  const letter = parsed.letterAt(offset);
  if (!letter.isLetter) return null;
  const record = letterRecord(letter, parsed.text, doc.uri, [], parsed.lines, vocabulary);
  const citations = parsed.citations(letter, kb);
  const cites: CitationText = (index) => citationLine(citations, index);
  let ex: Extraction | null;
  switch (p.kind) {
    case 'decisions':
      ex = extractDecisions(record, cites);
      break;
    case 'summary':
      ex = extractSummary(record, letter, parsed.text);
      break;
    case 'item': {
      const index = p.index ?? (p.position ? itemAtOffset(letter, offset) : -1);
      ex = extractItem(record, index, cites);
      break;
    }
    case 'citations':
      ex = extractCitations(letter, citations, kb, record.caseNumber);
      break;
    default:
      return null;
  }
  if (!ex) return null;
  const content = p.format === 'json' ? JSON.stringify(ex.json, null, 2) + '\n' : table(ex, p);
  return { title: ex.title, format: p.format, language: FORMAT_LANGUAGE[p.format], content, rows: ex.rows.length };
}

/**
 * An extraction as a table for people: columns headed in plain English, columns empty in every
 * row left out unless asked; the compact Markdown view with a title and a summary line.
 */
function table(ex: Extraction, p: ExtractParams): string {
  const view = p.compact && p.format === 'md' ? COMPACT_COLUMNS[p.kind] : ex.columns;
  let columns: readonly string[] = view === 'transpose' ? ['field', 'value'] : view;
  let rows: readonly Row[] = ex.rows;
  if (view === 'transpose') {
    rows = ex.rows.flatMap((r) => ex.columns.map((c) => ({ field: COLUMN_TITLES[c] ?? c, value: r[c] })));
    if (!p.emptyColumns) rows = rows.filter((r) => r.value !== null && r.value !== undefined && r.value !== '');
  }
  if (!p.emptyColumns) columns = nonEmptyColumns(columns, rows);
  const body = renderTable(p.format, columns, rows, { bom: p.bom, titles: COLUMN_TITLES });
  if (!(p.compact && p.format === 'md')) return body;
  return `# ${ex.title}\n\n${ex.subtitle ? `${ex.subtitle}\n\n` : ''}${body}`;
}


/**
 * Many files to one output file, which holds health data and so is handled with care:
 *  - written under a temporary name beside the target, created exclusively (a file or symbolic
 *    link already there makes the creation fail instead of being followed), with a random part
 *    no other program can guess, and mode 0600 (readable by the user only, whatever the umask);
 *  - renamed to the target only when complete; a cancelled or failed run removes it;
 *  - an existing target is replaced only when the user said so, and never through a link: without
 *    consent the file is linked into place, which fails if anything has appeared there meanwhile;
 *  - temporary files of earlier runs that were killed (whose process is gone) are removed.
 * The written file keeps mode 0600: an export of letters is the user's alone unless they share it.
 */
export async function extractToFile(
  p: ExtractFilesParams,
  token: CancellationToken,
  progress: WorkDoneProgressReporter,
  vocabularyFile?: string,
  /** The folder keeping PDF text, shared with the letter library (`LibraryFeature.pdfTextCacheDir`). */
  pdfCacheDir?: string,
): Promise<ExtractFilesResult> {
  const empty: ExtractFilesResult = { letters: 0, items: 0, failures: [], cancelled: false, output: null, duplicates: [] };
  if (!path.isAbsolute(p.output)) return { ...empty, refused: 'the output path must be absolute' };
  if (p.format === 'ics' && p.everyFile) return { ...empty, refused: "a calendar holds each letter's dates once, not every file's copy of them" };
  // lstat: a symbolic link at the target counts as something there, wherever it points.
  const exists = await fs.lstat(p.output).then(
    () => true,
    () => false,
  );
  if (exists && !p.overwrite) return { ...empty, refused: `${p.output} already exists` };
  await removeStalePartials(p.output);
  const { files, missing } = await collectInputs(p.inputs);
  const missed = missing.map((m) => ({ file: m.input, reason: m.reason }));
  const tmp = partialName(p.output);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(tmp, CREATE_EXCLUSIVE, 0o600);
  } catch (e) {
    return { ...empty, refused: `a temporary file could not be created beside ${p.output} (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  let pending: Promise<unknown> = Promise.resolve();
  progress.begin('Extracting IMR letters', 0, `0 of ${files.length} files`, true);
  try {
    // The mode given to open is reduced by the umask; never more than 0600, and exactly that here.
    await handle.chmod(0o600);
    const result = await extractFiles(files, (chunk) => (pending = pending.then(() => handle.write(chunk))), {
      format: p.format,
      bom: p.bom,
      vocabularyFile,
      pdfCacheDir,
      isCancelled: () => token.isCancellationRequested,
      onProgress: (done, total) => progress.report(Math.floor((done / Math.max(1, total)) * 100), `${done} of ${total} files`),
      drain: () => pending.then(() => undefined),
      // One record per letter unless asked otherwise (as imr extract does).
      perLetter: p.everyFile !== true,
    });
    await pending;
    await handle.close();
    if (result.cancelled) {
      await fs.rm(tmp, { force: true });
      return { ...result, failures: [...missed, ...result.failures], output: null };
    }
    const placed = await place(tmp, p.output, p.overwrite === true);
    if (!placed) {
      await fs.rm(tmp, { force: true });
      return { ...empty, ...result, failures: [...missed, ...result.failures], output: null, refused: `${p.output} already exists` };
    }
    return { ...result, failures: [...missed, ...result.failures], output: p.output };
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw e;
  } finally {
    progress.done();
  }
}

/**
 * Moves the complete temporary file to the output. With `overwrite`, a rename (which replaces a
 * file or a link at the output, never what a link points to). Without, a hard link, which fails
 * if anything appeared at the output meanwhile (false is returned); where hard links are not
 * supported, an exclusive copy.
 */
async function place(tmp: string, output: string, overwrite: boolean): Promise<boolean> {
  if (overwrite) {
    await fs.rename(tmp, output);
    return true;
  }
  try {
    await fs.link(tmp, output);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    try {
      await fs.copyFile(tmp, output, fsConstants.COPYFILE_EXCL);
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  }
  await fs.rm(tmp, { force: true });
  return true;
}
