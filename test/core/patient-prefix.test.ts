/**
 * The patient's age and sex are read from the case summary's first 200 characters joined when
 * those are enough (parse/people.ts `readableIn`), and from its first 3,000 otherwise. What is read
 * must be what the 3,000 give: compared here over every fixture and tool text, and over summaries
 * made to put the age, the sex word and the line breaks at every distance from the prefix's end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, parseLetter } from '../../server/src/core';
import { patientJoin } from '../../server/src/core/parse/people';
import { fixtureTexts, toolTexts } from './corpus';

/** Each letter's patient and its patient-uncertain problems, with the first join `prefix` long. */
function patients(text: string, prefix: number): string {
  const saved = patientJoin.prefix;
  patientJoin.prefix = prefix;
  try {
    return JSON.stringify(parseDocument(text).map((l) => [l.patient, l.problems.filter((p) => p.code === 'patient-uncertain')]));
  } finally {
    patientJoin.prefix = saved;
  }
}

const WHOLE = 3000;

test('the patient read from the summary prefix is the one the whole join gives, over every fixture and tool text', () => {
  let read = 0;
  for (const { name, text } of [...fixtureTexts(), ...toolTexts()]) {
    const want = patients(text, WHOLE);
    assert.equal(patients(text, patientJoin.prefix), want, name);
    if (want.includes('"age":') && !want.includes('"age":null')) read++;
  }
  assert.ok(read > 500, `${read} texts with an age`);
});

/** A letter whose case summary is `summary`, its lines as given. */
function letterWith(summary: string[]): string {
  return ['CLINICAL CASE SUMMARY', ...summary, '', 'IMR ISSUES, DECISIONS AND RATIONALES', 'The Final Determination was based on decisions for the disputed items/services set forth below:', ''].join('\n');
}

test('the patient read from the summary prefix is the one the whole join gives, with the age and sex word at every distance from its end', () => {
  const fillers = ['Records were reviewed in full.', 'The claimant', 'A note dated 01/02/2015 was read', 'fe', 'wo', '5', '4 -', 'year-'];
  const tails = [
    ['a 52 year old female who was injured.'],
    ['a 5 2-year-old', 'man with back pain.'],
    ['a 47-year-', 'old gentleman.'],
    ['an injured worker; she is a fe male', 'aged 33 years old.'],
    ['a worker who is 61', 'years old and a wo man.'],
    ['a female.'],
  ];
  let cases = 0;
  let beyond = 0;
  for (let pad = 0; pad < 260; pad += 7) {
    for (let f = 0; f < fillers.length; f++) {
      for (const tail of tails) {
        // Filler words up to `pad` characters, broken into lines of about 60, then the tail.
        const words: string[] = [];
        for (let n = 0, k = 0; n < pad; k++) {
          const w = fillers[(f + k) % fillers.length];
          words.push(w);
          n += w.length + 1;
        }
        const lines: string[] = [];
        let line = '';
        for (const w of words) {
          if (line.length + w.length > 60) {
            lines.push(line);
            line = '';
          }
          line = line ? `${line} ${w}` : w;
        }
        lines.push(`${line} ${tail[0]}`.trim(), ...tail.slice(1), 'Treatment continued with more visits and more records after that.');
        const text = letterWith(lines);
        const want = patients(text, WHOLE);
        // The prefix in use, and shorter ones: what is read must not depend on it.
        for (const prefix of [patientJoin.prefix, 120, 40]) assert.equal(patients(text, prefix), want, `prefix ${prefix}:\n${text}`);
        cases++;
        if (pad + tail[0].length > patientJoin.prefix - 50) beyond++;
      }
    }
  }
  // Many put what is read within 50 characters of the prefix's end or past it, where only the
  // longer join can tell.
  assert.ok(cases > 1500 && beyond > 500, `${cases} cases, ${beyond} reaching the prefix's last 50 characters`);
});

test('the age written with the dashes a word processor or an OCR puts for its hyphens ("52–year–old", "52—year—old", "52‑year‑old"): read as "52-year-old"', () => {
  for (const dash of ['-', '\u2010', '\u2011', '\u2013', '\u2014', '\u2212']) {
    const text = letterWith([`The injured worker is a 52${dash}year${dash}old female who sustained an industrial injury.`]);
    const { patient } = parseLetter(text);
    assert.equal(patient.age, 52, JSON.stringify(dash));
    assert.equal(patient.sex, 'female', JSON.stringify(dash));
  }
});
