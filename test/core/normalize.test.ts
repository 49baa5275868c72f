/** The normaliser the citation scan reads a region through (`normalizeRange`), with the lines a
 *  letter hides (`Letter.hidden`: page markers, running headers and footers, directives). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeRange } from '../../server/src/core/text';

describe('normalizeRange with hidden lines (Letter.hidden)', () => {
  const fax = '01/05/2017 10:15 FAX 916 555 0100   P.002/005';
  const text = `Section(s): Physical\n${fax}\nmedicine treatment, Opioids`;
  const start = text.indexOf(fax);
  const hidden = [{ start, end: start + fax.length }];

  test('a hidden line is left out, read as a line break; the characters after it map to their source', () => {
    const norm = normalizeRange(text, 0, text.length, hidden);
    assert.equal(norm.text, 'Section(s): Physical medicine treatment, Opioids');
    const k = norm.text.indexOf('medicine');
    assert.equal(norm.sourceStart(k), text.indexOf('medicine'));
    assert.equal(norm.sourceStart(norm.text.indexOf('Physical')), text.indexOf('Physical'));
  });

  test('without hidden lines the line is read as text; hidden spans outside the range change nothing', () => {
    assert.equal(normalizeRange(text, 0, text.length).text, 'Section(s): Physical 01/05/2017 10:15 FAX 916 555 0100 P.002/005 medicine treatment, Opioids');
    assert.equal(normalizeRange(text, 0, 20, hidden).text, 'Section(s): Physical');
    assert.equal(normalizeRange(text, start + fax.length, text.length, hidden).text, 'medicine treatment, Opioids');
    // A range that starts inside the hidden line: the rest of it is left out too.
    assert.equal(normalizeRange(text, start + 5, text.length, hidden).text, 'medicine treatment, Opioids');
  });
});
