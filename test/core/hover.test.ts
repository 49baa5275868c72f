/**
 * Hover content (Markdown and plain text) for citations, decisions, header dates and the case
 * number, and the inlay hints beside page numbers. Expected values come from the fixtures and the
 * manifests (decision dates), not from the code under test.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

import { findCitations, resolveLocator, topicOfLocator } from '../../server/src/core/citations';
import { hoverAt, inlayHints } from '../../server/src/core/hover';
import { bundledKnowledge, mergeKnowledge, validateKnowledge } from '../../server/src/core/knowledge';
import { parseLetter } from '../../server/src/core/parse';
import { FIXTURES } from '../paths';
import { loadLetters } from './manifest';

const kb = bundledKnowledge();

function read(file: string): string {
  return fs.readFileSync(path.join(FIXTURES, file), 'utf8');
}

/** Hover at the `nth` occurrence of `needle` (offset `shift` characters into it). */
function hover(text: string, needle: string, opts: { nth?: number; shift?: number; markdown?: boolean; kbOverride?: typeof kb } = {}) {
  let i = -1;
  for (let k = 0; k <= (opts.nth ?? 0); k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `"${needle}" not found`);
  }
  const letter = parseLetter(text);
  const h = hoverAt(letter, text, i + (opts.shift ?? 0), opts.kbOverride ?? kb, { markdown: opts.markdown ?? true });
  return { h, i, text };
}

/**
 * The estimated appeal deadline for a Decision Date (MM/DD/YYYY): 30 days after service plus 5 for
 * service by mail in California, a Saturday or Sunday moved to the Monday. Plain calendar
 * arithmetic, written here independently of the code under test.
 */
function mailDeadline(mdy: string): string {
  const [m, d, y] = mdy.split('/').map(Number);
  let t = new Date(Date.UTC(y, m - 1, d + 35));
  if (t.getUTCDay() === 6) t = new Date(t.getTime() + 2 * 86400000);
  else if (t.getUTCDay() === 0) t = new Date(t.getTime() + 86400000);
  return t.toISOString().slice(0, 10);
}

/** ISO date 30 days after an MM/DD/YYYY date, computed here with plain calendar arithmetic. */
function plus30(mdy: string): string {
  const [m, d, y] = mdy.split('/').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + 30));
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

