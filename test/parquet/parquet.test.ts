/**
 * Parquet output, read back by an independent reader library (hyparquet): the writer on every
 * column type, nulls, many row groups and pages, Unicode; `imr extract --format parquet` against
 * the JSON records of the same letters; files never half-written or silently replaced; shards.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { bundledKnowledge, findCitations, parseDocument } from '../../server/src/core';
import { extractCitations } from '../../server/src/export/citations';
import { ColumnDef, isoToDays, ParquetFileWriter } from '../../server/src/export/parquet/writer';
import { CITATION_TABLE_COLUMNS, ITEM_TABLE_COLUMNS, LETTER_COLUMNS, schemaMarkdown } from '../../server/src/export/parquet/tables';
import { DIST, FIXTURES, ROOT } from '../paths';
import { tempDir } from '../temp';

type Row = Record<string, unknown>;

async function readParquet(file: string): Promise<{ rows: Row[]; schema: { name: string; type?: string; repetition_type?: string; converted_type?: string; logical_type?: { type: string } }[]; rowGroups: number; kv: Record<string, string> }> {
  const { parquetReadObjects, parquetMetadata } = await import('hyparquet');
  const b = fs.readFileSync(file);
  const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  const meta = parquetMetadata(ab);
  const rows = (await parquetReadObjects({ file: ab })) as Row[];
  const kv: Record<string, string> = {};
  for (const e of meta.key_value_metadata ?? []) kv[e.key] = e.value ?? '';
  return { rows, schema: meta.schema as never, rowGroups: meta.row_groups.length, kv };
}

function imr(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);
const scratch = tempDir('imr-parquet-');

describe('the Parquet writer, read back by hyparquet', () => {
  const columns: ColumnDef[] = [
    { name: 's_req', type: 'string', optional: false },
    { name: 's_opt', type: 'string', optional: true },
    { name: 'i', type: 'int32', optional: true },
    { name: 'd', type: 'double', optional: true },
    { name: 'b', type: 'boolean', optional: false },
    { name: 'day', type: 'date', optional: true },
  ];

  test('every type, nulls in every optional column, several row groups and pages, Unicode', async () => {
    const file = path.join(scratch, 'types.parquet');
    const w = new ParquetFileWriter(file, columns, { rowGroupRows: 1000, metadata: { 'imr.table': 'test' } });
    const want: Row[] = [];
    const big = 'x'.repeat(300_000);
    for (let k = 0; k < 2500; k++) {
      const row = {
        s_req: k % 7 === 0 ? '' : `req ${k} é ü 漢字 🙂`,
        s_opt: k % 3 === 0 ? null : k % 500 === 1 ? big + k : `opt ${k}`,
        i: k % 4 === 0 ? null : k % 5 === 0 ? -k : k * 1000,
        d: k % 6 === 0 ? null : k / 7,
        b: k % 2 === 0,
        day: k % 5 === 0 ? null : `20${10 + (k % 10)}-0${1 + (k % 9)}-1${k % 10}`,
      };
      want.push(row);
      w.add([row.s_req, row.s_opt, row.i, row.d, row.b, row.day]);
    }
    w.close();
    const got = await readParquet(file);
    assert.equal(got.rows.length, want.length);
    assert.equal(got.rowGroups, 3);
    assert.equal(got.kv['imr.table'], 'test');
    for (let k = 0; k < want.length; k++) {
      const g = got.rows[k];
      assert.deepEqual({ ...g, day: iso(g.day) }, want[k], `row ${k}`);
    }
    const el = (n: string) => got.schema.find((s) => s.name === n)!;
    assert.equal(el('s_req').repetition_type, 'REQUIRED');
    assert.equal(el('s_opt').repetition_type, 'OPTIONAL');
    assert.equal(el('s_opt').logical_type?.type, 'STRING');
    assert.equal(el('day').type, 'INT32');
    assert.equal(el('day').logical_type?.type, 'DATE');
    assert.equal(el('d').type, 'DOUBLE');
    assert.equal(el('b').type, 'BOOLEAN');
  });

  test('strings of megabytes (encoded in a buffer of their own) between small rows read back whole', async () => {
    // The encoder writes into a scratch buffer of up to 8 MB kept between calls; a value bound to
    // need more (3 bytes of UTF-8 per UTF-16 unit) gets a buffer of its own. Both, in turns.
    const file = path.join(scratch, 'large-strings.parquet');
    const w = new ParquetFileWriter(file, columns);
    const want: Row[] = [];
    for (let k = 0; k < 9; k++) {
      const huge = k % 3 === 1;
      const s = huge ? `${k} ${'é漢 '.repeat(1_000_000)}🙂` : `small ${k} é`;
      const row = { s_req: s, s_opt: huge ? 'x'.repeat(200_000) : null, i: k, d: k / 2, b: huge, day: '2020-02-29' };
      want.push(row);
      w.add([row.s_req, row.s_opt, row.i, row.d, row.b, row.day]);
    }
    w.close();
    const got = await readParquet(file);
    assert.equal(got.rows.length, want.length);
    for (let k = 0; k < want.length; k++) assert.deepEqual({ ...got.rows[k], day: iso(got.rows[k].day) }, want[k], `row ${k}`);
  });

  test('an empty table is a valid file with the schema and no rows', async () => {
    const file = path.join(scratch, 'empty.parquet');
    new ParquetFileWriter(file, columns).close();
    const got = await readParquet(file);
    assert.equal(got.rows.length, 0);
    assert.deepEqual(got.schema.slice(1).map((s) => s.name), columns.map((c) => c.name));
  });

  test('dates are days since 1970; values outside a column type are null (optional) or zero (required)', async () => {
    assert.equal(isoToDays('1970-01-01'), 0);
    assert.equal(isoToDays('2017-01-24'), 17190);
    assert.equal(isoToDays('24/01/2017'), null);
    const file = path.join(scratch, 'odd.parquet');
    const w = new ParquetFileWriter(file, [
      { name: 'n', type: 'int32', optional: false },
      { name: 'day', type: 'date', optional: true },
    ]);
    w.add([Number.NaN, 'not a date']);
    w.add([1e12, '2017-01-24']);
    w.close();
    const got = await readParquet(file);
    assert.deepEqual(got.rows.map((r) => [r.n, iso(r.day)]), [[0, null], [2147483647, '2017-01-24']]);
  });
});

describe('imr extract --format parquet', () => {
  const letters = path.join(FIXTURES, 'letters');
  const inputs = [
    path.join(letters, '2017_format1b_CM16-0238035.txt'),
    path.join(letters, '2017_format1b_CM17-0013716.txt'),
    path.join(letters, 'pdf', 'CM16-0239569.pdf'),
    path.join(FIXTURES, 'seeds', '000_b6b425ba94267f2e.txt'),
  ];

  test('one letter of one item: the summary line says "1 letter", "1 item"', () => {
    const out = path.join(scratch, 'one-letter');
    const r = imr('extract', '--format', 'parquet', '--out', out, '--quiet', path.join(letters, '2016_format1b_CM16-0221706.txt'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Wrote 1 letter to .*letters\.parquet, 1 item to .*items\.parquet, \d+ citations? to .*citations\.parquet\n$/);
  });

  test('letters, items and citations tables hold what the JSON records hold', async () => {
    const out = path.join(scratch, 'run1');
    const r = imr('extract', '--format', 'parquet', '--out', out, '--quiet', ...inputs);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Wrote 4 letters to .*letters\.parquet, 18 items to .*items\.parquet, \d+ citations to .*citations\.parquet/);
    const records = JSON.parse(imr('extract', '--format', 'json', ...inputs).out) as Row[];
    const L = await readParquet(path.join(out, 'letters.parquet'));
    const I = await readParquet(path.join(out, 'items.parquet'));
    const C = await readParquet(path.join(out, 'citations.parquet'));
    assert.deepEqual(L.schema.slice(1).map((s) => s.name), LETTER_COLUMNS.map((c) => c.name));
    assert.deepEqual(I.schema.slice(1).map((s) => s.name), ITEM_TABLE_COLUMNS.map((c) => c.name));
    assert.deepEqual(C.schema.slice(1).map((s) => s.name), CITATION_TABLE_COLUMNS.map((c) => c.name));
    assert.equal(L.rows.length, records.length);
    for (const [k, rec] of records.entries()) {
      const l = L.rows[k];
      const dates = rec.dates as Record<string, string | null>;
      const items = rec.items as Row[];
      assert.equal(l.source, rec.source);
      assert.equal(l.case_number, rec.caseNumber);
      assert.equal(iso(l.decision_date), dates.decision);
      assert.equal(iso(l.date_assigned), dates.assigned);
      assert.equal(l.items, items.length);
      assert.equal(l.upheld, items.filter((i) => i.decision === 'Upheld').length);
      assert.equal(l.overturned, items.filter((i) => i.decision === 'Overturned').length);
      assert.equal(l.reviewer_specialties, (rec.reviewer as { specialties: string[] }).specialties.join('; ') || null);
      if (dates.assigned && dates.decision) assert.equal(l.days_to_decision, (Date.parse(dates.decision) - Date.parse(dates.assigned)) / 86_400_000);
      const mine = I.rows.filter((i) => i.source === rec.source);
      assert.deepEqual(
        mine.map((i) => [i.item_index, i.request, i.decision, i.category, i.drug, i.drug_class, i.body_part, i.quantity_count, i.quantity_schedule, i.rationale]),
        items.map((i) => {
          const q = i.quantity as { count: number; schedule: string | null } | null;
          return [(i.index as number) + 1, i.request, i.decision, i.category, i.drug, i.drugClass, i.bodyPart, q?.count ?? null, q?.schedule ?? null, i.rationale];
        }),
      );
      for (const i of mine) assert.equal(i.letter_key, l.letter_key);
    }
    // The citations table holds what the Extract Citations command lists, letter by letter.
    for (const file of inputs.filter((f) => f.endsWith('.txt'))) {
      const text = fs.readFileSync(file, 'utf8');
      const kb = bundledKnowledge();
      const want = parseDocument(text).flatMap((letter) => extractCitations(letter, findCitations(letter, text, kb), kb, null).rows);
      const got = C.rows.filter((c) => c.source === file);
      assert.ok(want.length > 0, file);
      assert.deepEqual(
        got.map((c) => [c.item_index, c.block, c.kind, c.guideline, c.edition, c.locator, c.topic_in_letter]),
        want.map((w) => [w.item, w.block, w.kind, w.guideline, w.edition, w.locator, w.topicInLetter]),
        file,
      );
    }
    // The PDF and its text give the same letter key.
    const pdfKey = L.rows.find((l) => String(l.source).endsWith('.pdf'))!.letter_key;
    const txt = imr('extract', '--format', 'parquet', '--out', path.join(scratch, 'run1b'), '--quiet', path.join(letters, '2017_format1b_CM16-0239569.txt'));
    assert.equal(txt.code, 0, txt.err);
    assert.equal((await readParquet(path.join(scratch, 'run1b', 'letters.parquet'))).rows[0].letter_key, pdfKey);
  });

  test('existing tables are not replaced without --force, and no partial file is left', async () => {
    const out = path.join(scratch, 'run2');
    assert.equal(imr('extract', '--format', 'parquet', '--out', out, '--quiet', inputs[0]).code, 0);
    const before = fs.statSync(path.join(out, 'items.parquet')).mtimeMs;
    const again = imr('extract', '--format', 'parquet', '--out', out, '--quiet', inputs[1]);
    assert.equal(again.code, 2);
    assert.match(again.err, /nothing written: letters\.parquet, items\.parquet, citations\.parquet already in .* \(use --force to replace\)/);
    assert.equal(fs.statSync(path.join(out, 'items.parquet')).mtimeMs, before);
    const forced = imr('extract', '--format', 'parquet', '--out', out, '--force', '--quiet', inputs[1]);
    assert.equal(forced.code, 0, forced.err);
    assert.equal((await readParquet(path.join(out, 'letters.parquet'))).rows[0].source, inputs[1]);
    assert.deepEqual(fs.readdirSync(out).sort(), ['citations.parquet', 'items.parquet', 'letters.parquet']);
  });

  test('usage: parquet needs --out, --out needs parquet, --shard K/N', () => {
    assert.match(imr('extract', '--format', 'parquet', inputs[0]).err, /--format parquet needs --out DIR/);
    assert.match(imr('extract', '--out', scratch, inputs[0]).err, /--out is for --format parquet/);
    assert.match(imr('extract', '--shard', '0/3', inputs[0]).err, /--shard must be K\/N/);
    assert.match(imr('extract', '--shard', '4/3', inputs[0]).err, /--shard must be K\/N/);
  });

  test('shards split the sorted input without overlap, and together cover it', async () => {
    const seen: string[] = [];
    for (const k of [1, 2, 3]) {
      const out = path.join(scratch, `shard-${k}`);
      const r = imr('extract', '--format', 'parquet', '--out', out, '--shard', `${k}/3`, '--quiet', path.join(FIXTURES, 'seeds'));
      assert.equal(r.code, 0, r.err);
      for (const row of (await readParquet(path.join(out, 'letters.parquet'))).rows) seen.push(String(row.source));
    }
    const all = fs.readdirSync(path.join(FIXTURES, 'seeds')).filter((f) => f.endsWith('.txt')).map((f) => path.join(FIXTURES, 'seeds', f));
    assert.deepEqual(seen.slice().sort(), all.sort());
    assert.equal(new Set(seen).size, seen.length);
  });

  test('the README documents every column of every table', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(/\r\n/g, '\n');
    assert.ok(readme.includes(schemaMarkdown()), 'README "Data out: Parquet" must hold schemaMarkdown() as generated (node -e "console.log(require(\'./out/server/src/export/parquet/tables\').schemaMarkdown())")');
  });
});
