/**
 * Completion in the core (`core/complete`): what is offered where, in which order, with which
 * documentation, and that it never throws. Expected values come from the fixtures and from the
 * knowledge base files read here as plain JSON, not from the code under test.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

import { completeAt, Completion } from '../../server/src/core/complete';
import { bundledKnowledge } from '../../server/src/core/knowledge';
import { parseLetter } from '../../server/src/core/parse';
import { FIXTURES, ROOT } from '../paths';

const kb = bundledKnowledge();

function read(file: string): string {
  return fs.readFileSync(path.join(FIXTURES, file), 'utf8');
}

function knowledgeEntry(file: string, id: string): { topic: string; summary: string } {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'knowledge', file), 'utf8'));
  for (const d of json.documents) for (const e of d.entries) if (e.id === id) return e;
  throw new Error(`${id} not in ${file}`);
}

/** Completion at `offset` (default: the end of `text`), plain-text documentation. */
function complete(text: string, offset = text.length, markdown = false): Completion {
  return completeAt(parseLetter(text), text, offset, kb, { markdown });
}

/** `text` with `needle` (its `nth` occurrence) removed; the offset where it was. */
function without(text: string, needle: string, nth = 0): { text: string; at: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `"${needle}" not found`);
  }
  return { text: text.slice(0, i) + text.slice(i + needle.length), at: i };
}

/** The text after applying a completion entry. */
function accept(text: string, c: Completion, label: string): string {
  const e = c.entries.find((x) => x.label === label);
  assert.ok(e, `"${label}" offered among ${c.entries.map((x) => x.label).join(' | ')}`);
  return text.slice(0, c.replace.start) + e.insertText + text.slice(c.replace.end);
}

const labels = (c: Completion) => c.entries.map((e) => e.label);

/** A letter with items as a reviewer drafts it: no header, nothing dated. */
const DRAFT = [
  'HOW THE IMR FINAL DETERMINATION WAS MADE',
  'MAXIMUS Federal Services sent the complete case file to an expert reviewer.',
  'CLINICAL CASE SUMMARY',
  'The injured worker is a 50 year old male with low back pain.',
  'IMR ISSUES, DECISIONS AND RATIONALES',
  'The Final Determination was based on decisions for the disputed items/services set forth below:',
  'MRI of the lumbar spine: Upheld',
  '',
].join('\n');

describe('completion: MTUS guidelines after "Decision based on MTUS "', () => {
  test('a 2017 letter: the guidelines in force at its Decision Date, not the 2009 edition', () => {
    const text = read('letters/2017_format1b_CM16-0238035.txt');
    const at = text.indexOf('Decision based on MTUS ') + 'Decision based on MTUS '.length;
    const c = complete(text, at);
    assert.equal(c.context, 'mtus-guideline');
    const l = labels(c);
    for (const g of ['Chronic Pain Medical Treatment 2016', 'Opioid Treatment 2016', 'Shoulder Complaints 2004', 'Low Back Complaints 2004', 'Acupuncture Treatment 2007']) {
      assert.ok(l.includes(g), `${g} in ${l.join(' | ')}`);
    }
    assert.ok(!l.includes('Chronic Pain Medical Treatment 2009'), 'the 2009 edition left the MTUS in July 2016');
    const doc = c.entries.find((e) => e.label === 'Chronic Pain Medical Treatment 2016')!.documentation!;
    assert.match(doc, /2016-07-28/);
  });

  test('a 2013-2015 letter (seed 000, dated by its format): the 2009 edition, not 2016', () => {
    const text = read('seeds/000_b6b425ba94267f2e.txt');
    const at = text.indexOf('Decision based on MTUS ') + 'Decision based on MTUS '.length;
    const l = labels(complete(text, at));
    assert.ok(l.includes('Chronic Pain Medical Treatment 2009'), l.join(' | '));
    assert.ok(!l.includes('Chronic Pain Medical Treatment 2016'));
    assert.ok(!l.includes('Opioid Treatment 2016'));
  });

  test('a letter with no date: the latest era', () => {
    const text = `${DRAFT}Claims Administrator guideline: Decision based on MTUS `;
    const l = labels(complete(text));
    assert.ok(l.includes('Chronic Pain Medical Treatment 2016'), l.join(' | '));
    assert.ok(!l.includes('Chronic Pain Medical Treatment 2009'));
  });

  test('after ", and " in a guideline chain, and a name begun on the line before', () => {
    const chain = `${DRAFT}Claims Administrator guideline: Decision based on MTUS Acupuncture Treatment 2007, and `;
    const c = complete(chain);
    assert.equal(c.context, 'mtus-guideline');
    assert.ok(accept(chain, c, 'Chronic Pain Medical Treatment 2016').endsWith('\nClaims Administrator guideline: Decision based on MTUS Acupuncture Treatment 2007, and Chronic Pain Medical Treatment 2016'));
    const wrapped = `${DRAFT}MAXIMUS guideline: Decision based on MTUS Neck and\nUpp`;
    const w = complete(wrapped);
    assert.equal(wrapped.slice(w.replace.start, w.replace.end), 'Upp');
    assert.ok(accept(wrapped, w, 'Neck and Upper Back Complaints 2004').endsWith('MTUS Neck and\nUpper Back Complaints 2004'));
    assert.ok(!labels(w).includes('Low Back Complaints 2004'), 'only names that go on from the words already written');
  });
});

