/**
 * `imr`: check and extract IMR letters in bulk, on the same core as the language server.
 *
 *   imr extract [--format json|jsonl|csv] [--bom] FILE...
 *   imr check [--format text|json] FILE...
 *
 * Exit status: 0 when every file was read as a letter (and, for `check`, no error remains);
 * 1 when `check` found errors; 2 when a file could not be read or is not a letter, or on a usage
 * error. Failed files are reported on stderr and the others are still processed.
 */
import { stringify } from 'csv-stringify/sync';
import { ITEM_COLUMNS, itemRows, letterRecord, LineIndex, parseLetter, Problem } from './core';
import { DEFAULT_MAX_BYTES, readLetterFile } from './io';

const USAGE = `Usage:
  imr extract [--format json|jsonl|csv] [--bom] [--max-size MB] FILE...
  imr check [--format text|json] [--max-size MB] FILE...

extract  prints the letter model of each file in the documented schema (README "Extraction
         schema"): json prints one object for one file and an array for several; jsonl prints one
         object per line; csv prints one row per disputed item (--bom adds a UTF-8 byte order mark
         for spreadsheet programs).
check    prints each problem as FILE:LINE:COL SEVERITY CODE MESSAGE (or JSON with --format json);
         exits 1 when any error remains.
`;

interface Options {
  command: 'extract' | 'check';
  format: string;
  bom: boolean;
  maxBytes: number;
  files: string[];
}

function parseArgs(argv: string[]): Options | string {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return 'help';
  if (command !== 'extract' && command !== 'check') return command ? `unknown command "${command}"` : 'no command given';
  const opts: Options = { command, format: command === 'extract' ? 'json' : 'text', bom: false, maxBytes: DEFAULT_MAX_BYTES, files: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--format' || a === '-f') opts.format = rest[++i] ?? '';
    else if (a.startsWith('--format=')) opts.format = a.slice(9);
    else if (a === '--bom') opts.bom = true;
    else if (a === '--max-size') opts.maxBytes = Number(rest[++i]) * 1048576;
    else if (a === '--help' || a === '-h') return 'help';
    else if (a === '--') opts.files.push(...rest.slice(i + 1)), (i = rest.length);
    else if (a.startsWith('-') && a !== '-') return `unknown option "${a}"`;
    else opts.files.push(a);
  }
  const formats = command === 'extract' ? ['json', 'jsonl', 'csv'] : ['text', 'json'];
  if (!formats.includes(opts.format)) return `--format must be one of ${formats.join(', ')}`;
  if (!(opts.maxBytes > 0)) return '--max-size must be a positive number of megabytes';
  if (opts.files.length === 0) return 'no FILE given';
  return opts;
}

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const opts = parseArgs(argv);
  if (opts === 'help') {
    out.write(USAGE);
    return 0;
  }
  if (typeof opts === 'string') {
    err.write(`imr: ${opts}\n\n${USAGE}`);
    return 2;
  }
  let failed = 0;
  let errors = 0;
  let first = true;
  const jsonArray = opts.command === 'extract' && opts.format === 'json' && opts.files.length > 1;
  const checkJson: unknown[] = [];
  if (jsonArray) out.write('[\n');

  for (const file of opts.files) {
    const read = await readLetterFile(file, opts.maxBytes);
    if (!read.ok) {
      err.write(`imr: ${file}: ${read.reason}\n`);
      failed++;
      continue;
    }
    const letter = parseLetter(read.text);
    if (!letter.isLetter) {
      const why = letter.problems[0]?.message ?? 'no IMR letter structure was recognised';
      err.write(`imr: ${file}: not an IMR letter: ${why}\n`);
      failed++;
      continue;
    }
    const lines = new LineIndex(read.text);
    const problems: readonly Problem[] = letter.problems;
    const record = letterRecord(letter, read.text, file, problems, lines);
    if (opts.command === 'extract') {
      if (opts.format === 'json') {
        out.write((jsonArray && !first ? ',\n' : '') + JSON.stringify(record, null, 2) + (jsonArray ? '' : '\n'));
      } else if (opts.format === 'jsonl') {
        out.write(JSON.stringify(record) + '\n');
      } else {
        const rows = itemRows(record);
        out.write(stringify(rows, { header: first, columns: [...ITEM_COLUMNS], bom: first && opts.bom, cast: { number: String } }));
      }
      first = false;
    } else {
      errors += problems.filter((p) => p.severity === 'error').length;
      if (opts.format === 'json') checkJson.push({ source: file, problems: record.problems });
      else {
        for (const p of record.problems) {
          out.write(`${file}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.code} ${p.message}\n`);
        }
      }
    }
  }
  if (jsonArray) out.write('\n]\n');
  if (opts.command === 'check' && opts.format === 'json') out.write(JSON.stringify(checkJson, null, 2) + '\n');
  if (failed > 0) {
    err.write(`imr: ${failed} of ${opts.files.length} file${opts.files.length === 1 ? '' : 's'} could not be read as IMR letters\n`);
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
