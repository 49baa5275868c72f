/**
 * Words broken by spaces joined again (split-words.ts `rejoinWords`): two pieces are joined when
 * the joined word is known and neither piece is a word. A text that breaks words is full of
 * two-letter pieces ("ma le", "le ft"), so two letters count as a word only when they are an
 * English word (or a unit), or a capitals abbreviation the nearby text writes ("UR").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rejoinWords, wordsOf } from '../../server/src/core/split-words';

const join = (s: string, nearby = '', whole = '') => rejoinWords(s, nearby, [], whole ? [wordsOf(whole)] : []).text;

test('two-letter pieces a broken text holds nearby ("le ft") are no words: "ma le" is read "male"', () => {
  // The nearby text holds "le" and "ft" as pieces of another broken word.
  const nearby = 'pain in the le ft knee and the ma nagement of it';
  assert.equal(join('a 45 year old ma le who', nearby), 'a 45 year old male who');
  assert.equal(join('Physical therapy for the le ft knee', nearby, 'left knee'), 'Physical therapy for the left knee');
});

test('two-letter English words, units and capitals abbreviations written nearby stay words: the pieces beside them are not joined to them', () => {
  // "in" and "to" are words: not joined, even where the letter writes "into".
  assert.equal(join('go in to the clinic', 'walked into it'), 'go in to the clinic');
  // "on" is a word and "ly" none: joined only where the letter writes "only" whole.
  assert.equal(join('on ly once', 'seen only once'), 'only once');
  assert.equal(join('on ly once', 'seen once'), 'on ly once');
  // A unit after a number is never a piece ("75 mg"); "UR" written nearby in capitals is a word.
  assert.equal(join('Voltaren 75 mg #60', 'mg'), 'Voltaren 75 mg #60');
  // Two capitals the nearby text writes are a word: "MA le" is not taken for "male" (a word of
  // the form) unless the letter writes "male" whole; the same letters in lower case are a piece.
  assert.equal(join('a 45 year old MA le', 'holds an MA degree'), 'a 45 year old MA le');
  assert.equal(join('a 45 year old MA le', 'holds an MA degree, a male'), 'a 45 year old MAle');
  assert.equal(join('a 45 year old ma le', 'holds an ma degree'), 'a 45 year old male');
});

test('a piece of a compound\'s part, after or before a slash ("5%/Amitrip tyline 5%/Lidocaine"), is joined as any piece is', () => {
  const whole = 'the cream contains amitriptyline and lidocaine';
  assert.equal(join('Dextromethorphan 5%/Amitrip tyline 5%/Lidocaine', '', whole), 'Dextromethorphan 5%/Amitriptyline 5%/Lidocaine');
  assert.equal(join('Amitrip tyline/Lidocaine cream', '', whole), 'Amitriptyline/Lidocaine cream');
  assert.equal(join('Gabapentin/Amitrip tyline/Lido caine', '', whole), 'Gabapentin/Amitriptyline/Lidocaine');
  // Words beside a slash stay apart: "or" is a word, and the letter writes "ice".
  assert.equal(join('heat and/or ice', 'apply ice', 'orice'), 'heat and/or ice');
});

test('a piece that is no word joins the next piece when that makes a word, not the word before it ("for th ree", "to e valuate")', () => {
  // "forth" is written in every letter ("set forth below"), "toe" and "months" in many.
  const whole = 'set forth below; the toe; three months; evaluate the monthly supply';
  assert.equal(join('two times a week for th ree weeks', 'for a week', whole), 'two times a week for three weeks');
  assert.equal(join('1-2 visits to e valuate the hip', 'to', whole), '1-2 visits to evaluate the hip');
  assert.equal(join('one month s upply of Trezix', 'month', whole), 'one month supply of Trezix');
  // With no word after it, the piece still joins the word before ("month s" read "months").
  assert.equal(join('for six month s', 'month', whole), 'for six months');
});