describe('completion: sections and pages of the guideline named before', () => {
  test('a deleted ACOEM section comes back first, from what the item requests (no other block cites it)', () => {
    const { text, at } = without(read('letters/2017_format1b_CM16-0238035.txt'), 'Surgical Considerations');
    const c = complete(text, at);
    assert.equal(c.context, 'section');
    assert.equal(c.entries[0].label, 'Surgical Considerations', labels(c).slice(0, 5).join(' | '));
    assert.equal(c.entries[0].preselect, true);
  });

  test('the same item\'s other block citing a section puts it first', () => {
    const text = read('letters/2017_format1b_CM17-0008479.txt');
    // The MAXIMUS block of the MRI item cites "Special Studies", as the claims administrator did.
    const { text: cut, at } = without(text, 'Special Studies', 1);
    const c = complete(cut, at);
    assert.equal(c.entries[0].label, 'Special Studies');
    assert.match(c.entries[0].detail ?? '', /cited in this item/);
  });

  test('after ", " in a list: the next section, without those already listed; documentation from the knowledge base', () => {
    const text = `${DRAFT}Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Office visits, `;
    const c = complete(text);
    assert.equal(c.context, 'section');
    assert.equal(c.replace.start, text.length);
    assert.ok(!labels(c).includes('Office visits'));
    const pm = knowledgeEntry('mtus-cpmtg-2016.json', 'physical-medicine-treatment');
    const e = c.entries.find((x) => x.label === 'Physical medicine treatment');
    assert.ok(e, labels(c).join(' | '));
    assert.ok(e.documentation!.includes(pm.summary), e.documentation);
    const nameOnly = c.entries.find((x) => x.label === 'Thermography')!;
    assert.match(nameOnly.documentation!, /not in the knowledge base/);
  });

  test('Markdown documentation for clients that render it', () => {
    const text = `${DRAFT}MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): `;
    const e = complete(text, text.length, true).entries.find((x) => x.label === 'Physical medicine treatment')!;
    assert.match(e.documentation!, /\*\*Physical medicine treatment\*\*/);
    const plain = complete(text).entries.find((x) => x.label === 'Physical medicine treatment')!;
    assert.doesNotMatch(plain.documentation!, /\*\*/);
  });

  test('numbered opioid sections carry their numbers', () => {
    const text = `${DRAFT}MAXIMUS guideline: Decision based on MTUS Opioid Treatment 2016, Section(s): `;
    const l = labels(complete(text));
    assert.ok(l.includes('3.3.9 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment'), l.join(' | '));
    assert.ok(l.includes('4.1 Tapering Opioids: Indications for Tapering Opioids'));
    assert.ok(l.every((x) => /^\d+(?:\.\d+)* /.test(x)), 'every opioid section is numbered');
  });

  test('a section list after a numbered section ("3. Opioids ...") is still a list', () => {
    const text = `${DRAFT}MAXIMUS guideline: Decision based on MTUS Opioid Treatment 2016, Section(s): 3. Opioids for Chronic Pain and Chronic Opioid Treatment: Overview of Recommendations Regarding Chronic Opioid Treatment, `;
    const c = complete(text);
    assert.equal(c.context, 'section');
    assert.ok(!labels(c).some((x) => x.startsWith('3 Opioids')), 'the listed section is not offered again');
  });

  test('pages after "Page(s): " (seed 000): the cited page back first, with its topic and limits', () => {
    const { text, at } = without(read('seeds/000_b6b425ba94267f2e.txt'), '23', 0);
    assert.equal(text.slice(at - 'Page(s): '.length, at), 'Page(s): ');
    const c = complete(text, at);
    assert.equal(c.context, 'page');
    assert.equal(c.entries[0].label, '23', labels(c).join(' | '));
    assert.equal(c.entries[0].detail?.startsWith(knowledgeEntry('mtus-cpmtg-2009.json', 'p23-behavioral-interventions').topic), true);
    assert.match(c.entries[0].documentation!, /3-4 visits over 2 weeks/);
  });

  test('pages of an ACOEM chapter ("ACOEM Chapter 15 ... Page(s): "), without those listed', () => {
    const text = `${DRAFT}MAXIMUS guideline: Decision based on MTUS ACOEM Chapter 15 Stress Related Conditions Page(s): 400, `;
    const c = complete(text);
    assert.equal(c.context, 'page');
    assert.deepEqual(labels(c), ['405']);
  });

  test('a guideline the knowledge base does not know: no entries, no error', () => {
    const c = complete(`${DRAFT}MAXIMUS guideline: Decision based on MTUS Unheard Of Guideline 2016, Section(s): `);
    assert.equal(c.context, 'section');
    assert.deepEqual(c.entries, []);
  });
});

