/**
 * The patient's age and sex, read from the case summary's opening (parse/people.ts): the age
 * phrase and the sex word that belongs to it, or a sex word that names the patient in the opening
 * sentence; never a sex word that describes something else ("male erectile disorder", "a female
 * physician"), which would be a wrong field where an empty one is right.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLetter } from '../../server/src/core';

/** A letter whose case summary opens with `opening`, then a sentence of the records. */
function letterWith(opening: string): string {
  return [
    'CLINICAL CASE SUMMARY',
    'The expert reviewer developed the following clinical case summary based on a review of the',
    'case file, including all medical records:',
    `${opening} Treatment has included medications and physical therapy.`,
    '',
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'The Final Determination was based on decisions for the disputed items/services set forth below:',
    '',
  ].join('\n');
}

const read = (opening: string) => {
  const { age, sex } = parseLetter(letterWith(opening)).patient;
  return { age, sex };
};

test('the age and the sex word of its phrase, in the forms letters write them', () => {
  const cases: [string, number | null, 'male' | 'female' | null][] = [
    ['The injured worker is a 52 year old male with an industrial injury date of 10-16-2016.', 52, 'male'],
    ['The injured employee is a 45-year-old female who sustained an injury at work.', 45, 'female'],
    ['The applicant is a 45-year-old right-hand dominant female who injured her wrist.', 45, 'female'],
    ['The claimant, a 61 years old man, reported pain.', 61, 'male'],
    ['The injured worker is a 38 yr old woman with neck pain.', 38, 'female'],
    ['The 47-year-old female injured worker reported pain.', 47, 'female'],
    ['The IW is a 45 y/o male who reported low back pain.', 45, 'male'],
    ['The injured worker is a 45 y.o. female with knee pain.', 45, 'female'],
    ['The injured worker is a 33yo gentleman with shoulder pain.', 33, 'male'],
    ['The injured worker is a female who sustained an industrial injury on 10-25-2016.', null, 'female'],
    ['The injured worker is a Hispanic male, born in 1960, with back pain.', null, 'male'],
  ];
  for (const [opening, age, sex] of cases) assert.deepEqual(read(opening), { age, sex }, opening);
});

test('a sex word that describes something else is not the patient\'s sex: the field stays empty', () => {
  const cases: [string, number | null][] = [
    ['The injured worker is a 65 year old who is being treated for male erectile disorder.', 65],
    ['The injured worker is a 65 year old with male pattern baldness.', 65],
    ['The injured worker is a 50 year old treated by a female physician.', 50],
    ['The injured worker was seen by a female physician on 10-10-2016.', null],
    ['The injured worker is 40 years old. A male coworker saw the fall.', 40],
    ['The injured worker reported pain. The patient is a female who works as a cook.', null],
  ];
  for (const [opening, age] of cases) assert.deepEqual(read(opening), { age, sex: null }, opening);
});

test('an age that is not the patient\'s (a relative\'s, a child\'s, how old a condition is) is not read: the next age phrase that is, or none', () => {
  const cases: [string, number | null, 'male' | 'female' | null][] = [
    ['The injured worker is a female who cares for her 4-year-old son and reported back pain.', null, 'female'],
    ['The injured worker is a female. She was injured while lifting her 3 year old grandchild.', null, 'female'],
    ['The injured worker, whose 12 year old daughter assists with chores, is a male who was injured.', null, 'male'],
    ['The injured worker has a 10 year old history of diabetes.', null, null],
    ["The patient's 3 year old son bit her. She is a 34 year old female.", 34, 'female'],
    ['The injured worker is a 58 year old female who lives with her 30 year old son.', 58, 'female'],
    ['This case involves a now 58-year-old female with a history of a fall.', 58, 'female'],
    ['The injured worker is a 52 year old truck driver who injured his back.', 52, null],
    ['The injured worker is a 34 year old mother of two who works as a cook.', 34, null],
    ['The injured worker is a 45 year old home health aide, a female who injured her knee.', 45, 'female'],
  ];
  for (const [opening, age, sex] of cases) assert.deepEqual(read(opening), { age, sex }, opening);
});

test('an age written otherwise in the opening sentence: in words, "years of age", "aged"', () => {
  const cases: [string, number | null, 'male' | 'female' | null][] = [
    ['The injured worker is a fifty-two-year-old male with an industrial injury date of 10-16-2016.', 52, 'male'],
    ['The injured worker is a Forty five year old female who reported pain.', 45, 'female'],
    ['The injured worker is a thirty year old man with neck pain.', 30, 'male'],
    ['The injured worker is a nineteen-year-old female cashier.', 19, 'female'],
    ['The injured worker is a sixty\u2013one\u2013year\u2013old woman with knee pain.', 61, 'female'],
    ['The injured worker is a male, 52 years of age, who injured his back.', 52, 'male'],
    ['The injured worker is a female aged 47 who injured her wrist.', 47, 'female'],
    ['The injured worker is a male, age 38, with shoulder pain.', 38, 'male'],
  ];
  for (const [opening, age, sex] of cases) assert.deepEqual(read(opening), { age, sex }, opening);
});

test('an age written otherwise that is not the patient\'s now is not read', () => {
  const cases: [string, number | null, 'male' | 'female' | null][] = [
    // Another time's age, a bound, an estimate.
    ['The injured worker is a female who was injured at 52 years of age.', null, 'female'],
    ['The injured worker is a male, over 50 years of age, with back pain.', null, 'male'],
    ['The injured worker is a male, approximately 50 years of age.', null, 'male'],
    // Someone else's, or how old a condition is.
    ['The injured worker is a female who cares for her twelve-year-old son.', null, 'female'],
    ['The injured worker is a male with a twenty year old injury of the knee.', null, 'male'],
    // Only the opening sentence: a later sentence may be about anyone.
    ['The injured worker is a male. His sister, aged 60, drives him to his visits.', null, 'male'],
    ['The injured worker reported pain. The patient is a forty-year-old who works as a cook.', null, null],
    // The usual form wins where both are written.
    ['The injured worker is a 52 year old male, fifty-two years old at the time.', 52, 'male'],
  ];
  for (const [opening, age, sex] of cases) assert.deepEqual(read(opening), { age, sex }, opening);
});

test('a sex word broken by a space ("fe male", "wo man") is read whole: neither piece is a word', () => {
  const cases: [string, number | null, 'male' | 'female' | null][] = [
    ['The injured worker is a 53 year old fe male, who sustained an industrial injury on 11-2-16.', 53, 'female'],
    ['The injured worker is a 61 year old wo man with knee pain.', 61, 'female'],
    ['The injured worker is a fe male who sustained an industrial injury.', null, 'female'],
    // A piece that ends a longer word is not one: the word before is read as written.
    ['The injured worker is a 40 year old safe male driver.', 40, 'male'],
  ];
  for (const [opening, age, sex] of cases) assert.deepEqual(read(opening), { age, sex }, opening);
});
