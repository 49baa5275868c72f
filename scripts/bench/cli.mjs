// `imr extract` throughput: N letter files (the corpus repeated) in a temporary folder, extracted
// with `node dist/cli.js extract --format jsonl --quiet DIR > /dev/null` (default jobs: worker
// threads, one per core up to four), and again with --check (every diagnostic in the records),
// and `node dist/cli.js check DIR > /dev/null`;
// wall time, letters per second and peak memory (maximum resident set size from GNU time, else sampled from
// /proc/PID/status), against `cat FILES | wc -l` over the same files. Peak memory is also taken at
// a tenth of the letters; V8 grows its heap with the volume allocated, so resident memory rises
// with the run even when little stays live. Live memory is shown by a run with the old generation
// capped (--max-old-space-size=48, one thread): it finishes only if the live heap stays under the
// cap whatever the number of letters. The same folder is counted by `imr stats` and by the
// server for the Insights panel, whose page then draws it (insights-view.mjs), and written as Parquet
// (end to end, and the writing alone: parquet-write.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { insightsPanel } from './insights-view.mjs';
import { letterCopy, median } from './util.mjs';

/** Old-generation cap for the live-memory run (MB). */
const OLD_SPACE_CAP_MB = 48;

const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0 ? '/usr/bin/time' : null;

/** Runs a command with stdout to /dev/null (or to the file `out`); returns wall ms and peak RSS in KB. */
function runMeasured(cmd, args, out = '/dev/null') {
  return new Promise((resolve, reject) => {
    const outFd = openSync(out, 'w');
    const full = GNU_TIME ? [GNU_TIME, ['-v', cmd, ...args]] : [cmd, args];
    const t0 = performance.now();
    const child = spawn(full[0], full[1], { stdio: ['ignore', outFd, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let sampled = 0;
    const sampler = GNU_TIME
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) sampled = Math.max(sampled, Number(m[1]));
          } catch {
            // process gone
          }
        }, 5);
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (sampler) clearInterval(sampler);
      closeSync(outFd);
      const rss = GNU_TIME ? Number((/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr) ?? [])[1]) : sampled;
      const status = GNU_TIME ? Number((/Exit status: (\d+)/.exec(stderr) ?? [])[1] ?? code) : code;
      // CPU time of the command and its threads (GNU time only): robust when the machine is busy.
      const cpu = (k) => Number((new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(stderr) ?? [])[1] ?? NaN);
      resolve({ ms, rssKB: rss, status, stderr, cpuMs: (cpu('User') + cpu('System')) * 1000 });
    });
  });
}