describe('completion: non-MTUS guidelines', () => {
  test('after "Non-MTUS Citation ": the non-MTUS guidelines, then the chapters of the one named, ranked for the item', () => {
    const text = `${DRAFT}Claims Administrator guideline: Decision based on Non-MTUS Citation `;
    const c = complete(text);
    assert.equal(c.context, 'non-mtus');
    assert.equal(c.entries[0].label, 'Official Disability Guidelines (ODG)');
    assert.ok(labels(c).some((l) => l.startsWith('ACOEM')), labels(c).join(' | '));
    const next = `${accept(text, c, 'Official Disability Guidelines (ODG)')}, `;
    const chapters = complete(next);
    assert.equal(chapters.context, 'non-mtus-chapter');
    assert.equal(chapters.entries[0].label, 'Low Back - Lumbar & Thoracic (Acute & Chronic)', labels(chapters).join(' | '));
  });
});

describe('completion: decisions, block labels, headings, header labels', () => {
  test('after ": " at the end of an item heading: Upheld and Overturned, explained', () => {
    const text = DRAFT.replace('MRI of the lumbar spine: Upheld\n', 'MRI of the lumbar spine: ');
    const c = complete(text);
    assert.equal(c.context, 'decision');
    assert.deepEqual(labels(c), ['Upheld', 'Overturned']);
    const upheld = knowledgeEntry('imr-procedure.json', 'upheld');
    assert.ok(c.entries[0].documentation!.includes(upheld.summary));
    const typed = complete(`${text}Ove`);
    assert.equal(typed.replace.end - typed.replace.start, 3);
    assert.equal(accept(`${text}Ove`, typed, 'Overturned').slice(-35), 'MRI of the lumbar spine: Overturned');
    const glued = complete(text.trimEnd());
    assert.equal(accept(text.trimEnd(), glued, 'Upheld').slice(-31), 'MRI of the lumbar spine: Upheld');
  });

  test('no decision offered inside a guideline block or after a block label', () => {
    assert.notEqual(complete(`${DRAFT}Decision rationale: `).context, 'decision');
    assert.notEqual(complete(`${DRAFT}MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): `).context, 'decision');
    // Before the issues section a colon ends no item heading.
    assert.notEqual(complete('HOW THE IMR FINAL DETERMINATION WAS MADE\nSomething: ').context, 'decision');
  });

  test('at the start of a line: the block label the item expects next first', () => {
    let text = DRAFT;
    let c = complete(text);
    assert.equal(c.context, 'line-start');
    assert.equal(c.entries[0].label, 'Claims Administrator guideline:');
    assert.equal(c.entries[0].preselect, true);
    text += 'Claims Administrator guideline: Decision based on MTUS Low Back Complaints 2004.\n';
    c = complete(text);
    assert.equal(c.entries[0].label, 'MAXIMUS guideline:');
    text += 'MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Special Studies.\nDec';
    c = complete(text);
    assert.equal(c.entries[0].label, 'Decision rationale:');
    assert.equal(accept(text, c, 'Decision rationale:').slice(-20), 'Decision rationale: ');
    // Words that start no label get nothing (a rationale line is being typed).
    assert.deepEqual(complete(`${text}ision rationale: The request.\nThe patient`).entries, []);
  });

  test('after a guideline block label: the ways the block opens', () => {
    const c = complete(`${DRAFT}MAXIMUS guideline: `);
    assert.equal(c.context, 'guideline-phrase');
    assert.deepEqual(labels(c).slice(0, 2), ['Decision based on MTUS', 'Decision based on Non-MTUS Citation']);
    assert.ok(labels(c).includes('The Expert Reviewer did not cite any medical evidence for its decision.'));
    assert.equal(c.entries[0].retrigger, true);
  });

  test('a missing section heading, the one that belongs here first; missing header labels at the top', () => {
    const text = read('letters/2017_format1b_CM16-0238035.txt');
    const { text: cut, at } = without(text, 'CLINICAL CASE SUMMARY\n');
    const c = complete(cut, at);
    assert.equal(c.context, 'line-start');
    assert.equal(c.entries[0].label, 'CLINICAL CASE SUMMARY');
    assert.match(c.entries[0].insertText, /^CLINICAL CASE SUMMARY\nThe expert reviewer developed the following clinical case summary/);
    const top = complete(DRAFT, 0);
    assert.ok(labels(top).includes('Case Number:'), labels(top).join(' | '));
    assert.ok(labels(top).includes('Decision Date:'));
    assert.ok(!labels(top).includes('CLINICAL CASE SUMMARY'), 'the draft has that section');
  });

  test('a blank typed at the start of a line asks for nothing', () => {
    const c = completeAt(parseLetter(DRAFT), DRAFT, DRAFT.length, kb, { markdown: false, trigger: ' ' });
    assert.deepEqual(c.entries, []);
  });
});

