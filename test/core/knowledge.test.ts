/**
 * The knowledge base: every bundled file against the JSON Schema and the loader, the confidence
 * policy (nothing unconfirmed stated as fact), validation of bad user files (errors as data),
 * merging a user's file over the base, and the lookups the hover and diagnostics rely on.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

import {
  bundledKnowledge, bundledKnowledgeErrors, bundledKnowledgeFiles, documentForLabel, isStatable, KnowledgeEntry,
  KnowledgeFile, letterEra, limitsOf, lookupNonMtus, lookupPage, lookupProcedure, lookupRegulation, lookupSection,
  mergeKnowledge, nameKey, topicsAgree, validateKnowledge,
} from '../../server/src/core/knowledge';
import { parseLetter } from '../../server/src/core/parse';
import { ROOT, FIXTURES } from '../paths';
import { checkSchema } from './knowledge-schema';
import { CONFIRMED_CPMTG_2009_PAGES, UNCONFIRMED_CPMTG_2009_PAGES } from './knowledge-unconfirmed';

const KNOWLEDGE_DIR = path.join(ROOT, 'server', 'knowledge');
const schema = JSON.parse(fs.readFileSync(path.join(KNOWLEDGE_DIR, 'knowledge.schema.json'), 'utf8'));
const kb = bundledKnowledge();

function allEntries(): { doc: string; entry: KnowledgeEntry }[] {
  return kb.documents.flatMap((d) => d.entries.map((entry) => ({ doc: `${d.id}@${d.edition}`, entry })));
}

describe('bundled knowledge files', () => {
  const files = fs.readdirSync(KNOWLEDGE_DIR).filter((f) => f.endsWith('.json') && f !== 'knowledge.schema.json');

  test('every JSON file in server/knowledge is bundled, and the expected editions are there', () => {
    assert.deepEqual(files.slice().sort(), bundledKnowledgeFiles().map((f) => f.name).sort());
    const ids = kb.documents.map((d) => `${d.id}@${d.edition}`).sort();
    for (const want of [
      'mtus-cpmtg@2009', 'mtus-cpmtg@2016', 'mtus-opioids@2016', 'mtus-acoem@2004', 'mtus-acupuncture@2007',
      'mtus-postsurgical@2009', 'ccr-9792@all', 'odg@current', 'acoem-3@3rd', 'imr-procedure@current',
    ]) {
      assert.ok(ids.includes(want), `missing ${want}`);
    }
  });

  for (const f of files) {
    test(`${f} passes the JSON Schema and the loader without errors`, () => {
      const json = JSON.parse(fs.readFileSync(path.join(KNOWLEDGE_DIR, f), 'utf8'));
      assert.deepEqual(checkSchema(schema, json), []);
      const v = validateKnowledge(json);
      assert.deepEqual(v.errors, []);
      assert.ok(v.file);
      // The loader keeps every entry of a valid file.
      const count = (json.documents as { entries: unknown[] }[]).reduce((n, d) => n + d.entries.length, 0);
      assert.equal(v.file.documents.reduce((n, d) => n + d.entries.length, 0), count);
    });
  }

  test('the schema checker itself rejects what the schema forbids', () => {
    const bad = {
      schemaVersion: 1,
      documents: [{ id: 'X', edition: '1', entries: [{ id: 'a', locator: {}, topic: 't', confidence: 'MAYBE', extra: 1 }] }],
    };
    const errors = checkSchema(schema, bad);
    assert.ok(errors.some((e) => e.includes('documents[0].id')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('locator')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('not in enum')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('unexpected property extra')), errors.join('\n'));
  });

  test('server/knowledge/README.md states the entry counts the files have', () => {
    const readme = fs.readFileSync(path.join(KNOWLEDGE_DIR, 'README.md'), 'utf8');
    const tags = new Map<string, number>();
    let total = 0;
    let nameOnly = 0;
    for (const f of files) {
      const json = JSON.parse(fs.readFileSync(path.join(KNOWLEDGE_DIR, f), 'utf8')) as {
        documents: { entries: { confidence?: string; nameOnly?: boolean; summary?: string }[] }[];
      };
      // | `file.json` | documents | 17 |  (or "22 + 2 + 0 + 2", one figure per document)
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${f}\` |`));
      assert.ok(row, `README.md has a row for ${f}`);
      const cells = row.split('|').map((c) => c.trim());
      const stated = cells[cells.length - 2].split('+').map((n) => Number(n.trim()));
      assert.deepEqual(stated, json.documents.map((d) => d.entries.length), `${f}: entries per document in README.md`);
      for (const d of json.documents) {
        for (const e of d.entries) {
          total++;
          tags.set(e.confidence ?? '', (tags.get(e.confidence ?? '') ?? 0) + 1);
          if (e.nameOnly || !e.summary) nameOnly++;
        }
      }
    }
    const line = `${total} entries in all: ${tags.get('LETTER') ?? 0} tagged LETTER, ${tags.get('REG') ?? 0} REG, ${tags.get('WEB') ?? 0} WEB. ${nameOnly} of them are *name-only*`;
    assert.ok(readme.replace(/\s+/g, ' ').includes(line), `README.md should say: ${line}`);
  });

  test('the bundled base loads without errors', () => {
    assert.deepEqual(bundledKnowledgeErrors(), []);
  });

  test('read without the schema walk (as bundledKnowledge reads it), each bundled file gives what the full check gives', () => {
    for (const f of bundledKnowledgeFiles()) {
      const full = validateKnowledge(f.json);
      assert.deepEqual(validateKnowledge(f.json, { trusted: true }), full, f.name);
      assert.ok(full.file, f.name);
    }
  });

  test('ids are unique within each document and every entry is sourced', () => {
    for (const d of kb.documents) {
      const ids = d.entries.map((e) => e.id);
      assert.equal(new Set(ids).size, ids.length, `${d.id}@${d.edition} has duplicate ids`);
      assert.ok(d.title.length > 0 && d.description.length > 0, `${d.id} needs a title and description`);
    }
    for (const { doc, entry } of allEntries()) {
      assert.ok(entry.sources.length > 0, `${doc} ${entry.id} has no source`);
      assert.ok(entry.nameOnly || entry.summary.length > 20, `${doc} ${entry.id} needs a summary`);
      if (entry.nameOnly) assert.equal(entry.limits, undefined, `${doc} ${entry.id} is name-only but states limits`);
    }
  });
});

describe('confidence policy: nothing unconfirmed is stated as fact', () => {
  test('every bundled entry and source is tagged LETTER, REG or WEB', () => {
    for (const { doc, entry } of allEntries()) {
      assert.ok(['LETTER', 'REG', 'WEB'].includes(entry.confidence), `${doc} ${entry.id}: ${entry.confidence}`);
      for (const s of entry.sources) assert.ok(['LETTER', 'REG', 'WEB'].includes(s.tag), `${doc} ${entry.id}: source ${s.tag}`);
      assert.ok(isStatable(entry));
    }
    for (const d of kb.documents) for (const s of d.sources) assert.ok(['LETTER', 'REG', 'WEB'].includes(s.tag));
  });

  test(`none of the ${UNCONFIRMED_CPMTG_2009_PAGES.length} recalled 2009 page numbers resolves to a bundled entry unless a letter confirms that page`, () => {
    assert.equal(UNCONFIRMED_CPMTG_2009_PAGES.length, 66);
    const confirmed = (p: number): boolean => CONFIRMED_CPMTG_2009_PAGES.some((r) => p >= r.from && p <= r.to);
    let checked = 0;
    for (const row of UNCONFIRMED_CPMTG_2009_PAGES) {
      for (let p = row.from; p <= row.to; p++) {
        const hits = lookupPage(kb, 'mtus-cpmtg', '2009', p);
        if (!confirmed(p)) assert.deepEqual(hits.map((e) => e.id), [], `page ${p} (${row.topic}) is unconfirmed but has an entry`);
        for (const e of hits) {
          // A confirmed page may carry an entry, but only the confirmed range, never the recalled split.
          const r = e.locator.pages!;
          assert.ok(CONFIRMED_CPMTG_2009_PAGES.some((c) => c.from === r.from && c.to === r.to), `${e.id} uses an unconfirmed range`);
        }
        checked++;
      }
    }
    assert.ok(checked > 100);
  });

  test('no bundled 2009 chronic pain entry has a page other than the confirmed ones', () => {
    const doc = kb.documents.find((d) => d.id === 'mtus-cpmtg' && d.edition === '2009')!;
    for (const e of doc.entries) {
      if (!e.locator.pages) continue;
      assert.ok(
        CONFIRMED_CPMTG_2009_PAGES.some((c) => c.from === e.locator.pages!.from && c.to === e.locator.pages!.to),
        `${e.id} has pages ${e.locator.pages.from}-${e.locator.pages.to}`,
      );
    }
  });

  test('an UNCONFIRMED entry in a user file is kept but its limits are never returned as fact', () => {
    const user: KnowledgeFile = {
      schemaVersion: 1,
      version: 't',
      documents: [{
        id: 'mtus-cpmtg', edition: '2009', title: 'mtus-cpmtg 2009', kind: 'guideline', inMtus: true, description: '', sources: [],
        entries: [{
          id: 'p60-massage', locator: { pages: { from: 60, to: 60 } }, topic: 'Massage therapy', summary: 'Recalled.',
          confidence: 'UNCONFIRMED', sources: [{ tag: 'UNCONFIRMED', ref: 'memory' }],
          limits: [{ kind: 'total', label: 'visits', max: 6, unit: 'visits' }],
        }],
      }],
    };
    const merged = mergeKnowledge(kb, user);
    const [e] = lookupPage(merged, 'mtus-cpmtg', '2009', 60);
    assert.equal(e.id, 'p60-massage');
    assert.equal(isStatable(e), false);
    assert.deepEqual(limitsOf(e), []);
  });
});

describe('validateKnowledge: bad user files give errors, never exceptions', () => {
  test('non-objects, wrong versions and missing parts are reported', () => {
    for (const bad of [null, undefined, 42, 'x', [], {}, { schemaVersion: 2, documents: [] }, { schemaVersion: 1 }, { schemaVersion: 1, documents: 'no' }]) {
      const v = validateKnowledge(bad);
      assert.equal(v.file, null, JSON.stringify(bad));
      assert.ok(v.errors.length > 0);
      for (const e of v.errors) assert.equal(typeof e.message, 'string');
    }
  });

  test('a bad entry is dropped with a precise path; the rest of the file is kept', () => {
    const v = validateKnowledge({
      schemaVersion: 1,
      version: '1',
      documents: [{
        id: 'mtus-cpmtg',
        edition: '2009',
        entries: [
          { id: 'good', locator: { pages: { from: 46, to: 46 } }, topic: 'Epidural steroid injections', summary: 'Mine.' },
          { id: 'bad-pages', locator: { pages: { from: 50, to: 40 } }, topic: 'x', summary: 'y' },
          { id: 'bad-limit', locator: { section: 'S' }, topic: 'x', summary: 'y', limits: [{ kind: 'total', label: 'v', max: -1, unit: 'visits' }] },
          { id: 'bad-date', locator: { regulation: '9792.20', subdivision: 'f' }, topic: 'x', summary: 'y', validFrom: '2015-13-45' },
          { id: 'bad-reg', locator: { regulation: '1234' }, topic: 'x', summary: 'y' },
          { id: 'no-summary', locator: { section: 'T' }, topic: 'x' },
          { id: 'bad-url', locator: { section: 'U' }, topic: 'x', summary: 'y', sources: [{ tag: 'USER', ref: 'r', url: 'javascript:alert(1)' }] },
          'not an entry',
        ],
      }],
    });
    assert.ok(v.file);
    assert.deepEqual(v.file.documents[0].entries.map((e) => e.id), ['good']);
    const paths = v.errors.map((e) => e.path);
    assert.ok(paths.includes('documents[0].entries[1].locator.pages'), paths.join(', '));
    assert.ok(paths.includes('documents[0].entries[2].limits[0].max'), paths.join(', '));
    assert.ok(paths.includes('documents[0].entries[3].validFrom'), paths.join(', '));
    assert.ok(paths.includes('documents[0].entries[4].locator.regulation'), paths.join(', '));
    assert.ok(paths.includes('documents[0].entries[5].summary'), paths.join(', '));
    assert.ok(paths.includes('documents[0].entries[6].sources[0].url'), paths.join(', '));
    assert.ok(paths.includes('documents[0].entries[7]'), paths.join(', '));
    // A user entry without confidence is the user's own.
    assert.equal(v.file.documents[0].entries[0].confidence, 'USER');
  });

  test('random JSON never throws', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const gen = (depth: number): unknown => {
      const r = rnd();
      if (depth > 4 || r < 0.2) return [null, true, 3, -1, 'x', '2015-04-20', '9792.20'][Math.floor(rnd() * 7)];
      if (r < 0.5) return Array.from({ length: Math.floor(rnd() * 4) }, () => gen(depth + 1));
      const keys = ['schemaVersion', 'documents', 'entries', 'id', 'edition', 'locator', 'pages', 'from', 'to', 'topic', 'summary', 'limits', 'sources', 'tag', 'ref', 'max', 'unit', 'kind'];
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rnd() * 6); i > 0; i--) o[keys[Math.floor(rnd() * keys.length)]] = gen(depth + 1);
      if (rnd() < 0.5) o.schemaVersion = 1;
      return o;
    };
    for (let i = 0; i < 2000; i++) {
      const v = validateKnowledge(gen(0));
      assert.ok(Array.isArray(v.errors));
    }
  });
});

describe('mergeKnowledge', () => {
  const user = (entries: unknown[], extraDocs: unknown[] = []): KnowledgeFile => {
    const v = validateKnowledge({
      schemaVersion: 1, version: 'u1',
      documents: [{ id: 'mtus-cpmtg', edition: '2009', entries }, ...extraDocs],
    });
    assert.deepEqual(v.errors, []);
    return v.file!;
  };

  test('a user entry with a bundled id replaces it; a new page is added; the base is unchanged', () => {
    const file = user([
      { id: 'p23-behavioral-interventions', locator: { pages: { from: 23, to: 23 } }, topic: 'My page 23', summary: 'Mine.' },
      { id: 'p46', locator: { pages: { from: 46, to: 46 } }, topic: 'Epidural steroid injections (from my copy)', summary: 'Mine too.', sources: [{ tag: 'USER', ref: 'DWC PDF p.46' }] },
    ]);
    const merged = mergeKnowledge(kb, file);
    assert.equal(lookupPage(merged, 'mtus-cpmtg', '2009', 23)[0].topic, 'My page 23');
    assert.equal(lookupPage(merged, 'mtus-cpmtg', '2009', 46)[0].topic, 'Epidural steroid injections (from my copy)');
    assert.equal(lookupPage(kb, 'mtus-cpmtg', '2009', 23)[0].topic, 'Behavioral interventions');
    assert.deepEqual(lookupPage(kb, 'mtus-cpmtg', '2009', 46), []);
    assert.ok(merged.versions.some((v) => v.includes('(user)')));
  });

  test('a user entry with a different id but the same locator replaces the bundled one', () => {
    const merged = mergeKnowledge(kb, user([{ id: 'mine', locator: { pages: { from: 98, to: 99 }, section: 'Physical medicine' }, topic: 'PT (mine)', summary: 'x' }]));
    const hits = lookupPage(merged, 'mtus-cpmtg', '2009', 98);
    assert.deepEqual(hits.map((e) => e.topic), ['PT (mine)']);
  });

  test('a new document and new labels are added and found', () => {
    const merged = mergeKnowledge(
      kb,
      user([], [{
        id: 'acoem-2017', edition: 'chronic-pain-2017', title: 'ACOEM Chronic Pain Guideline (2017)', labels: ['Chronic Pain Guideline 2017'],
        entries: [{ id: 'x', locator: { section: 'Opioids' }, topic: 'Opioids', summary: 'Mine.' }],
      }]),
    );
    assert.equal(documentForLabel(merged, 'Chronic Pain Guideline 2017')?.doc.id, 'acoem-2017');
    assert.equal(lookupSection(merged, 'acoem-2017', 'chronic-pain-2017', 'opioids')?.id, 'x');
    assert.equal(documentForLabel(kb, 'Chronic Pain Guideline 2017'), null);
  });

  test('null and empty user files leave the base as it is', () => {
    const merged = mergeKnowledge(kb, null, undefined);
    assert.equal(merged.documents.length, kb.documents.length);
  });
});

describe('lookups', () => {
  test('pages: inside a range, narrowest first, chapter-aware for ACOEM', () => {
    assert.deepEqual(lookupPage(kb, 'mtus-cpmtg', '2009', 101).map((e) => e.id), ['pp100-102-psychological']);
    assert.deepEqual(lookupPage(kb, 'mtus-cpmtg', '2016', 90).map((e) => e.id), ['pp89-90-home-health']);
    assert.deepEqual(lookupPage(kb, 'mtus-cpmtg', '2016', 23), [], '2016 pages are not the 2009 pages');
    assert.deepEqual(lookupPage(kb, 'mtus-acoem', '2004', 309, 12).map((e) => e.id), ['ch12-t12-8-p309']);
    assert.deepEqual(lookupPage(kb, 'mtus-acoem', '2004', 13, 10).map((e) => e.id), ['ch10-t2-p13']);
    assert.deepEqual(lookupPage(kb, 'mtus-acoem', '2004', 13, null), [], 'the elbow chapter has its own page numbers');
    assert.deepEqual(lookupPage(kb, 'mtus-acoem', '2004', 400, 12), [], 'page 400 is chapter 15');
  });

  test('sections: spelling variants, numbers, chapter context', () => {
    assert.equal(lookupSection(kb, 'mtus-cpmtg', '2016', 'Electro-diagnostic testing (EMG/NCS)')?.id, 'electrodiagnostic-testing');
    assert.equal(lookupSection(kb, 'mtus-cpmtg', '2016', 'NSAIDs')?.id, 'name-nsaids-non-steroidal-anti-inflammatory-drugs');
    assert.equal(lookupSection(kb, 'mtus-cpmtg', '2016', 'TENS, CHRONIC PAIN')?.id, 'tens');
    assert.equal(lookupSection(kb, 'mtus-opioids', '2016', 'whatever', '3.3.9')?.id, 's3-3-9');
    assert.equal(lookupSection(kb, 'mtus-postsurgical', '2009', 'Forearm, Wrist and Hand')?.id, 'forearm-wrist-hand');
    assert.equal(lookupSection(kb, 'mtus-acoem', '2004', 'Initial Care', null, 12)?.id, 'ch12-p300-initial-care');
    assert.equal(lookupSection(kb, 'mtus-acoem', '2004', 'Initial Care', null, 9)?.id, 'ch9-initial-care');
    assert.equal(lookupSection(kb, 'mtus-acoem', '2004', 'Initial Care', null, 8)?.id, 'heading-initial-care', 'no neck entry: the heading in general');
    assert.equal(lookupSection(kb, 'mtus-acoem', '2004', 'Special Studies', null, 12)?.id, 'ch12-special-studies');
    assert.equal(lookupSection(kb, 'mtus-acoem', '2004', 'Special Studies', null, 13)?.id, 'ch13-special-studies', 'knee is not low back');
    assert.equal(lookupSection(kb, 'mtus-acoem', '2004', 'Special Studies', null, null)?.id, 'heading-special-studies', 'no chapter: the heading in general');
    assert.equal(lookupSection(kb, 'mtus-cpmtg', '2016', 'Celebrex (celecoxib)')?.id, 'celebrex');
    assert.equal(nameKey('Forearm, Wrist, & Hand'), nameKey('Forearm, Wrist and Hand'));
  });

  test('labels as letters write them name the document', () => {
    assert.equal(documentForLabel(kb, 'Chronic Pain Medical Treatment 2016')?.doc.edition, '2016');
    assert.equal(documentForLabel(kb, 'Chronic Pain Medical Treatment 2009')?.doc.edition, '2009');
    assert.equal(documentForLabel(kb, 'Low Back Complaints 2004')?.entry?.locator.chapter, 12);
    assert.equal(documentForLabel(kb, 'Stress-Related Conditions 2004')?.entry?.locator.chapter, 15);
    assert.equal(documentForLabel(kb, 'Elbow Complaints 2007')?.doc.id, 'mtus-acoem');
    assert.equal(documentForLabel(kb, 'Opioid Treatment 2016')?.doc.id, 'mtus-opioids');
  });

  test('regulations resolve by era: 9792.20(f) is functional improvement before April 20, 2015 only', () => {
    const topic = (sub: string, date: string | null): string[] =>
      lookupRegulation(kb, '9792.20', sub, date).filter((m) => date === null || m.inForce).map((m) => m.entry.topic);
    assert.deepEqual(topic('f', '2014-06-30'), ['Functional improvement (definition)']);
    assert.deepEqual(topic('f', '2015-04-19'), ['Functional improvement (definition)']);
    assert.deepEqual(topic('f', '2015-04-20'), ['Medical treatment (definition)']);
    assert.deepEqual(topic('e', '2016-12-10'), ['Functional improvement (definition)']);
    assert.deepEqual(topic('e', '2014-06-30'), ['Evidence-based (definition)']);
    assert.deepEqual(topic('ef', '2016-12-10'), ['Functional improvement (definition)']);
    assert.deepEqual(topic('f', null).sort(), ['Functional improvement (definition)', 'Medical treatment (definition)']);
    assert.deepEqual(
      lookupRegulation(kb, '9792.24.2', null, '2017-01-15').filter((m) => m.inForce).map((m) => m.entry.id),
      ['s24-2-2016'],
    );
    assert.equal(lookupRegulation(kb, '9792.20', null, '2016-01-01', '9792.26')[0]?.entry.id, 's20-26-whole');
    assert.equal(lookupRegulation(kb, '9792.23', '5', '2016-01-01').length, 0);
  });

  test('letter eras: decision date, else the format (the seeds are pre-2015)', () => {
    const seed = fs.readFileSync(path.join(FIXTURES, 'seeds', '001_4f3ba24c3a626615.txt'), 'utf8');
    const e1 = letterEra(parseLetter(seed), kb);
    assert.equal(e1.era, '2009');
    assert.equal(e1.nominal, true);
    const f1b = fs.readFileSync(path.join(FIXTURES, 'letters', '2017_format1b_CM17-0006287.txt'), 'utf8');
    const e2 = letterEra(parseLetter(f1b), kb);
    assert.equal(e2.date, '2017-02-06');
    assert.equal(e2.era, '2016');
    assert.equal(e2.nominal, false);
    assert.equal(letterEra(parseLetter('hello'), kb).date, null);
  });

  test('structured limits for diagnostics', () => {
    const [p23] = lookupPage(kb, 'mtus-cpmtg', '2009', 23);
    const initial = limitsOf(p23).find((l) => l.kind === 'initial')!;
    assert.deepEqual([initial.min, initial.max, initial.unit, initial.over?.max, initial.over?.unit], [3, 4, 'visits', 2, 'weeks']);
    const total = limitsOf(p23).find((l) => l.kind === 'total')!;
    assert.deepEqual([total.min, total.max, total.requires], [6, 10, 'objective functional improvement']);
    const pm = lookupSection(kb, 'mtus-cpmtg', '2016', 'Physical medicine treatment')!;
    assert.ok(limitsOf(pm).some((l) => l.max === 26 && l.condition?.includes('CRPS')));
    const acu = lookupRegulation(kb, '9792.24.1', 'c', '2016-12-01')[0].entry;
    assert.ok(limitsOf(acu).some((l) => l.kind === 'frequency' && l.min === 1 && l.max === 3 && l.per === 'week'));
  });

  test('topic agreement and non-MTUS lookups', () => {
    const [p23] = lookupPage(kb, 'mtus-cpmtg', '2009', 23);
    assert.equal(topicsAgree('Cognitive Behavioral Therapy (CBT) guidelines for chronic pain', p23), true);
    assert.equal(topicsAgree('Part 2-Pain Interventions and Treatments', p23), true);
    const [p98] = lookupPage(kb, 'mtus-cpmtg', '2009', 98);
    assert.equal(topicsAgree('Physical Therapy', p98), true);
    assert.equal(topicsAgree('Epidural steroid injections', p23), false);
    const r = lookupNonMtus(kb, 'odg', 'current', 'Neck and Upper Back Chapter, Physical Therapy (PT), subheading');
    assert.equal(r.chapter?.id, 'chapter-neck');
    assert.equal(r.topic?.id, 'neck-pt');
    assert.equal(lookupNonMtus(kb, 'odg', 'current', 'Physical Therapy Guidelines').topic?.id, 'preface-pt');
    assert.equal(lookupProcedure(kb, { term: 'upheld' })?.id, 'upheld');
    assert.equal(lookupProcedure(kb, { header: 'decisionDate' })?.id, 'decision-date');
  });
});
