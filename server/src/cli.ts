/**
 * `imr`: check and extract IMR letters in bulk, on the same core as the language server.
 *
 *   imr extract [--format json|jsonl|csv|md|ics|parquet] [--out DIR] [--every-file] [--bom] [--max-size MB] [--pdf-timeout S] [--cache DIR] [--quiet] INPUT...
 *   imr check [--format text|json] [--jobs N] [--max-size MB] [--pdf-timeout S] [--cache DIR] [--quiet] INPUT...
 *   imr stats [--format text|json|csv] [--bom] [--jobs N] [--max-size MB] [--pdf-timeout S] [--cache DIR] [--vocabulary FILE] [--quiet] INPUT...
 *   imr search [--format text|json|csv|md] [--limit N] [--decision upheld|overturned] [--pdf-timeout S] [--cache DIR] QUERY INPUT...
 *   imr --version | --help
 *
 * INPUT is a file, a folder (searched recursively for .txt, .imr and .pdf) or a glob pattern.
 * Exit status: 0 when every file was read as a letter (and, for `check`, no error remains);
 * 1 when `check` found errors; 2 when a file could not be read or is not a letter, or on a usage
 * error. Failed files are reported on stderr and the others are still processed.
 */
import { once } from 'events';
import { version } from '../../package.json';
import { accessSync, constants as fsConstants, existsSync, mkdirSync, statSync } from 'fs';
import * as path from 'path';
import { setFlagsFromString } from 'v8';
import { V8_FLAGS } from './core/v8-flags';
import type { SearchHit } from './core';
import { plural } from './core/words';
import { dropStartedWorkers, extractFiles, startWorkers } from './export/bulk';
import { extractParquet } from './export/parquet/run';
import { TableFormat, TableWriter } from './export/formats';
import { readLibrary } from './export/library';
import { collectInputs, isPattern, LETTER_EXTENSIONS } from './export/inputs';
import { collectStats, statsCsv, statsJson, statsText } from './export/stats';
import { loadVocabularyFile, resolveVocabularyPath } from './export/vocabulary-file';
import { DEFAULT_MAX_BYTES, displayPath, FilePath, hasPdfName } from './io';
import { PDF_TIME_LIMIT_MS } from './pdf/limits';

