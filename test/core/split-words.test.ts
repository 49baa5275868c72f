/**
 * Words broken by spaces joined again (split-words.ts `rejoinWords`): two pieces are joined when
 * the joined word is known and neither piece is a word. A text that breaks words is full of
 * two-letter pieces ("ma le", "le ft"), so two letters count as a word only when they are an
 * English word (or a unit), or a capitals abbreviation the nearby text writes ("UR").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rejoinWords, requestWords, wordsOf } from '../../server/src/core/split-words';

const join = (s: string, nearby = '', whole = '') => rejoinWords(s, nearby, [], whole ? [wordsOf(whole)] : []).text;

test('two-letter pieces a broken text holds nearby ("le ft") are no words: "ma le" is read "male"', () => {
  // The nearby text holds "le" and "ft" as pieces of another broken word.
  const nearby = 'pain in the le ft knee and the ma nagement of it';
  assert.equal(join('a 45 year old ma le who', nearby), 'a 45 year old male who');
  assert.equal(join('Physical therapy for the le ft knee', nearby, 'left knee'), 'Physical therapy for the left knee');
});

test('two-letter English words and units stay words: the pieces beside them are not joined to them', () => {
  // "in" and "to" are words: not joined, even where the letter writes "into".
  assert.equal(join('go in to the clinic', 'walked into it'), 'go in to the clinic');
  // "on" is a word and "ly" none: joined only where the letter writes "only" whole.
  assert.equal(join('on ly once', 'seen only once'), 'only once');
  assert.equal(join('on ly once', 'seen once'), 'on ly once');
  // A unit after a number is never a piece ("75 mg").
  assert.equal(join('Voltaren 75 mg #60', 'mg'), 'Voltaren 75 mg #60');
  // Two letters written nearby only as a piece ("ma nagement") are no word.
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

test('a broken drug name or body part the letter writes nowhere whole is joined against the request vocabulary ("Perc ocet")', () => {
  const withVocabulary = (s: string, nearby = '') => rejoinWords(s, nearby, [requestWords()], []).text;
  assert.equal(withVocabulary('Post-op Perc ocet 5/325mg #60'), 'Post-op Percocet 5/325mg #60');
  assert.equal(withVocabulary('MRI of the left shou lder'), 'MRI of the left shoulder');
  // Without the vocabulary, nothing tells the pieces are one word.
  assert.equal(rejoinWords('Post-op Perc ocet 5/325mg #60', '', [], []).text, 'Post-op Perc ocet 5/325mg #60');
});

test('a word of the vocabularies is joined even where the nearby text holds the same pieces, when one piece at most is a word ("shou lder", "the rapy", "we eks")', () => {
  const withVocabulary = (s: string, nearby: string) => rejoinWords(s, nearby, [requestWords()], []).text;
  // The rationale restates the request broken the same way: its pieces are no words for that.
  assert.equal(withVocabulary('MRI of the left shou lder', 'an MRI of the shou lder was sought'), 'MRI of the left shoulder');
  assert.equal(withVocabulary('Physical the rapy 2 times a week for 4 we eks', 'the rapy for 4 we eks'), 'Physical therapy 2 times a week for 4 weeks');
  // Two words, of the vocabularies or English, stay apart ("tab" and "in", "in" and "to").
  assert.equal(withVocabulary('one tab in to the mouth', ''), 'one tab in to the mouth');
});