describe('completion reads a bounded window before the cursor', () => {
  test('adversarial lines of millions of characters answer at once', () => {
    const texts = [
      `${DRAFT}MAXIMUS guideline:${' '.repeat(2_000_000)}x`,
      `${DRAFT}MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Page(s): ${'1, '.repeat(700_000)}`,
      `${DRAFT}MAXIMUS guideline: Decision based on MTUS ${', and '.repeat(400_000)}`,
      `${DRAFT}Claims Administrator guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): ${' ,'.repeat(1_000_000)}`,
      `${DRAFT}${'Decision based on Non-MTUS Citation '.repeat(50_000)}`,
      `${DRAFT}${'x: '.repeat(600_000)}`,
    ];
    for (const text of texts) {
      const letter = parseLetter(text);
      const t0 = process.hrtime.bigint();
      completeAt(letter, text, text.length, kb, { markdown: true });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // An unbounded scan of these lines would take seconds; the window keeps it to a fraction of a millisecond.
      assert.ok(ms < 1000, `${ms.toFixed(1)} ms on ${text.length} characters`);
    }
  });
});

describe('completion never throws and stays on the cursor line', () => {
  test('every offset of a real letter, a seed and odd text', () => {
    const texts = [read('letters/2017_format1b_CM16-0246487.txt'), read('seeds/002_bb4913a5b984f6c8.txt'), 'Section(s): , and , Page(s): ::::\f\f Decision based on MTUS ', ''];
    for (const text of texts) {
      const letter = parseLetter(text);
      for (let at = 0; at <= text.length; at += 7) {
        const c = completeAt(letter, text, at, kb, { markdown: true });
        assert.ok(c.replace.start <= at && c.replace.end === at, `range at ${at}`);
        assert.ok(!/[\r\n\f]/.test(text.slice(c.replace.start, at)), `replaced text on one line at ${at}`);
      }
    }
    assert.equal(completeAt(parseLetter('abc'), 'abc', 99, kb).context, 'none');
  });
});
