/**
 * `imr`: check and extract IMR letters in bulk, on the same core as the language server.
 *
 *   imr extract [--format json|jsonl|csv|md] [--bom] [--max-size MB] [--quiet] INPUT...
 *   imr check [--format text|json] [--max-size MB] INPUT...
 *
 * INPUT is a file, a folder (searched recursively for .txt, .imr and .pdf) or a glob pattern.
 * Exit status: 0 when every file was read as a letter (and, for `check`, no error remains);
 * 1 when `check` found errors; 2 when a file could not be read or is not a letter, or on a usage
 * error. Failed files are reported on stderr and the others are still processed.
 */
import { once } from 'events';
import { diagnose, letterRecord, LineIndex, parseDocument } from './core';
import { extractFiles } from './export/bulk';
import { TableFormat } from './export/formats';
import { collectInputs } from './export/inputs';
import { DEFAULT_MAX_BYTES, readLetterFile } from './io';

const USAGE = `Usage:
  imr extract [--format json|jsonl|csv|md] [--check] [--bom] [--jobs N] [--max-size MB] [--quiet] INPUT...
  imr check [--format text|json] [--max-size MB] INPUT...

INPUT    a letter file (.txt, .imr, .pdf), a folder (searched recursively) or a glob pattern.
extract  prints each letter in the documented schema (README "Extraction schema"):
           json   one object for one file, an array for several
           jsonl  one object per line
           csv    one row per disputed item (--bom adds a UTF-8 byte order mark)
           md     a Markdown table, one row per disputed item
         Each record's "problems" lists what the parser met; --check lists every diagnostic
         instead (as imr check does; slower). Files are spread over --jobs worker threads
         (default: one per core, up to 4) and written in input order. A progress bar is shown on
         a terminal; --quiet hides it.
check    prints the diagnostics the editor shows, one per line as
         FILE:LINE:COL SEVERITY CODE MESSAGE (or JSON with --format json); exits 1 when any error
         remains.
`;

interface Options {
  command: 'extract' | 'check';
  format: string;
  bom: boolean;
  quiet: boolean;
  check: boolean;
  jobs: number | undefined;
  maxBytes: number;
  inputs: string[];
}

function parseArgs(argv: string[]): Options | string {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return 'help';
  if (command !== 'extract' && command !== 'check') return command ? `unknown command "${command}"` : 'no command given';
  const opts: Options = {
    command,
    format: command === 'extract' ? 'json' : 'text',
    bom: false,
    quiet: false,
    check: false,
    jobs: undefined,
    maxBytes: DEFAULT_MAX_BYTES,
    inputs: [],
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--format' || a === '-f') opts.format = rest[++i] ?? '';
    else if (a.startsWith('--format=')) opts.format = a.slice(9);
    else if (a === '--bom') opts.bom = true;
    else if (a === '--quiet' || a === '-q') opts.quiet = true;
    else if (a === '--check') opts.check = true;
    else if (a === '--jobs' || a === '-j') opts.jobs = Number(rest[++i]);
    else if (a === '--max-size') opts.maxBytes = Number(rest[++i]) * 1048576;
    else if (a === '--help' || a === '-h') return 'help';
    else if (a === '--') {
      opts.inputs.push(...rest.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') return `unknown option "${a}"`;
    else opts.inputs.push(a);
  }
  const formats = command === 'extract' ? ['json', 'jsonl', 'csv', 'md'] : ['text', 'json'];
  if (!formats.includes(opts.format)) return `--format must be one of ${formats.join(', ')}`;
  if (!(opts.maxBytes > 0)) return '--max-size must be a positive number of megabytes';
  if (opts.jobs !== undefined && !(Number.isInteger(opts.jobs) && opts.jobs >= 1)) return '--jobs must be a whole number of at least 1';
  if (opts.command === 'check' && opts.jobs !== undefined) return '--jobs is for extract';
  if (opts.inputs.length === 0) return 'no INPUT given';
  return opts;
}

/** A one-line progress bar on a terminal's stderr, redrawn at most every 100 ms. */
function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, enabled: boolean) {
  let last = 0;
  let shown = false;
  return {
    update(done: number, total: number) {
      if (!enabled || !stream.isTTY) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 30));
      const filled = Math.round((done / Math.max(1, total)) * width);
      stream.write(`\r[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} files`);
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
  if (typeof opts === 'string') {
    err.write(`imr: ${opts}\n\n${USAGE}`);
    return 2;
  }
  const { files, missing } = await collectInputs(opts.inputs);
  for (const m of missing) err.write(`imr: ${m.input}: ${m.reason}\n`);
  let failed = missing.length;

  if (opts.command === 'extract') {
    const bar = progressBar(err, !opts.quiet);
    const format = opts.format === 'json' ? 'json-records' : (opts.format as TableFormat);
    const result = await extractFiles(files, (chunk) => out.write(chunk), {
      format,
      bom: opts.bom,
      check: opts.check,
      jobs: opts.jobs,
      maxBytes: opts.maxBytes,
      onProgress: (done, total) => bar.update(done, total),
      drain: () => ((out as NodeJS.WritableStream & { writableNeedDrain?: boolean }).writableNeedDrain ? once(out, 'drain').then(() => undefined) : undefined),
    });
    bar.clear();
    for (const f of result.failures) err.write(`imr: ${f.file}: ${f.reason}\n`);
    failed += result.failures.length;
    return summarize(err, failed, files.length + missing.length, 0);
  }

  let errors = 0;
  const checkJson: unknown[] = [];
  for (const file of files) {
    const read = await readLetterFile(file, opts.maxBytes);
    if (!read.ok) {
      err.write(`imr: ${file}: ${read.reason}\n`);
      failed++;
      continue;
    }
    const letters = parseDocument(read.text);
    if (!letters.some((l) => l.isLetter)) {
      err.write(`imr: ${file}: not an IMR letter: ${letters[0].problems[0]?.message ?? 'no IMR letter structure was recognised'}\n`);
      failed++;
      continue;
    }
    const lines = new LineIndex(read.text);
    const problems = letters.flatMap((letter) => letterRecord(letter, read.text, file, diagnose(letter, read.text), lines).problems);
    errors += problems.filter((p) => p.severity === 'error').length;
    if (opts.format === 'json') checkJson.push({ source: file, problems });
    else {
      for (const p of problems) {
        out.write(`${file}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.code} ${p.message}\n`);
      }
    }
  }
  if (opts.format === 'json') out.write(JSON.stringify(checkJson, null, 2) + '\n');
  return summarize(err, failed, files.length + missing.length, errors);
}

function summarize(err: NodeJS.WritableStream, failed: number, total: number, errors: number): number {
  if (failed > 0) {
    err.write(`imr: ${failed} of ${total} file${total === 1 ? '' : 's'} could not be read as IMR letters\n`);
    return 2;
  }
  return errors > 0 ? 1 : 0;
}

if (require.main === module) {
  // A closed pipe (`imr extract ... | head`) ends the output quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
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