export async function cliThroughput(root, texts, { letters = 10_000, runs = 3, quick = false, smoke = false } = {}) {
  const dir = join(tmpdir(), `imr-bench-cli-${process.pid}`);
  const small = Math.max(1, Math.round(letters / 10));
  const dirs = { large: join(dir, 'large'), small: join(dir, 'small') };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirs.large, { recursive: true });
  mkdirSync(dirs.small, { recursive: true });
  let bytes = 0;
  for (let k = 0; k < letters; k++) {
    const t = texts[k % texts.length];
    const name = `${String(k).padStart(5, '0')}-${basename(t.file)}`;
    // Each copy a letter of its own, so counting distinct letters (imr stats, the Insights panel) counts every file.
    const text = letterCopy(t.text, k);
    writeFileSync(join(dirs.large, name), text);
    if (k < small) writeFileSync(join(dirs.small, name), text);
    bytes += Buffer.byteLength(text);
  }
  try {
    const cli = join(root, 'dist', 'cli.js');
    // --every-file: the files are copies of the corpus, which one-record-per-letter would write once
    // each; this measures extracting every file (the letter library's benchmark measures the rest).
    const extract = (d) => [process.execPath, [cli, 'extract', '--format', 'jsonl', '--every-file', '--quiet', d]];
    // Correctness once (not timed): one record per letter file that is a letter. The smoke run (one
    // run) counts them in the output of its timed run over the same files instead of running it again.
    const countRecords = (jsonl) => jsonl.split('\n').filter((l) => l.trim()).length;
    const smallOut = smoke ? join(dir, 'small.jsonl') : undefined;
    let records = smoke ? null : countRecords(spawnSync(...extract(dirs.small), { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout);

    const timed = [];
    const stats = [];
    const parquet = [];
    const parquetOut = join(dir, 'parquet');
    const checked = [];
    const checkCmd = [];
    const smallRuns = [];
    const cat = [];
    for (let r = 0; r < runs; r++) {
      timed.push(await runMeasured(...extract(dirs.large)));
      smallRuns.push(await runMeasured(...extract(dirs.small), smallOut));
      // find + cat, not `cat DIR/*`: tens of thousands of names overflow the argument list.
      cat.push(await runMeasured('sh', ['-c', 'find "$0" -type f -exec cat {} + | wc -l', dirs.large]));
      const [cmd, args] = extract(dirs.large);
      checked.push(await runMeasured(cmd, [...args.slice(0, -1), '--check', args[args.length - 1]]));
      // The short version checks the tenth of the letters (imr check runs on one thread).
      checkCmd.push(await runMeasured(process.execPath, [cli, 'check', quick ? dirs.small : dirs.large]));
      // imr stats (the Insights panel's counting) and Parquet output over the same letters.
      stats.push(await runMeasured(process.execPath, [cli, 'stats', '--format', 'json', '--quiet', dirs.large]));
      parquet.push(await runMeasured(process.execPath, [cli, 'extract', '--format', 'parquet', '--force', '--quiet', '--out', parquetOut, dirs.large]));
    }
    // Live memory: the whole run with the old generation capped (one thread, so the cap covers all
    // the work). Finishing means the live heap never needed more, however many letters.
    const [cmd, args] = extract(dirs.large);
    const capped = await runMeasured(cmd, [`--max-old-space-size=${OLD_SPACE_CAP_MB}`, ...args.slice(0, -1), '--jobs', '1', args[args.length - 1]]);
    const bad = [...timed, ...checked, ...smallRuns, ...stats, ...parquet].find((t) => t.status !== 0) ?? checkCmd.find((t) => t.status !== 0 && t.status !== 1);
    if (bad) throw new Error(`imr extract failed (${bad.status}): ${bad.stderr.slice(0, 500)}`);
    if (records === null) records = countRecords(readFileSync(smallOut, 'utf8'));
    // The Insights panel over the same letters: the server's counting, then the page's first chart.
    const panel = await insightsPanel(root, dirs.large, { runs });
    // Parquet writing alone (the tables encoded and written, everything read from the letters made
    // beforehand), in a process of its own on one thread.
    const written = spawnSync(process.execPath, [join(root, 'scripts', 'bench', 'parquet-write.mjs'), root, String(letters), String(runs)], { encoding: 'utf8' });
    if (written.status !== 0) throw new Error(`parquet-write.mjs failed (${written.status}): ${written.stderr.slice(0, 500)}`);
    const parquetWrite = JSON.parse(written.stdout);
    const ms = median(timed.map((t) => t.ms));
    const catMs = median(cat.map((t) => t.ms));
    return {
      letters,
      bytes,
      records,
      smallLetters: small,
      runs,
      ms,
      lettersPerSecond: letters / (ms / 1000),
      mbs: bytes / 1e6 / (ms / 1000),
      peakRssMB: Math.max(...timed.map((t) => t.rssKB)) / 1024,
      smallPeakRssMB: Math.max(...smallRuns.map((t) => t.rssKB)) / 1024,
      smallMs: median(smallRuns.map((t) => t.ms)),
      catMs,
      ratioToCat: ms / catMs,
      // Every file of the corpus is a letter: anything but 0 is a failure (a usage error is 2 too).
      cappedOk: capped.status === 0,
      cappedMB: OLD_SPACE_CAP_MB,
      cappedRssMB: capped.rssKB / 1024,
      checkMs: median(checked.map((t) => t.ms)),
      checkLettersPerSecond: letters / (median(checked.map((t) => t.ms)) / 1000),
      checkPeakRssMB: Math.max(...checked.map((t) => t.rssKB)) / 1024,
      checkCmdMs: median(checkCmd.map((t) => t.ms)),
      cpuMs: median(timed.map((t) => t.cpuMs)),
      catCpuMs: median(cat.map((t) => t.cpuMs)),
      checkCmdCpuMs: median(checkCmd.map((t) => t.cpuMs)),
      checkCmdLetters: quick ? small : letters,
      checkCmdLettersPerSecond: (quick ? small : letters) / (median(checkCmd.map((t) => t.ms)) / 1000),
      memorySource: GNU_TIME ? 'GNU time -v (maximum resident set size)' : '/proc/PID/status VmHWM, sampled every 5 ms',
      allMs: timed.map((t) => +t.ms.toFixed(0)),
      statsMs: median(stats.map((t) => t.ms)),
      parquetMs: median(parquet.map((t) => t.ms)),
      parquetLettersPerSecond: letters / (median(parquet.map((t) => t.ms)) / 1000),
      parquetWrite,
      panel,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