const USAGE = `Usage:
  imr extract [--format json|jsonl|csv|md|ics|parquet] [--out DIR] [--force] [--shard K/N] [--every-file] [--check] [--bom]
              [--jobs N] [--max-size MB] [--pdf-timeout S] [--cache DIR] [--vocabulary FILE] [--quiet] INPUT...
  imr check [--format text|json] [--jobs N] [--max-size MB] [--pdf-timeout S] [--cache DIR] [--quiet] INPUT...
  imr stats [--format text|json|csv] [--bom] [--jobs N] [--max-size MB] [--pdf-timeout S] [--cache DIR] [--vocabulary FILE] [--quiet] INPUT...
  imr search [--format text|json|csv|md] [--limit N] [--decision upheld|overturned] [--max-size MB] [--pdf-timeout S] [--cache DIR] [--quiet] QUERY INPUT...
  imr --version

INPUT    a letter file (.txt, .imr, .pdf), a folder (searched recursively) or a glob pattern
         (quote it: 'letters/**/*.pdf').
extract  prints each letter in the documented schema (README "Extraction schema"):
           json   one object for one file, an array for several
           jsonl  one object per line
           csv    one row per disputed item, headed in plain English (--bom adds a UTF-8 byte
                  order mark, which some spreadsheet programs need)
           md     a Markdown table, one row per disputed item
           ics    a calendar file (iCalendar) of the dates each letter sets running: the
                  estimated last day to appeal, and for upheld requests when the UR decision
                  stops binding a repeat request; each event says it is an estimate
           parquet  letters.parquet, items.parquet and citations.parquet in --out DIR
                  (schema in the README, "Data out: Parquet"); --force replaces them
         One record per letter: a letter held in several files (its PDF, its pdftotext text, its
         -layout text) is written once, from its most complete file; its JSON record lists every
         file ("sources", the one used first) and why ("sourceReason"), and the files left out
         are named on stderr. --every-file writes every file's letters as records of their own.
         Each record's "problems" lists what the parser met; --check lists every diagnostic
         instead (as imr check does; slower). Files are spread over --jobs worker threads
         (default: one per core, up to 4) and written in input order. A progress bar is shown on
         a terminal; --quiet hides it. Each item's category, drug, drug class, body part and
         quantity come from the bundled request vocabulary, or from it merged with your own file
         (--vocabulary FILE, format in server/knowledge/vocabulary/README.md).
         --shard K/N keeps every Nth file of the sorted input, starting with the Kth (1-based),
         so N machines can each run one shard of a large folder.
check    prints the diagnostics the editor shows, one per line as
         FILE:LINE:COL SEVERITY CODE MESSAGE (or JSON with --format json); exits 1 when any error
         remains. Files are spread over --jobs worker threads as for extract, and reported in
         input order. A progress bar is shown on a terminal (per letter in a large merged file).
stats    counts decisions (upheld, overturned, % overturned) by request category, drug class,
         guideline cited, reviewer specialty, decision month and days from assignment to
         decision; a letter held in several files (text and PDF) counts once.
           text   tables for reading (default)
           json   { letters, items, decisions, byCategory, byDrugClass, byGuideline, ... }
           csv    every table in one sheet, one row per bar (--bom for Excel)
search   prints the disputed items matching QUERY, best first (at most --limit, default 50), each
         letter once: decision, decision date, case number, request and FILE:LINE. QUERY matches
         a request as Go to Symbol does ("norco", "phth" for physical therapy), a case number, or,
         for several words, items holding every word in their request, decision, case number,
         date, reviewer specialty or guidelines cited. --decision keeps one decision.

--max-size MB      files over this size are refused (default 64)
--pdf-timeout S    a PDF that takes longer to read is refused as too complex (default 30); each PDF
                   is read in a separate process with its own memory limit, so a hostile PDF is
                   named and skipped while the other files go on
--cache DIR        keeps the text of each PDF read in folder DIR (created readable by you only), so
                   the next run over the same PDFs does not read them again (about 30 ms each); a
                   PDF changed since (its size or time) is read again. Not kept without --cache

Exit status: 0 every file read as a letter (and, for check, no error; for search, an item
found); 1 check found an error, or search found no item; 2 a file could not be read as a
letter, nothing matched an INPUT, the output could not be written, or a usage error; 130 Ctrl-C
stopped the writing of Parquet tables (the tables already there are kept).

Examples:
  imr extract --format csv --bom letters/ > decisions.csv     one row per item, each letter once
  imr extract --format csv --every-file letters/ > files.csv  every file's copy of a letter too
  imr extract --format jsonl 'letters/**/*.pdf' > letters.jsonl
  imr extract CM16-0239569.pdf                                 one letter as JSON
  imr extract --format ics letters/ > deadlines.ics           every letter's dates, for a calendar
  imr check letters/*.txt                                     problems, as in the editor
  imr stats --format csv --bom letters/ > decisions-by-category.csv
  imr search --decision overturned "lidoderm" letters/        past decisions on a request
  imr search --cache ~/.cache/imr "norco" pdfs/               PDFs read once, searched often
`;

interface Options {
  command: 'extract' | 'check' | 'stats' | 'search';
  everyFile: boolean;
  limit: number;
  decision: 'Upheld' | 'Overturned' | undefined;
  query: string;
  format: string;
  bom: boolean;
  quiet: boolean;
  check: boolean;
  jobs: number | undefined;
  maxBytes: number;
  vocabulary: string | undefined;
  out: string | undefined;
  force: boolean;
  shard: { k: number; n: number } | undefined;
  pdfTimeLimitMs: number;
  /** `--cache DIR`: a folder keeping the text of the PDFs read, for the next run. */
  cacheDir: string | undefined;
  inputs: string[];
}

/** The options that take a value (the next argument, or after "=" in the same one). */
const VALUE_OPTIONS = ['--format', '--limit', '--decision', '--jobs', '--max-size', '--vocabulary', '--out', '--shard', '--pdf-timeout', '--cache'];

