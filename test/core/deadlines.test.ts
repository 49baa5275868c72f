/**
 * The dates a letter sets running, as calendar events (core/deadlines.ts), and the iCalendar file
 * they are written as (RFC 5545): dates worked out by hand in the test names, every seed and corpus
 * letter held to the appeal rules, and the file's lines checked as a calendar program reads them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

import { appealDeadline, reRequestUntil } from '../../server/src/core/appeal';
import { calendar, Deadline, escapeText, fold, letterDeadlines } from '../../server/src/core/deadlines';
import { bundledKnowledge } from '../../server/src/core/knowledge';
import { parseDocument, parseLetter } from '../../server/src/core/parse';
import { FIXTURES } from '../paths';
import { fixtureTexts } from './corpus';

const kb = bundledKnowledge();
const STAMP = new Date('2026-12-06T18:30:05.123Z');

/** A calendar file's content lines, unfolded (a line starting with a space continues the one before). */
function unfold(ics: string): string[] {
  return ics.split('\r\n').slice(0, -1).reduce<string[]>((out, l) => {
    if (l.startsWith(' ')) out[out.length - 1] += l.slice(1);
    else out.push(l);
    return out;
  }, []);
}

/** TEXT unescaped as a calendar program reads it. */
function unescapeText(s: string): string {
  return s.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** The events of a calendar file: each a map of its properties (name with parameters -> value). */
function events(ics: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let cur: Map<string, string> | null = null;
  for (const line of unfold(ics)) {
    if (line === 'BEGIN:VEVENT') cur = new Map();
    else if (line === 'END:VEVENT') {
      out.push(cur!);
      cur = null;
    } else if (cur) {
      const colon = line.indexOf(':');
      cur.set(line.slice(0, colon), line.slice(colon + 1));
    }
  }
  return out;
}

const letterOf = (file: string) => parseLetter(fs.readFileSync(path.join(FIXTURES, 'letters', file), 'utf8'));

describe('the dates a letter sets running', () => {
  test('CM16-0231745, decided 01/10/2017, UR denial 11/30/2016, five items upheld: appeal by Tuesday 2017-02-14 (35 days), repeat request from Thursday 2017-11-30 (12 months)', () => {
    const letter = letterOf('2017_format1b_CM16-0231745.txt');
    const [appeal, repeat, ...rest] = letterDeadlines(letter, kb);
    assert.equal(rest.length, 0);
    assert.equal(appeal.kind, 'appeal');
    assert.equal(appeal.date, '2017-02-14');
    assert.equal(appeal.caseNumber, 'CM16-0231745');
    assert.equal(appeal.title, 'IMR CM16-0231745: last day to appeal (estimate)');
    assert.match(appeal.description, /^Appeal deadline, estimated: Tuesday 2017-02-14\. /);
    assert.match(appeal.description, /served by hand that day, the last day would be Thursday 2017-02-09/);
    assert.match(appeal.description, /8 CCR §10957\.1/, "the rule of the letter's era");
    assert.deepEqual(appeal.span, letter.dates.decision!.span, 'counted from the Decision Date');
    assert.equal(repeat.kind, 'repeat-request');
    assert.equal(repeat.date, '2017-11-30');
    assert.match(repeat.description, /The UR decision of 11\/30\/2016 stays in effect until about Thursday 2017-11-30 \(Labor Code §4610\(g\)\(6\)\)/);
    assert.deepEqual(repeat.span, letter.dates.urDenial!.span);
    // Both list the letter's items with their decisions.
    for (const item of letter.items) {
      assert.ok(appeal.description.includes(`${item.index + 1}. ${item.request}: Upheld`), item.request);
      assert.ok(repeat.description.includes(`${item.index + 1}. ${item.request}: Upheld`), item.request);
    }
  });

  test('every seed and corpus letter: the appeal date is the rules\' (35 days from the Decision Date, a weekend moved to the Monday); a repeat-request date only with an upheld item and a UR Denial Date', () => {
    let appeals = 0;
    let repeats = 0;
    for (const { name, text } of fixtureTexts()) {
      for (const letter of parseDocument(text)) {
        const ds = letterDeadlines(letter, kb);
        const decided = letter.dates.decision;
        if (!letter.isLetter || !decided?.iso) {
          assert.deepEqual(ds, [], `${name}: no Decision Date, no date`);
          continue;
        }
        const appeal = ds.find((d) => d.kind === 'appeal');
        assert.ok(appeal, name);
        const start = new Date(`${decided.iso}T00:00:00Z`).getTime();
        const days = (new Date(`${appeal.date}T00:00:00Z`).getTime() - start) / 86_400_000;
        const dow = new Date(`${appeal.date}T00:00:00Z`).getUTCDay();
        assert.ok(days >= 35 && days <= 37 && dow >= 1 && dow <= 5, `${name}: ${decided.iso} -> ${appeal.date}`);
        assert.equal(appeal.date, appealDeadline(kb, decided.iso).byMail, name);
        appeals++;
        const upheld = letter.items.some((i) => i.decision === 'Upheld');
        const ur = letter.dates.urDenial?.iso;
        const repeat = ds.find((d) => d.kind === 'repeat-request');
        if (upheld && ur && reRequestUntil(kb, ur)?.until) {
          assert.ok(repeat, `${name}: upheld, UR ${ur}`);
          assert.equal(repeat.date, `${Number(ur.slice(0, 4)) + 1}${ur.slice(4)}`, `${name}: twelve months after ${ur}`);
          repeats++;
        } else assert.equal(repeat, undefined, `${name}: ${upheld ? 'no UR Denial Date' : 'nothing upheld'}`);
      }
    }
    assert.ok(appeals >= 200, `appeal dates: ${appeals}`);
    assert.ok(repeats >= 100, `repeat-request dates: ${repeats}`);
  });

  test('a letter with every item overturned sets no repeat-request date', () => {
    const overturned = fixtureTexts()
      .flatMap(({ text }) => parseDocument(text))
      .find((l) => l.isLetter && l.dates.decision?.iso && l.items.length > 0 && l.items.every((i) => i.decision === 'Overturned'));
    assert.ok(overturned, 'a corpus letter with every item overturned');
    assert.deepEqual(letterDeadlines(overturned, kb).map((d) => d.kind), ['appeal']);
  });

  test('text that is not a letter, or a letter whose Decision Date is not a real date, sets no date', () => {
    assert.deepEqual(letterDeadlines(parseLetter('Dear Sir, please find enclosed the invoice.'), kb), []);
    const text = fs.readFileSync(path.join(FIXTURES, 'letters', '2017_format1b_CM16-0231745.txt'), 'utf8').replace('01/10/2017', '02/30/2017');
    const letter = parseLetter(text);
    assert.equal(letter.dates.decision?.iso, null, 'the Decision Date is read but is not a real date');
    assert.deepEqual(letterDeadlines(letter, kb), []);
  });
});

describe('the calendar file (RFC 5545)', () => {
  const letter = letterOf('2017_format1b_CM16-0231745.txt');
  const deadlines = letterDeadlines(letter, kb);
  const ics = calendar(deadlines, STAMP);

  test('one VCALENDAR of version 2.0, every line ended by CRLF and at most 75 octets', () => {
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:'), ics.slice(0, 60));
    assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
    assert.equal(ics.replace(/\r\n/g, '').search(/[\r\n]/), -1, 'no bare CR or LF');
    for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `${Buffer.byteLength(line)} octets: ${line}`);
  });

  test('an all-day event a date, with the title, the description, a stable UID and the time stamp', () => {
    const evs = events(ics);
    assert.equal(evs.length, deadlines.length);
    evs.forEach((ev, k) => {
      const d = deadlines[k];
      assert.equal(ev.get('DTSTART;VALUE=DATE'), d.date.replace(/-/g, ''));
      const next = new Date(Date.parse(`${d.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      assert.equal(ev.get('DTEND;VALUE=DATE'), next.replace(/-/g, ''), 'an all-day event ends the next day');
      assert.equal(unescapeText(ev.get('SUMMARY')!), d.title);
      assert.equal(unescapeText(ev.get('DESCRIPTION')!), d.description);
      assert.equal(ev.get('DTSTAMP'), '20261206T183005Z');
      assert.equal(ev.get('UID'), `${d.id}@imr-letters.invalid`);
      assert.equal(ev.get('TRANSP'), 'TRANSPARENT');
    });
    assert.equal(new Set(evs.map((e) => e.get('UID'))).size, evs.length, 'UIDs differ');
    // The same letter gives the same UIDs, whenever it is exported: a calendar updates the events.
    assert.deepEqual(letterDeadlines(letterOf('2017_format1b_CM16-0231745.txt'), kb).map((d) => d.id), deadlines.map((d) => d.id));
  });

  test('a date given twice (the same letter in two documents) is one event', () => {
    assert.equal(events(calendar([...deadlines, ...deadlines], STAMP)).length, deadlines.length);
  });

  test('text escaped as RFC 5545 asks: backslash, semicolon, comma and line ends', () => {
    assert.equal(escapeText('a,b;c\\d\ne\r\nf'), 'a\\,b\\;c\\\\d\\ne\\nf');
    const odd: Deadline = { ...deadlines[0], title: 'x; y, z \\ w', description: 'one\ntwo, three; four', id: 'odd' };
    const ev = events(calendar([odd], STAMP))[0];
    assert.equal(unescapeText(ev.get('SUMMARY')!), odd.title);
    assert.equal(unescapeText(ev.get('DESCRIPTION')!), odd.description);
  });

  test('folding never splits a character: lines of § (2 octets), – (3) and 😀 (4) unfold to the line', () => {
    for (const ch of ['§', '–', '😀', 'a']) {
      for (let n = 1; n < 120; n++) {
        const line = `DESCRIPTION:${'x'.repeat(n % 7)}${ch.repeat(n)}`;
        const folded = fold(line);
        const parts = folded.split('\r\n');
        for (const p of parts) assert.ok(Buffer.byteLength(p) <= 75, `${ch} x${n}: ${Buffer.byteLength(p)} octets`);
        assert.equal(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join(''), line, `${ch} x${n}`);
        assert.ok(!parts.some((p) => p.includes('\ufffd')), 'no broken surrogate pair');
        if (Buffer.byteLength(line) <= 75) assert.equal(folded, line, 'a short line is left alone');
      }
    }
  });
});
