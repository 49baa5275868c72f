/**
 * Letter files in the encodings people save text in: UTF-8 with or without a byte order mark,
 * Windows-1252, and UTF-16 (Notepad's "Unicode", Word's "Unicode Text"), little or big endian,
 * with or without a byte order mark. Each reads as the same letter, in the CLI and in the letter
 * library; binary data that has a pattern of zero bytes is still refused.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { bundledKnowledge } from '../../server/src/core';
import { decodeLetterBytes, utf16Order } from '../../server/src/io';
import { readTextEntries } from '../../server/src/workspace/read-text';
import { DIST, FIXTURES } from '../paths';
import { tempDir } from '../temp';

const scratch = tempDir('imr-encodings-');
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const letterFile = path.join(FIXTURES, 'letters', '2016_format1b_CM16-0221706.txt');
// With characters beyond ASCII (a curly apostrophe, an accented name, a section sign), so that a
// decoder that only handled ASCII would be caught.
const text = fs.readFileSync(letterFile, 'utf8') + '\nReviewer\u2019s note: Jos\u00e9 \u00a7 9792.24.2\n';

function utf16be(s: string): Buffer {
  return Buffer.from(s, 'utf16le').swap16();
}

const FORMS: [string, Buffer, string][] = [
  ['utf-8', Buffer.from(text, 'utf8'), 'utf-8'],
  ['utf-8 with a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
  ['utf-16le with a byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le'],
  ['utf-16be with a byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]), 'utf-16be'],
  ['utf-16le without one', Buffer.from(text, 'utf16le'), 'utf-16le'],
  ['utf-16be without one', utf16be(text), 'utf-16be'],
];

describe('letter files in other encodings', () => {
  test('each form decodes to the same text, and says which encoding it was', () => {
    for (const [name, bytes, encoding] of FORMS) {
      const r = decodeLetterBytes(bytes);
      assert.ok(r.ok, `${name}: ${!r.ok && r.reason}`);
      assert.equal(r.text, text, name);
      assert.equal(r.encoding, encoding, name);
    }
    // Windows-1252: the curly apostrophe is one byte (0x92); the text reads back the same.
    const cp1252 = Buffer.from(text.replace(/\u2019/g, '\x92').replace(/\u00e9/g, '\xe9').replace(/\u00a7/g, '\xa7'), 'latin1');
    const r = decodeLetterBytes(cp1252);
    assert.ok(r.ok);
    assert.equal(r.encoding, 'windows-1252');
    assert.equal(r.text, text);
  });

  test('UTF-16 is told from binary data and from one-byte text', () => {
    assert.equal(utf16Order(Buffer.from(text, 'utf8')), null);
    assert.equal(utf16Order(Buffer.from('short', 'utf16le')), null); // too few bytes to tell without a mark
    // Zip-like binary data: zero bytes, but not every other one.
    const binary = Buffer.alloc(4096);
    for (let i = 0; i < binary.length; i++) binary[i] = i % 7 === 0 ? 0 : (i * 31) & 0xff;
    assert.equal(utf16Order(binary), null);
    const refused = decodeLetterBytes(binary);
    assert.ok(!refused.ok && /binary/.test(refused.reason));
    // A byte order mark on bytes that are not UTF-16 (an odd length, a lone surrogate): refused, with why.
    for (const bad of [Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00])]) {
      const r = decodeLetterBytes(bad);
      assert.ok(!r.ok && /UTF-16/.test(r.reason), String(!r.ok && r.reason));
    }
    // UTF-16 of mostly control characters: refused as well.
    const r = decodeLetterBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('\x01\x02\x03\x04'.repeat(100), 'utf16le')]));
    assert.ok(!r.ok);
  });

  test('the letter library reads every form as the same letter', () => {
    const kb = bundledKnowledge();
    const keys = FORMS.map(([name, bytes]) => {
      const file = path.join(scratch, `${name.replace(/\W+/g, '-')}.txt`);
      fs.writeFileSync(file, bytes);
      const r = readTextEntries(file, bytes.length, 50 << 20, kb);
      assert.ok(r.ok && r.letters.length === 1, name);
      return r.ok ? JSON.stringify(r.letters[0].identity) : '';
    });
    assert.equal(new Set(keys).size, 1);
  });

  test('imr extract reads a folder of the forms as one letter, every file a copy of it', () => {
    const dir = path.join(scratch, 'folder');
    fs.mkdirSync(dir);
    FORMS.forEach(([, bytes], k) => fs.writeFileSync(path.join(dir, `${k}.txt`), bytes));
    const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'extract', '--format', 'jsonl', '--every-file', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(records.length, FORMS.length);
    for (const rec of records) {
      assert.equal(rec.caseNumber, 'CM16-0221706');
      assert.equal(rec.dates.decision, '2016-12-21');
    }
    assert.doesNotMatch(r.stderr, /binary/);
  });
});