function parseArgs(argv: string[]): Options | 'help' | 'version' | string {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return 'help';
  if (command === '--version' || command === '-v' || command === 'version') return 'version';
  if (command !== 'extract' && command !== 'check' && command !== 'stats' && command !== 'search') return command ? `unknown command "${command}"` : 'no command given';
  const opts: Options = {
    command,
    everyFile: false,
    limit: 50,
    decision: undefined,
    query: '',
    format: command === 'extract' ? 'json' : 'text',
    bom: false,
    quiet: false,
    check: false,
    jobs: undefined,
    maxBytes: DEFAULT_MAX_BYTES,
    vocabulary: undefined,
    out: undefined,
    force: false,
    shard: undefined,
    pdfTimeLimitMs: PDF_TIME_LIMIT_MS,
    cacheDir: undefined,
    inputs: [],
  };
  for (let i = 0; i < rest.length; i++) {
    // --name=value, for every option that takes a value (--jobs=2 as --jobs 2).
    const eq = rest[i].startsWith('--') ? rest[i].indexOf('=') : -1;
    if (eq > 2 && VALUE_OPTIONS.includes(rest[i].slice(0, eq))) rest.splice(i, 1, rest[i].slice(0, eq), rest[i].slice(eq + 1));
    const a = rest[i];
    if (a === '--format' || a === '-f') opts.format = rest[++i] ?? '';
    else if (a === '--bom') opts.bom = true;
    else if (a === '--quiet' || a === '-q') opts.quiet = true;
    else if (a === '--check') opts.check = true;
    else if (a === '--every-file') opts.everyFile = true;
    else if (a === '--limit' || a === '-n') opts.limit = Number(rest[++i]);
    else if (a === '--decision') {
      const d = (rest[++i] ?? '').toLowerCase();
      if (d !== 'upheld' && d !== 'overturned') return '--decision must be upheld or overturned';
      opts.decision = d === 'upheld' ? 'Upheld' : 'Overturned';
    }
    else if (a === '--jobs' || a === '-j') opts.jobs = Number(rest[++i]);
    else if (a === '--max-size') opts.maxBytes = Number(rest[++i]) * 1048576;
    else if (a === '--vocabulary') opts.vocabulary = rest[++i] ?? '';
    else if (a === '--out' || a === '-o') opts.out = rest[++i] ?? '';
    else if (a === '--force') opts.force = true;
    else if (a === '--shard') {
      const m = /^(\d{1,6})\/(\d{1,6})$/.exec(rest[++i] ?? '');
      if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) return '--shard must be K/N with 1 <= K <= N, e.g. 3/8';
      opts.shard = { k: Number(m[1]), n: Number(m[2]) };
    }
    else if (a === '--pdf-timeout') opts.pdfTimeLimitMs = Number(rest[++i]) * 1000;
    else if (a === '--cache') opts.cacheDir = rest[++i] ?? '';
    else if (a === '--help' || a === '-h') return 'help';
    else if (a === '--') {
      opts.inputs.push(...rest.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') return `unknown option "${a}"`;
    else opts.inputs.push(a);
  }
  const formats = command === 'extract' ? ['json', 'jsonl', 'csv', 'md', 'ics', 'parquet'] : command === 'stats' ? ['text', 'json', 'csv'] : command === 'search' ? ['text', 'json', 'csv', 'md'] : ['text', 'json'];
  if (!formats.includes(opts.format)) return `--format must be one of ${formats.join(', ')}`;
  if (command !== 'extract' && opts.everyFile) return '--every-file is for extract';
  if (command !== 'search' && (opts.decision !== undefined || opts.limit !== 50)) return '--limit and --decision are for search';
  if (!(Number.isInteger(opts.limit) && opts.limit >= 1)) return '--limit must be a whole number of at least 1';
  if (command === 'search') {
    if (opts.inputs.length === 0 || !opts.inputs[0].trim()) return 'no QUERY given';
    opts.query = opts.inputs.shift()!;
  }
  if (!(opts.maxBytes > 0)) return '--max-size must be a positive number of megabytes';
  if (!(opts.pdfTimeLimitMs > 0)) return '--pdf-timeout must be a positive number of seconds';
  if (opts.cacheDir !== undefined) {
    if (!opts.cacheDir.trim()) return '--cache needs a folder';
    opts.cacheDir = path.resolve(opts.cacheDir);
    if (existsSync(opts.cacheDir) && !statSync(opts.cacheDir).isDirectory()) return `--cache ${opts.cacheDir}: not a folder`;
  }
  if (opts.jobs !== undefined && !(Number.isInteger(opts.jobs) && opts.jobs >= 1)) return '--jobs must be a whole number of at least 1';
  if (opts.vocabulary !== undefined && !opts.vocabulary.trim()) return '--vocabulary needs a file';
  if (opts.command === 'check' && opts.vocabulary !== undefined) return '--vocabulary is for extract and stats';
  if (opts.format === 'parquet' && !opts.out) return '--format parquet needs --out DIR (the folder for letters.parquet, items.parquet, citations.parquet)';
  if (opts.out !== undefined && opts.format !== 'parquet') return '--out is for --format parquet (other formats print to standard output)';
  if (opts.command !== 'extract' && (opts.shard || opts.force)) return '--shard and --force are for extract';
  if (opts.command === 'stats' && opts.check) return '--check is for extract';
  if (opts.bom && !(opts.format === 'csv')) return '--bom is for --format csv';
  if (opts.check && opts.format === 'ics') return '--check is not for --format ics (a calendar holds the dates, not the problems)';
  if (opts.everyFile && opts.format === 'ics') return '--every-file is not for --format ics (a calendar holds each letter\'s dates once)';
  if (opts.inputs.length === 0) return 'no INPUT given';
  return opts;
}

/**
 * A one-line progress bar on a terminal's stderr, redrawn at most every 100 ms: `done` of `total`
 * files, and optionally how far into the current file (a large merged file takes a while).
 */
function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, enabled: boolean) {
  let last = 0;
  let shown = false;
  return {
    update(done: number, total: number, within?: { done: number; total: number; unit: string }) {
      if (!enabled || !stream.isTTY) return;
      const now = Date.now();
      // Redrawn at most every 100 ms, but always when a file's letters start to be counted.
      if (within?.done !== 0 && now - last < 100 && done < total) return;
      last = now;
      const fraction = (done + (within ? within.done / Math.max(1, within.total) : 0)) / Math.max(1, total);
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 50));
      const filled = Math.min(width, Math.round(fraction * width));
      const detail = within ? ` · ${within.done}/${within.total} ${within.unit}` : '';
      stream.write(`\r[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} files${detail}\x1b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const opts = parseArgs(argv);
  if (opts === 'help') {
    out.write(USAGE);
    return 0;
  }
  if (opts === 'version') {
    out.write(`imr ${version}\n`);
    return 0;
  }
  if (typeof opts === 'string') {
    err.write(`imr: ${opts}\n\n${USAGE}`);
    return 2;
  }
  // A folder or a pattern may name thousands of files: the worker threads start while it is listed.
  if (opts.command !== 'search' && opts.inputs.some(mayNameMany)) {
    // What the run will read: diagnostics the knowledge base, records the request vocabulary.
    const diagnostics = opts.command === 'check' || opts.check;
    startWorkers(opts.jobs, { knowledge: diagnostics || opts.command === 'stats' || opts.format === 'parquet' || opts.format === 'ics', vocabulary: opts.command !== 'check' && opts.format !== 'ics' });
  }
  try {
    return await run(opts, out, err);
  } finally {
    dropStartedWorkers();
  }
}

/** From this many PDFs to read, a run without --cache says what --cache would save. */
const CACHE_TIP_PDFS = 20;

/**
 * Why folder `dir` cannot keep PDF text, or null: it is made now when missing (readable by the
 * user only), and must be one this process can read and write. Said before any file is read, so
 * a run asked to keep text does not go on keeping none.
 */
function cacheFolderProblem(dir: string): string | null {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, fsConstants.R_OK | fsConstants.W_OK);
    return null;
  } catch (e) {
    return `the folder cannot be made or written (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  }
}

/** Whether `file` lies in folder `dir` (a full path) or below it. */
function insideFolder(dir: string, file: FilePath): boolean {
  if (typeof file !== 'string') return false;
  const rel = path.relative(dir, path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** An input that may name many files: a folder (no letter file's extension) or a pattern. */
function mayNameMany(input: string): boolean {
  return !LETTER_EXTENSIONS.includes(path.extname(input).toLowerCase()) || isPattern(input);
}

async function run(opts: Options, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const unusable = opts.cacheDir === undefined ? null : cacheFolderProblem(opts.cacheDir);
  if (unusable) {
    err.write(`imr: --cache ${displayPath(opts.cacheDir!)}: ${unusable}\n`);
    return 2;
  }
  const collected = await collectInputs(opts.inputs);
  const { missing } = collected;
  // The cache's entries (a letter's text each, in .txt files) are not letters to read again.
  const listed = opts.cacheDir === undefined ? collected.files : collected.files.filter((f) => !insideFolder(opts.cacheDir!, f));
  const files = opts.shard ? shardOf(listed, opts.shard) : listed;
  for (const m of missing) err.write(`imr: ${displayPath(m.input)}: ${m.reason}\n`);
  if (files.length === 0) {
    // Nothing to read is not "a file could not be read": say what was looked for.
    if (opts.format === 'json') out.write('[]\n');
    err.write(`imr: no letter files to read (letters are .txt, .imr and .pdf files)\n`);
    return 2;
  }
  let failed = 0;
  // Reading PDFs is most of a run over many: say how the next run can skip it.
  if (!opts.quiet && opts.cacheDir === undefined) {
    const pdfs = files.filter((f) => typeof f === 'string' && hasPdfName(f)).length;
    if (pdfs >= CACHE_TIP_PDFS) {
      err.write(`imr: reading ${pdfs} PDFs (about 30 ms each); with --cache FOLDER their text is kept there and the next run does not read them again\n`);
    }
  }

  let vocabularyFile: string | undefined;
  if (opts.vocabulary !== undefined) {
    vocabularyFile = resolveVocabularyPath(opts.vocabulary);
    if (!existsSync(vocabularyFile)) {
      err.write(`imr: --vocabulary ${opts.vocabulary}: no such file\n`);
      return 2;
    }
    const loaded = loadVocabularyFile(vocabularyFile);
    for (const e of loaded.errors.slice(0, 10)) err.write(`imr: vocabulary ${opts.vocabulary}: ${e}\n`);
    if (loaded.errors.length > 10) err.write(`imr: vocabulary ${opts.vocabulary}: ${loaded.errors.length - 10} more problems\n`);
  }

  if (opts.command === 'stats') {
    const bar = progressBar(err, !opts.quiet);
    const run = await collectStats(files, { jobs: opts.jobs, maxBytes: opts.maxBytes, pdfTimeLimitMs: opts.pdfTimeLimitMs, pdfCacheDir: opts.cacheDir, vocabularyFile, onProgress: (done, total) => bar.update(done, total) });
    bar.clear();
    for (const f of run.failures) err.write(`imr: ${displayPath(f.file)}: ${f.reason}\n`);
    failed += run.failures.length;
    out.write(opts.format === 'json' ? statsJson(run.stats) : opts.format === 'csv' ? statsCsv(run.stats, { bom: opts.bom }) : statsText(run.stats));
    return summarize(err, failed, files.length, missing.length, 0);
  }

  if (opts.command === 'extract' && opts.format === 'parquet') {
    const bar = progressBar(err, !opts.quiet);
    // Ctrl-C (or a polite kill) stops the run between files: the temporary tables are removed and
    // the tables already in the folder stay as they were. A second Ctrl-C ends at once (what it
    // leaves, the next run to the folder removes).
    let interrupted = false;
    const onInterrupt = () => {
      if (interrupted) process.exit(130);
      interrupted = true;
    };
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onInterrupt);
    let result: Awaited<ReturnType<typeof extractParquet>>;
    try {
      result = await extractParquet(files, opts.out!, {
        force: opts.force,
        check: opts.check,
        jobs: opts.jobs,
        maxBytes: opts.maxBytes,
        pdfTimeLimitMs: opts.pdfTimeLimitMs,
        pdfCacheDir: opts.cacheDir,
        vocabularyFile,
        onProgress: (done, total) => bar.update(done, total),
        isCancelled: () => interrupted,
      });
    } finally {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
    }
    bar.clear();
    if ('refused' in result) {
      err.write(`imr: nothing written: ${result.refused}\n`);
      return 2;
    }
    if (result.cancelled) {
      err.write(`imr: interrupted: nothing written; the tables in ${displayPath(opts.out!)} are as they were\n`);
      return 130;
    }
    for (const f of result.failures) err.write(`imr: ${displayPath(f.file)}: ${f.reason}\n`);
    failed += result.failures.length;
    out.write(`Wrote ${plural(result.letters, 'letter')} to ${result.files[0]}, ${plural(result.items, 'item')} to ${result.files[1]}, ${plural(result.citations, 'citation')} to ${result.files[2]}\n`);
    return summarize(err, failed, files.length, missing.length, 0);
  }

  if (opts.command === 'extract') {
    const bar = progressBar(err, !opts.quiet);
    const format = opts.format === 'json' ? 'json-records' : (opts.format as TableFormat | 'ics');
    const result = await extractFiles(files, (chunk) => out.write(chunk), {
      format,
      bom: opts.bom,
      check: opts.check,
      jobs: opts.jobs,
      maxBytes: opts.maxBytes,
      pdfTimeLimitMs: opts.pdfTimeLimitMs,
      pdfCacheDir: opts.cacheDir,
      perLetter: !opts.everyFile,
      vocabularyFile,
      onProgress: (done, total) => bar.update(done, total),
      drain: () => ((out as NodeJS.WritableStream & { writableNeedDrain?: boolean }).writableNeedDrain ? once(out, 'drain').then(() => undefined) : undefined),
    });
    bar.clear();
    for (const f of result.failures) err.write(`imr: ${displayPath(f.file)}: ${f.reason}\n`);
    if (!opts.quiet) {
      const which = (file: string, k?: number) => (k ? `${displayPath(file)} (letter ${k})` : displayPath(file));
      for (const d of result.duplicates) err.write(`imr: ${which(d.file, d.letterInFile)}: the same letter as ${which(d.usedFile, d.usedLetterInFile)}, left out (${d.reason})\n`);
      if (result.sources > result.letters) {
        err.write(`imr: ${result.sources} letters read are ${result.letters} distinct letters: each written once, from its most complete file (--every-file writes every file's)\n`);
      }
    }
    failed += result.failures.length;
    return summarize(err, failed, files.length, missing.length, 0);
  }

  if (opts.command === 'search') {
    const bar = progressBar(err, !opts.quiet);
    const { library, failures } = await readLibrary(files, { maxBytes: opts.maxBytes, pdfTimeLimitMs: opts.pdfTimeLimitMs, pdfCacheDir: opts.cacheDir, onProgress: (d, t) => bar.update(d, t) });
    bar.clear();
    for (const f of failures) err.write(`imr: ${displayPath(f.file)}: ${f.reason}\n`);
    failed += failures.length;
    const hits = library.search(opts.query, opts.limit, opts.decision);
    writeHits(out, hits, opts.format);
    if (!opts.quiet) {
      const stats = library.stats();
      const over = hits.filter((h) => h.decision === 'Overturned').length;
      const up = hits.filter((h) => h.decision === 'Upheld').length;
      err.write(
        `imr: ${plural(hits.length, 'item')} (${over} Overturned, ${up} Upheld)${hits.length === opts.limit ? ` (the first ${opts.limit}; --limit shows more)` : ''} in ${plural(stats.letters, 'letter')} searched\n`,
      );
    }
    return failed > 0 || missing.length > 0 ? summarize(err, failed, files.length, missing.length, 0) : hits.length > 0 ? 0 : 1;
  }

  const bar = progressBar(err, !opts.quiet);
  let errors = 0;
  const checkJson: unknown[] = [];
  // Spread over worker threads as extraction is (files in input order); a merged case file read on
  // this thread shows how far into it the check is.
  const result = await extractFiles(files, () => undefined, {
    format: 'check',
    jobs: opts.jobs,
    maxBytes: opts.maxBytes,
    pdfTimeLimitMs: opts.pdfTimeLimitMs,
    pdfCacheDir: opts.cacheDir,
    onProgress: (done, total) => bar.update(done, total),
    onLetter: (index, done, total) => bar.update(index, files.length, { done, total, unit: 'letters' }),
    onProblems: (problems, file) => {
      errors += problems.filter((p) => p.severity === 'error').length;
      if (opts.format === 'json') checkJson.push({ source: file, problems });
      else {
        bar.clear();
        for (const p of problems) {
          out.write(`${displayPath(file)}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.code} ${p.message}\n`);
        }
      }
    },
  });
  bar.clear();
  for (const f of result.failures) err.write(`imr: ${displayPath(f.file)}: ${f.reason}\n`);
  failed += result.failures.length;
  if (opts.format === 'json') out.write(JSON.stringify(checkJson, null, 2) + '\n');
  return summarize(err, failed, files.length, missing.length, errors);
}

/** Every Nth file of the sorted list, starting with the Kth: the same split on every machine. */
function shardOf(files: readonly FilePath[], shard: { k: number; n: number }): FilePath[] {
  // By the bytes of the names (names that are not valid UTF-8 are bytes), the same on every machine.
  const bytes = (f: FilePath) => (typeof f === 'string' ? Buffer.from(f, 'utf8') : f);
  const sorted = [...files].sort((a, b) => Buffer.compare(bytes(a), bytes(b)));
  return sorted.filter((_, i) => i % shard.n === shard.k - 1);
}

const HIT_COLUMNS = ['decision', 'decisionDate', 'caseNumber', 'request', 'reviewerSpecialties', 'guidelinesCited', 'closingSentence', 'source', 'line'] as const;

/** Search hits: aligned lines for people, or a table (JSON, CSV, Markdown) for programs. */
function writeHits(out: NodeJS.WritableStream, hits: readonly SearchHit[], format: string): void {
  if (format === 'text') {
    for (const h of hits) {
      out.write(`${(h.decision ?? 'no decision').padEnd(11)} ${(h.decisionDate ?? '').padEnd(10)} ${(h.caseNumber ?? '').padEnd(12)}  ${displayPath(h.request)}  (${displayPath(h.path)}:${h.range.start.line + 1})\n`);
    }
    return;
  }
  const w = new TableWriter(format as TableFormat, HIT_COLUMNS, (chunk) => out.write(chunk));
  w.add(
    hits.map((h) => ({
      decision: h.decision,
      decisionDate: h.decisionDate,
      caseNumber: h.caseNumber,
      request: h.request,
      reviewerSpecialties: h.specialties.join('; '),
      guidelinesCited: h.guidelines.join('; '),
      closingSentence: h.closing,
      source: h.path,
      line: h.range.start.line + 1,
    })),
  );
  w.end();
}

/** The exit status, with one line on stderr when files failed or inputs matched nothing. */
function summarize(err: NodeJS.WritableStream, failed: number, total: number, missing: number, errors: number): number {
  if (failed > 0) err.write(`imr: ${failed} of ${plural(total, 'file')} could not be read as IMR letters\n`);
  if (missing > 0) err.write(`imr: ${plural(missing, 'input')} matched no letter file\n`);
  if (failed > 0 || missing > 0) return 2;
  return errors > 0 ? 1 : 0;
}

/**
 * What happens when standard output or standard error cannot be written. A closed pipe on stdout
 * (`imr extract ... | head`) ends the run quietly with the status so far. Any other failure to
 * write stdout (a full disk, an I/O error) ends the run with a message and status 2, never a stack
 * trace: the output is incomplete. stderr carries only messages, so a failure to write them (its
 * reader gone, a full disk) is ignored and the run goes on, its exit status still telling.
 */
export function guardOutputStreams(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, exit: (code: number) => void): void {
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    try {
      stderr.write(`imr: the output could not be written (${outputErrorText(e)}); it is incomplete\n`);
    } catch {
      // stderr is gone too: the exit status says it
    }
    exit(2);
  });
  stderr.on('error', () => undefined);
}

/** Why writing the output failed, in words. */
function outputErrorText(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOSPC':
      return 'no space left on the disk';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EFBIG':
      return 'the file is larger than the disk allows';
    case 'EIO':
      return 'an input/output error on the device';
    case 'EBADF':
      return 'standard output is closed';
    default:
      return e.code ?? (e instanceof Error ? e.message : String(e));
  }
}

if (require.main === module) {
  setFlagsFromString(V8_FLAGS);
  guardOutputStreams(process.stdout, process.stderr, (code) => process.exit(code));
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`imr: unexpected failure: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