describe('citation hovers', () => {
  test('a confirmed page (seed 000, page 23): topic, limits and sources, in Markdown and plain text', () => {
    const text = read('seeds/000_b6b425ba94267f2e.txt');
    const md = hover(text, 'Page(s): 23', { shift: 'Page(s): '.length });
    assert.ok(md.h);
    assert.equal(text.slice(md.h.span.start, md.h.span.end), '23');
    const c = md.h.contents;
    assert.match(c, /MTUS Chronic Pain Medical Treatment Guidelines \(May 2009\)/);
    assert.match(c, /\*\*Behavioral interventions\*\*/);
    assert.match(c, /3-4 visits over 2 weeks/);
    assert.match(c, /6-10 visits over 5-6 weeks, with objective functional improvement/);
    assert.match(c, /seed letter 000/);
    assert.match(c, /\\\[LETTER\\\]/);
    assert.match(c, /Topic as the letter names it: "Cognitive Behavioral Therapy \(CBT\) guidelines for chronic pain"/);
    const plain = hover(text, 'Page(s): 23', { shift: 'Page(s): '.length, markdown: false });
    assert.ok(plain.h);
    assert.doesNotMatch(plain.h.contents, /\*\*|\\\[/);
    assert.match(plain.h.contents, /Behavioral interventions/);
    assert.match(plain.h.contents, /\[LETTER\]/);
  });

  test('a page the knowledge base does not confirm says so and does not guess', () => {
    // Page 46 is recalled as "Epidural steroid injections" in the reference table but unconfirmed.
    const text = read('seeds/000_b6b425ba94267f2e.txt').replace('Page(s): 23', 'Page(s): 46');
    const { h } = hover(text, 'Page(s): 46', { shift: 9 });
    assert.ok(h);
    assert.match(h.contents, /Page content not in the knowledge base\*\* for page 46/);
    // The letter's own topic is one the knowledge base files on page 23: said so, not guessed.
    assert.match(h.contents, /names its topic "Cognitive Behavioral Therapy \(CBT\) guidelines for chronic pain", which the knowledge base files on page 23/);
    assert.doesNotMatch(h.contents, /[Ee]pidural/);
  });

  test("a user's file can supply that page, and the hover says where it comes from", () => {
    const text = read('seeds/000_b6b425ba94267f2e.txt').replace('Page(s): 23', 'Page(s): 46');
    const user = validateKnowledge({
      schemaVersion: 1, version: 'mine',
      documents: [{ id: 'mtus-cpmtg', edition: '2009', entries: [{ id: 'p46', locator: { pages: { from: 46, to: 46 } }, topic: 'My page 46', summary: 'From my copy.' }] }],
    });
    const { h } = hover(text, 'Page(s): 46', { shift: 9, kbOverride: mergeKnowledge(kb, user.file) });
    assert.ok(h);
    assert.match(h.contents, /My page 46/);
    assert.match(h.contents, /From my copy\./);
    assert.match(h.contents, /your knowledge file/);
  });

  test('pages 98-99 (seed 002) give the physical medicine visit counts, 24 for CRPS', () => {
    const { h } = hover(read('seeds/002_bb4913a5b984f6c8.txt'), '98-99');
    assert.ok(h);
    assert.match(h.contents, /Physical medicine/);
    assert.match(h.contents, /CRPS \(ICD-9 337\.2\): 24 visits over 16 weeks/);
    assert.match(h.contents, /9-10 visits over 8 weeks/);
  });

  test('ACOEM page 400 (seed 001) and the chapter', () => {
    const text = read('seeds/001_4f3ba24c3a626615.txt');
    const { h } = hover(text, 'Page(s): 400', { shift: 9 });
    assert.ok(h);
    assert.match(h.contents, /chapter 15, page 400/);
    assert.match(h.contents, /cognitive techniques and therapy/i);
    const whole = hover(text, 'ACOEM Chapter 15 Stress');
    assert.ok(whole.h);
    assert.match(whole.h.contents, /Stress Related Conditions/);
    assert.match(whole.h.contents, /9792\.23\.8/);
  });

  test('2016 sections: physical medicine treatment (26 visits for CRPS); opioid section by number', () => {
    const a = hover(read('letters/2017_format1b_CM16-0239190.txt'), 'Physical medicine treatment');
    assert.ok(a.h);
    assert.match(a.h.contents, /26 visits over 16 weeks/);
    assert.match(a.h.contents, /\(July 28, 2016\)/);
    const b = hover(read('letters/2017_format1b_CM16-0247802.txt'), '3.3.9');
    assert.ok(b.h);
    assert.match(b.h.contents, /Maintenance of Chronic Opioid Treatment/);
    assert.match(b.h.contents, /four A's/);
    assert.doesNotMatch(b.h.contents, /not in the knowledge base/);
  });

  test('ACOEM headings resolve within the chapter the label names', () => {
    const text = read('letters/2017_format1b_CM17-0006287.txt');
    const low = hover(text, 'Initial Care', { nth: 0 });
    assert.ok(low.h);
    assert.match(low.h.contents, /Low Back Complaints, ACOEM chapter 12/);
    assert.match(low.h.contents, /p\. 300/);
    // A shoulder "Initial Care" must not borrow the low back page.
    const shoulder = 'MAXIMUS guideline: Decision based on MTUS Shoulder Complaints 2004, Section(s): Initial Care.\n';
    const s = hover(shoulder, 'Initial Care');
    assert.ok(s.h);
    assert.match(s.h.contents, /Shoulder Complaints, ACOEM chapter 9/);
    assert.doesNotMatch(s.h.contents, /p\. 300/);
  });

  test('a table cited without a page shows that table\'s entries', () => {
    const { h } = hover('Decision rationale: Per ACOEM Chapter 9, Table 9-6 routine MRI is not advised.\n', 'Table 9-6');
    assert.ok(h);
    assert.match(h.contents, /chapter 9, Table 9-6/);
    assert.match(h.contents, /Shoulder: electrodiagnostic studies \(Table 9-6\)/);
    assert.match(h.contents, /Shoulder: MRI and arthrography \(Table 9-6\)/);
  });

  test('the "326" in an elbow citation is explained as a number, not a heading', () => {
    const { h } = hover(read('letters/2017_format1b_CM17-0003623.txt'), '326');
    assert.ok(h);
    assert.match(h.contents, /is a number where a section heading is expected/);
  });

  test('a section the knowledge base lacks gives the topic as written', () => {
    const { h } = hover(read('letters/2017_format1b_CM17-0013716.txt').replace('Proton Pump Inhibitors (PPIs)', 'Hypnotherapy (self-hypnosis)'), 'Hypnotherapy');
    assert.ok(h);
    assert.match(h.contents, /Section content not in the knowledge base/);
    assert.match(h.contents, /Hypnotherapy \(self-hypnosis\)/);
  });

  test('non-MTUS citations: what the source is, that it is outside the MTUS, and the search sequence', () => {
    const text = 'MAXIMUS guideline: The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Neck and Upper Back Chapter, Physical Therapy (PT).\n';
    const { h } = hover(text, 'Neck and Upper Back Chapter');
    assert.ok(h);
    assert.match(h.contents, /Official Disability Guidelines/);
    assert.match(h.contents, /not part of the MTUS/);
    assert.match(h.contents, /sprain or strain of the neck: 10 visits over 8 weeks/);
    assert.match(h.contents, /Medical evidence search sequence/);
    assert.match(h.contents, /9792\.21\.1/);
  });

  test('in a 2013-2015 letter the non-MTUS rule shown is the one in force then', () => {
    const { h } = hover(read('seeds/003_e16a1bf91fccd78d.txt'), 'Official Disability Guidelines');
    assert.ok(h);
    assert.match(h.contents, /the rule in force then, 8 CCR §9792\.25/);
    assert.match(h.contents, /other nationally recognised evidence-based guidelines/);
    assert.doesNotMatch(h.contents, /Why it matters: Medical evidence search sequence/);
  });

  test('regulations are read in the letter\'s era', () => {
    // Seed 001 (2013-2015 format): 9792.20f is functional improvement.
    const s1 = hover(read('seeds/001_4f3ba24c3a626615.txt'), '9792.20f');
    assert.ok(s1.h);
    assert.match(s1.h.contents, /8 CCR §9792\.20\(f\)/);
    assert.match(s1.h.contents, /\*\*Functional improvement \(definition\)\*\* \(2007-06-15 to 2015-04-19\)/);
    assert.match(s1.h.contents, /In other periods/);
    // A 2017 letter: (e) is functional improvement, (f) is something else, (ef) is the tracked change.
    const base = read('letters/2017_format1b_CM17-0006287.txt');
    const text = `${base}\nSee MTUS 9792.20(e), MTUS 9792.20(f) and MTUS 9792.20(ef).\n`;
    const e = hover(text, '9792.20(e)');
    assert.ok(e.h);
    assert.match(e.h.contents, /Read as in force on 2017-02-06/);
    assert.match(e.h.contents, /\*\*Functional improvement \(definition\)\*\* \(from 2015-04-20\)/);
    const f = hover(text, '9792.20(f)');
    assert.ok(f.h);
    assert.match(f.h.contents, /\*\*Medical treatment \(definition\)\*\*/);
    assert.doesNotMatch(f.h.contents.split('In other periods')[0], /Functional improvement/);
    const ef = hover(text, '9792.20(ef)');
    assert.ok(ef.h);
    assert.match(ef.h.contents, /\*\*Functional improvement \(definition\)\*\* \(from 2015-04-20\)/);
    assert.match(ef.h.contents, /tracked-change/);
    const cpmtg = hover(base, '9792.24.2');
    assert.ok(cpmtg.h);
    assert.match(cpmtg.h.contents, /Chronic Pain Medical Treatment Guidelines \(July 28, 2016\)/);
  });

  test('a hover on the guideline name (not a locator) describes the guideline and lists its locators', () => {
    const text = read('seeds/003_e16a1bf91fccd78d.txt');
    const { h } = hover(text, 'Chronic Pain Treatment Guidelines', { nth: 0 });
    assert.ok(h);
    assert.match(h.contents, /127 pages/);
    assert.match(h.contents, /p\. 23: \*\*Behavioral interventions\*\*/);
    assert.match(h.contents, /pp\. 100-102: \*\*Psychological evaluations and psychological treatment\*\*/);
    const acu = hover('MAXIMUS guideline: Decision based on MTUS Acupuncture Treatment 2007.\n', 'Acupuncture Treatment');
    assert.ok(acu.h);
    assert.match(acu.h.contents, /1-3 sessions per week/);
  });

  test('Markdown special characters from the letter are escaped', () => {
    const text = 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines *bold* _x_ [link](y) Page(s): 23.\n';
    const { h } = hover(text, 'Page(s): 23', { shift: 9 });
    assert.ok(h);
    assert.match(h.contents, /\\\*bold\\\* \\_x\\_ \\\[link\\\]\(y\)/);
  });
});

describe('decision, date and case-number hovers', () => {
  const letters = loadLetters();

  test('Upheld leads with what it means and the appeal deadline for mail service, with the rule of its era', () => {
    const file = '2017_format1b_CM17-0006287.txt';
    const m = letters.find((l) => l.file === file)!;
    const text = read(`letters/${file}`);
    const { h, i } = hover(text, 'Upheld', { markdown: false });
    assert.ok(h);
    assert.equal(h.span.start, i);
    const lines = h.contents.split('\n\n');
    assert.match(lines[0], /^Upheld: the request stays denied$/);
    assert.match(lines[1], /not medically necessary/);
    // The deadline is the third paragraph: the date, labelled an estimate, Matute, the rule then in force.
    assert.match(lines[2], /^Appeal deadline, estimated: \w+day \d{4}-\d\d-\d\d\./);
    assert.ok(lines[2].includes(mailDeadline(m.decisionDate!)), `expected ${mailDeadline(m.decisionDate!)} in ${lines[2]}`);
    assert.match(lines[2], /Matute, 2015/);
    assert.match(lines[2], /8 CCR §10957\.1 \(its number until 2019-12-31; §10575 from 2020-01-01\)/);
    assert.match(lines[2], /8 CCR §10507/);
    assert.ok(lines[2].includes(plus30(m.decisionDate!)), 'the date without mail days, for service by hand');
    assert.match(h.contents, /Workers' Compensation Appeals Board/);
    assert.match(h.contents, /4610\.6\(h\)/);
  });

  test('Upheld: the UR decision stays in effect 12 months from the UR Denial Date (Labor Code 4610)', () => {
    const file = '2017_format1b_CM17-0006287.txt';
    const text = read(`letters/${file}`);
    const letter = parseLetter(text);
    const iso = letter.dates.urDenial?.iso;
    assert.ok(iso, 'the letter has a UR Denial Date');
    const until = `${Number(iso.slice(0, 4)) + 1}${iso.slice(4)}`;
    const { h } = hover(text, 'Upheld', { markdown: false });
    assert.ok(h);
    assert.match(h.contents, new RegExp(`Repeat request: The UR decision of ${letter.dates.urDenial!.text.replace(/\//g, '\\/')} stays in effect until about \\w+day ${until}`));
    assert.match(h.contents, /4610\(g\)\(6\)/);
    assert.match(h.contents, /documented change in the facts/);
  });

  test('Upheld on a UR decision of 2018: the rewritten §4610 is named, no 12-month date is made up', () => {
    const file = '2017_format1b_CM17-0006287.txt';
    const text = read(`letters/${file}`);
    const ur = parseLetter(text).dates.urDenial!;
    const [m, d] = ur.text.split('/');
    const moved = text.replace(ur.text, `${m}/${d}/2018`);
    assert.equal(parseLetter(moved).dates.urDenial?.iso?.slice(0, 4), '2018');
    const { h } = hover(moved, 'Upheld', { markdown: false });
    assert.ok(h);
    assert.match(h.contents, /Repeat request: SB 1160 \(2016\) repealed Labor Code §4610/);
    assert.doesNotMatch(h.contents, /stays in effect until about/);
    assert.doesNotMatch(h.contents, /4610\(g\)\(6\)\)/);
  });

  test('Overturned: the request is to be authorised, with its deadlines; no repeat-request rule', () => {
    const file = '2017_format1b_CM16-0235724.txt';
    const m = letters.find((l) => l.file === file)!;
    assert.equal(m.items[0].decision, 'Overturned');
    const text = read(`letters/${file}`);
    const { h } = hover(text, 'Overturned');
    assert.ok(h);
    assert.match(h.contents.split('\n\n')[0], /Overturned: the request is to be authorised/);
    assert.match(h.contents, /found medically necessary/);
    assert.match(h.contents, /5 working days/);
    assert.match(h.contents, /9792\.10\.7/);
    assert.ok(h.contents.includes(mailDeadline(m.decisionDate!)));
    assert.doesNotMatch(h.contents, /Repeat request/);
  });

  test('a letter decided after January 1, 2020 gets the renumbered rules (10575, 10605)', () => {
    const file = '2017_format1b_CM17-0006287.txt';
    const m = letters.find((l) => l.file === file)!;
    const text = read(`letters/${file}`).split(m.decisionDate!).join('03/02/2020');
    const { h } = hover(text, 'Upheld', { markdown: false });
    assert.ok(h);
    assert.match(h.contents, /Rule for the petition: 8 CCR §10575 \(from 2020-01-01; §10957\.1 before\)/);
    assert.match(h.contents, /8 CCR §10605/);
    // 03/02/2020 + 35 days is Monday April 6, 2020.
    assert.match(h.contents, /Appeal deadline, estimated: Monday 2020-04-06/);
  });

  test('a last day on a weekend moves to the Monday, and says so', () => {
    const file = '2017_format1b_CM17-0006287.txt';
    const m = letters.find((l) => l.file === file)!;
    // 01/03/2017 + 35 days is Tuesday 02/07/2017; 01/06/2017 + 35 is Friday 02/10; 01/07/2017 + 35 is Saturday 02/11.
    const text = read(`letters/${file}`).split(m.decisionDate!).join('01/07/2017');
    const { h } = hover(text, 'Upheld', { markdown: false });
    assert.ok(h);
    assert.match(h.contents, /Appeal deadline, estimated: Monday 2017-02-13\./);
    assert.match(h.contents, /Saturday 2017-02-11 moves to the next business day/);
  });

  test('a decision in a letter without a decision date gives no made-up deadline', () => {
    const { h } = hover(read('seeds/000_b6b425ba94267f2e.txt'), 'Upheld');
    assert.ok(h);
    assert.match(h.contents, /no decision date/);
  });

  test('header dates: their role, and for the Decision Date the 30-day count', () => {
    const file = '2017_format1b_CM17-0006287.txt';
    const m = letters.find((l) => l.file === file)!;
    const text = read(`letters/${file}`);
    const dd = hover(text, m.decisionDate!);
    assert.ok(dd.h);
    assert.match(dd.h.contents, /Decision Date/);
    assert.ok(dd.h.contents.includes(`Appeal deadline, estimated: `), dd.h.contents);
    assert.ok(dd.h.contents.includes(mailDeadline(m.decisionDate!)), `expected ${mailDeadline(m.decisionDate!)}`);
    const da = hover(text, 'Date Assigned:');
    assert.ok(da.h);
    assert.match(da.h.contents, /30 days of receiving the request/);
    const ur = hover(text, 'UR Denial Date:');
    assert.ok(ur.h);
    assert.match(ur.h.contents, /utilization review decision/);
    assert.match(ur.h.contents, /9792\.10\.1/);
  });

  test('header dates a day apart (an expedited review): "1 day", not "1 days"', () => {
    const text = read('letters/2017_format1b_CM17-0006287.txt');
    const { assigned, decision } = parseLetter(text).dates;
    assert.ok(assigned && decision?.iso);
    // The Date Assigned moved to the day before the Decision Date.
    const before = new Date(`${decision.iso}T00:00:00Z`);
    before.setUTCDate(before.getUTCDate() - 1);
    const [y, mo, d] = before.toISOString().slice(0, 10).split('-');
    const edited = text.slice(0, assigned.span.start) + `${mo}/${d}/${y}` + text.slice(assigned.span.end);
    const dd = hover(edited, decision.text);
    assert.ok(dd.h);
    assert.ok(dd.h.contents.includes('1 day after the Date Assigned.'), dd.h.contents);
    const da = hover(edited, 'Date Assigned:');
    assert.ok(da.h);
    assert.ok(da.h.contents.includes('The decision followed 1 day later.'), da.h.contents);
  });

  test('case number: shape, year prefix and its use on an appeal', () => {
    const file = '2017_format1b_CM17-0006287.txt';
    const m = letters.find((l) => l.file === file)!;
    const text = read(`letters/${file}`);
    const { h, i } = hover(text, m.caseNumber!);
    assert.ok(h);
    assert.deepEqual([h.span.start, h.span.end], [i, i + m.caseNumber!.length]);
    assert.match(h.contents, new RegExp(`IMR case number ${m.caseNumber}`));
    assert.match(h.contents, /prefix 17 matches the year the application was received \(2017\)/);
    assert.match(h.contents, /must carry this number/);
  });

  test('nothing to say: plain narrative text, and no offset ever throws', () => {
    const text = read('seeds/000_b6b425ba94267f2e.txt');
    const letter = parseLetter(text);
    const cs = findCitations(letter, text);
    const narrative = text.indexOf('CLINICAL CASE SUMMARY');
    assert.equal(hoverAt(letter, text, narrative + 40, kb, { markdown: true, citations: cs }), null);
    for (let o = -1; o <= text.length + 1; o += 7) hoverAt(letter, text, o, kb, { markdown: o % 2 === 0, citations: cs });
  });
});

describe('hover layout: what it is, what it says about this request, limits, sources last', () => {
  test('a drug request under a class section shows the drug entry first (lidocaine patch under Topical analgesics)', () => {
    const text = read('letters/2017_format1b_CM16-0247802.txt');
    const { h } = hover(text, 'Topical analgesics', { markdown: false });
    assert.ok(h);
    const paras = h.contents.split('\n\n');
    assert.equal(paras[0], 'Topical analgesics', 'first line: what the section is');
    assert.match(paras[1], /MTUS Chronic Pain Medical Treatment Guidelines \(July 28, 2016\): section "Topical analgesics"/);
    const drug = h.contents.indexOf('For the drug this request names, Lidoderm (lidocaine patch)');
    const section = h.contents.indexOf('The section: Topical pain medicines');
    const sources = h.contents.indexOf('Sources (');
    assert.ok(drug > 0 && section > drug && sources > section, h.contents);
    assert.equal(sources, h.contents.lastIndexOf('Sources ('), 'one sources line');
    assert.ok(h.contents.trimEnd().split('\n\n').pop()!.startsWith('Sources ('), 'sources last');
  });

  test('a section with limits: what it is, what it says, then its limits, then where it sits, sources last', () => {
    const { h } = hover(read('letters/2017_format1b_CM16-0239190.txt'), 'Physical medicine treatment', { markdown: false });
    assert.ok(h);
    const c = h.contents;
    assert.ok(c.startsWith('Physical medicine treatment\n\n'), 'first line: what the section is');
    const order = ['Active therapy with a home programme', 'Limits stated:', 'reflex sympathetic dystrophy / CRPS: 26 visits over 16 weeks', 'Part of the MTUS (8 CCR §9792.24.2)', 'Sources ('].map((p) => c.indexOf(p));
    assert.ok(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1])), `${order.join(', ')}\n${c}`);
    assert.match(c, /after an injection: 1-2 visits over 1 week$/m, 'one week, not "1 weeks"');
    assert.ok(c.trimEnd().split('\n\n').pop()!.startsWith('Sources ('), 'sources last');
  });

  test('a request naming no drug of the section shows the section alone', () => {
    const text = read('letters/2017_format1b_CM16-0232543.txt');
    const { h } = hover(text, 'Special Studies', { markdown: false });
    assert.ok(h);
    assert.doesNotMatch(h.contents, /For the drug this request names/);
    assert.match(h.contents, /^Low back: Special Studies/);
    assert.match(h.contents, /Low Back Complaints, ACOEM chapter 12, section "Special Studies"/);
  });

  test('the same heading in another chapter is that chapter\'s entry (knee is not low back)', () => {
    const knee = hover('MAXIMUS guideline: Decision based on MTUS Knee Complaints 2004, Section(s): Special Studies.\n', 'Special Studies', { markdown: false });
    assert.ok(knee.h);
    assert.match(knee.h.contents, /^Knee: Special Studies/);
    assert.doesNotMatch(knee.h.contents, /low back/i);
    const ankle = hover('MAXIMUS guideline: Decision based on MTUS Ankle and Foot Complaints 2004, Section(s): Special Studies.\n', 'Special Studies', { markdown: false });
    assert.ok(ankle.h);
    assert.match(ankle.h.contents, /^Special Studies\n/);
    assert.match(ankle.h.contents, /This is the heading in general: the knowledge base has no entry for it in Ankle and Foot Complaints/);
  });

  test('a gap keeps "not in the knowledge base", says what the letter says, and points to imr.knowledgeFile', () => {
    const text = read('letters/2017_format1b_CM17-0006634.txt');
    const { h } = hover(text, 'Work conditioning', { markdown: false });
    assert.ok(h);
    assert.match(h.contents, /Section content not in the knowledge base\. The letter names it "Work conditioning, work hardening"/);
    assert.match(h.contents, /What this letter's rationale says: "The ACOEM guidelines note that it may be necessary/);
    assert.match(h.contents, /imr\.knowledgeFile/);
    assert.doesNotMatch(h.contents, /Sources \(/);
  });
});

describe('every citation in every corpus text has a hover', () => {
  const texts: string[] = [];
  for (const dir of ['seeds', 'letters', path.join('letters', 'layout')]) {
    for (const f of fs.readdirSync(path.join(FIXTURES, dir))) if (f.endsWith('.txt')) texts.push(path.join(dir, f));
  }
  test(`${texts.length} texts: a sourced or honestly empty hover at every citation and locator`, () => {
    let hovers = 0;
    for (const file of texts) {
      const text = read(file);
      const letter = parseLetter(text);
      const cs = findCitations(letter, text);
      for (const c of cs) {
        for (const offset of [c.span.start, ...c.locators.map((l) => l.span.start)]) {
          for (const markdown of [true, false]) {
            const h = hoverAt(letter, text, offset, kb, { markdown, citations: cs });
            assert.ok(h, `no hover at ${offset} in ${file}`);
            assert.ok(h.span.start <= offset && offset < h.span.end);
            assert.match(h.contents, /Sources|not in the knowledge base/, `${file} at ${offset}`);
            assert.doesNotMatch(h.contents, /undefined|NaN|\bnull\b|\[object/, `${file} at ${offset}`);
            hovers++;
          }
        }
      }
    }
    assert.ok(hovers > 3000, `${hovers}`);
  });
});

describe('inlay hints and locator resolution', () => {
  test('topics beside confirmed page numbers only', () => {
    const text = read('seeds/003_e16a1bf91fccd78d.txt');
    const letter = parseLetter(text);
    const hints = inlayHints(letter, findCitations(letter, text), kb);
    const list = text.indexOf('Page(s): 23, 100-102');
    const end23 = list + 'Page(s): 23'.length;
    const end100 = list + 'Page(s): 23, 100-102'.length;
    assert.deepEqual(hints, [
      { offset: end23, label: 'Behavioral interventions' },
      { offset: end100, label: 'Psychological evaluations and psychological treatment' },
    ]);
    const unconfirmed = read('seeds/000_b6b425ba94267f2e.txt').replace('Page(s): 23', 'Page(s): 46');
    const l2 = parseLetter(unconfirmed);
    assert.deepEqual(inlayHints(l2, findCitations(l2, unconfirmed), kb), []);
  });

  test('resolveLocator and topicOfLocator serve the diagnostics', () => {
    const text = read('letters/2017_format1b_CM16-0239190.txt');
    const letter = parseLetter(text);
    const cs = findCitations(letter, text);
    const c = cs.find((x) => x.guideline === 'mtus-cpmtg' && x.locators.some((l) => l.kind === 'section'))!;
    const loc = c.locators[0];
    assert.equal(topicOfLocator(kb, c, loc), 'Physical medicine treatment');
    const [e] = resolveLocator(kb, c, loc);
    assert.ok(e.limits!.some((l) => l.kind === 'total' && l.max === 26));
  });
});
