/**
 * The file formats are written once, as JSON Schemas (server/knowledge/knowledge.schema.json and
 * server/knowledge/vocabulary/request-vocabulary.schema.json), and the loaders check files against
 * those schemas themselves. What the TypeScript types list again (the values of an enum) must be
 * what the schema lists, and the loaders must reject what the schema rejects.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { validateVocabulary } from '../../server/src/core/categories';
import { CONFIDENCES, DURATION_UNITS, LIMIT_KINDS, LIMIT_UNITS } from '../../server/src/core/knowledge/types';
import { ROOT } from '../paths';

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'knowledge', file), 'utf8'));

describe('the formats are their JSON Schemas', () => {
  test("knowledge: the types' enums are the schema's", () => {
    const defs = read('knowledge.schema.json').definitions;
    assert.deepEqual([...CONFIDENCES], defs.confidence.enum);
    assert.deepEqual([...LIMIT_KINDS], defs.limit.properties.kind.enum);
    assert.deepEqual([...LIMIT_UNITS], defs.limit.properties.unit.enum);
    assert.deepEqual([...DURATION_UNITS], defs.duration.properties.unit.enum);
  });

  test('request vocabulary: the loader reports what the schema forbids, at its path, and keeps the rest', () => {
    const schema = read('vocabulary/request-vocabulary.schema.json');
    assert.deepEqual(schema.definitions.source.properties.tag.enum, ['LETTER', 'REG', 'WEB', 'USER']);
    const v = validateVocabulary({
      schemaVersion: 1,
      sources: { mine: { tag: 'USER', ref: 'my notes' }, odd: { tag: 'BLOG', ref: 'x' }, ftp: { tag: 'WEB', ref: 'x', url: 'ftp://example' } },
      categories: [{ id: 'telehealth', label: 'Telehealth', terms: ['video visit', ''], sources: ['mine'], colour: 'blue' }, { id: '   ', terms: ['x'] }],
      drugClasses: [{ id: 'new class' }],
      bodyParts: [{ id: 'back', terms: ['spine'], spinalLevels: ['L', 'X'] }],
      topicalTerms: ['salve', 7],
    });
    const paths = v.errors.map((e) => e.path);
    for (const p of [
      'sources.odd.tag', // enum
      'sources.ftp.url', // pattern
      'categories[0].terms[1]', // minLength of a phrase
      'categories[0].colour', // additionalProperties
      'categories[1].id', // a blank text
      'drugClasses[0].label', // required
      'bodyParts[0].spinalLevels[1]', // enum of a list member
      'topicalTerms[1]', // type of a list member
    ]) {
      assert.ok(paths.includes(p), `${p} not reported: ${paths.join(', ')}`);
    }
    assert.deepEqual(Object.keys(v.file?.sources ?? {}), ['mine'], 'a bad source is dropped');
    assert.deepEqual(v.file?.categories, [{ id: 'telehealth', label: 'Telehealth', terms: ['video visit'], sources: ['mine'] }], 'a bad phrase is dropped, its category kept');
    assert.deepEqual(v.file?.drugClasses, []);
    assert.deepEqual(v.file?.bodyParts, [{ id: 'back', terms: ['spine'], spinalLevels: ['L'] }]);
    assert.deepEqual(v.file?.topicalTerms, ['salve']);
  });
});
