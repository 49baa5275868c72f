/**
 * The case summary in brief (core/summary.ts): diagnoses, treatments and medications named after
 * the reviewers' usual phrases, and nothing where the letter denies them ("was not being treated
 * for ...", "No medications were prescribed") or the phrase names no thing ("were prescribed").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseSummary, parseLetter } from '../../server/src/core';

/** The summary's three lists for a letter whose case summary is `summary`. */
function read(summary: string) {
  const text = [
    'CLINICAL CASE SUMMARY',
    'The expert reviewer developed the following clinical case summary based on a review of the',
    'case file, including all medical records:',
    summary,
    '',
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'The Final Determination was based on decisions for the disputed items/services set forth below:',
    '',
  ].join('\n');
  const s = caseSummary(parseLetter(text), text);
  const names = (xs: readonly { text: string }[]) => xs.map((x) => x.text);
  return { diagnoses: names(s.diagnoses), treatments: names(s.treatments), medications: names(s.medications) };
}

test('what the usual phrases name', () => {
  assert.deepEqual(
    read('The injured worker is a 52 year old male being treated for low back pain. Treatment to date has included physical therapy, acupuncture and medications. Current medications included Norco, Flexeril and Motrin.'),
    { diagnoses: ['low back pain'], treatments: ['physical therapy', 'acupuncture and medications'], medications: ['Norco', 'Flexeril and Motrin'] },
  );
  assert.deepEqual(read('The injured worker is a 40 year old female. Diagnoses include lumbar strain; cervical strain.').diagnoses, ['lumbar strain', 'cervical strain']);
});

test('what the letter denies, or a phrase that names no thing, is not named', () => {
  assert.deepEqual(read('The injured worker is a 52 year old male. He was not being treated for diabetes. Current medications included Tylenol.'), {
    diagnoses: [],
    treatments: [],
    medications: ['Tylenol'],
  });
  assert.deepEqual(read('The injured worker is a 52 year old male being treated for low back pain. No medications were prescribed.').medications, []);
  assert.deepEqual(read('The injured worker is a 52 year old male. Medications were prescribed.').medications, []);
  assert.deepEqual(read('The injured worker is a 52 year old male. The patient has never been treated for depression.').diagnoses, []);
  assert.deepEqual(read('The injured worker is a 52 year old male. Diagnoses were not documented. Medications included none.'), { diagnoses: [], treatments: [], medications: [] });
});
