/**
 * The reviewer's credentials (parse/people.ts `parseReviewer`): the states of licensure and the
 * specialties, each list split into its entries however the letter separates them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLetter } from '../../server/src/core';

/** A letter whose credentials block gives `states` and `specialties`. */
function letterWith(states: string, specialties: string): string {
  return [
    'HOW THE IMR FINAL DETERMINATION WAS MADE',
    'MAXIMUS Federal Services reviewed all information submitted regarding this case.',
    'The Expert Reviewer has the following credentials:',
    `State(s) of Licensure: ${states}`,
    `Certification(s)/Specialty: ${specialties}`,
    'CLINICAL CASE SUMMARY',
    'The injured worker is a 52 year old male with back pain.',
    '',
  ].join('\n');
}

test('each list is split at commas, semicolons and "and" before a capital; an entry keeps its own "&" and "and"', () => {
  const cases: [string, string, string[], string[]][] = [
    ['California', 'Orthopedic Surgery', ['California'], ['Orthopedic Surgery']],
    ['California,North Carolina', 'Internal Medicine, Occupational Medicine', ['California', 'North Carolina'], ['Internal Medicine', 'Occupational Medicine']],
    ['California and Arizona', 'Orthopaedic Surgery and Sports Medicine', ['California', 'Arizona'], ['Orthopaedic Surgery', 'Sports Medicine']],
    ['Texas; Ohio', 'Internal Medicine; Occupational Medicine', ['Texas', 'Ohio'], ['Internal Medicine', 'Occupational Medicine']],
    ['California', 'Physical Medicine & Rehabilitation, Pain Medicine.', ['California'], ['Physical Medicine & Rehabilitation', 'Pain Medicine']],
  ];
  for (const [states, specialties, licensure, want] of cases) {
    const r = parseLetter(letterWith(states, specialties)).reviewer;
    assert.deepEqual({ licensure: [...r.licensure], specialties: [...r.specialties] }, { licensure, specialties: want }, `${states} / ${specialties}`);
  }
});

test('credentials broken by spaces in a letter that breaks words are joined against the specialties\' and states\' names', () => {
  const letter = [
    'HOW THE IMR FINAL DETERMINATION WAS MADE',
    'MAXIMUS Federal Services sent the complete case file to an expert reviewer.',
    'The Expert Reviewer has the following credentials:',
    'State(s) of Licensure: Ohio, Califor nia',
    'Certif ication(s)/Specialty: Preventive Medicine, Occupa tional Medicine',
    'CLINICAL CASE SUMMA RY',
    'The injured worker is a 45 year old male.',
  ].join('\n');
  const r = parseLetter(letter).reviewer;
  assert.deepEqual([r.licensure, r.specialties], [['Ohio', 'California'], ['Preventive Medicine', 'Occupational Medicine']]);
});
