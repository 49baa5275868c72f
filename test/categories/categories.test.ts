/**
 * Request categories: the classifier against the hand-labelled items of the corpus letters
 * (test/categories/hand-labels.tsv, labelled by reading), with the agreement per category printed
 * and written to out/category-agreement.md; requests written for this test (not from the corpus)
 * for each category, drug class and quantity form; the vocabulary file against its schema; a
 * user's vocabulary merged over the bundled one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  bundledVocabulary, bundledVocabularyErrors, bundledVocabularyFile, classifyItems, classifyRequest, formatQuantity, mergeVocabulary,
  parseDocument, readQuantity, validateVocabulary,
} from '../../server/src/core';
import { checkSchema } from '../core/knowledge-schema';
import { FIXTURES, ROOT } from '../paths';

interface Label {
  letter: string;
  item: number;
  request: string;
  category: string;
  drug: string;
  drugClass: string;
  bodyPart: string;
  quantity: string;
}

function labels(): Label[] {
  const lines = fs.readFileSync(path.join(ROOT, 'test', 'categories', 'hand-labels.tsv'), 'utf8').split('\n').filter((l) => l.trim());
  const head = lines[0].split('\t');
  return lines.slice(1).map((l) => {
    const f = l.split('\t');
    const get = (k: string) => f[head.indexOf(k)] ?? '';
    return { letter: get('letter'), item: Number(get('item')), request: get('request'), category: get('category'), drug: get('drug'), drugClass: get('drugClass'), bodyPart: get('bodyPart'), quantity: get('quantity') };
  });
}

/** "18 visits (2-3x6)" -> count 18, schedule 2-3x6. */
function quantityKey(s: string): string {
  const m = /^(\d+(?:\.\d+)?)(?: [a-z]+)?(?: \(([^)]+)\))?$/.exec(s.trim());
  return m ? `${Number(m[1])}${m[2] ? ` ${m[2]}` : ''}` : s.trim();
}

describe('request categories against the hand-labelled corpus items', () => {
  const all = labels();
  // Classify the items as the letters give them: parse each letter, then its items together.
  const byLetter = new Map<string, Label[]>();
  for (const l of all) byLetter.set(l.letter, [...(byLetter.get(l.letter) ?? []), l]);
  const results: { label: Label; facts: ReturnType<typeof classifyRequest> }[] = [];
  for (const [letter, ls] of byLetter) {
    const text = fs.readFileSync(path.join(FIXTURES, letter), 'utf8');
    const items = parseDocument(text).flatMap((x) => x.items);
    const facts = classifyItems(items.map((it) => it.request));
    for (const l of ls) results.push({ label: l, facts: facts[l.item - 1] });
  }

  test('every labelled item is an item of its letter, with the request the parser reads', () => {
    assert.equal(all.length, 223);
    for (const [letter, ls] of byLetter) {
      const items = parseDocument(fs.readFileSync(path.join(FIXTURES, letter), 'utf8')).flatMap((x) => x.items);
      assert.equal(items.length, ls.length, letter);
      for (const l of ls) assert.equal(items[l.item - 1].request, l.request, `${letter} item ${l.item}`);
    }
  });

  test('without quantities (as the insights classify): the same facts, quantity left null', () => {
    for (const [letter, ls] of byLetter) {
      const requests = parseDocument(fs.readFileSync(path.join(FIXTURES, letter), 'utf8')).flatMap((x) => x.items).map((it) => it.request);
      const full = classifyItems(requests);
      const lean = classifyItems(requests, undefined, { quantity: false });
      assert.deepEqual(lean, full.map((f) => ({ ...f, quantity: null })), letter);
      assert.ok(ls.length > 0);
    }
    assert.ok(results.some((r) => r.facts.quantity !== null), 'some labelled requests have a quantity');
  });

  test('agreement per category, and for drug, drug class, body part and quantity', () => {
    const cats = [...new Set(all.map((l) => l.category))].sort();
    const rows: string[] = ['| Category (hand label) | Items | Classifier agrees | Agreement |', '| --- | ---: | ---: | ---: |'];
    let agreeAll = 0;
    const disagreements: string[] = [];
    for (const cat of cats) {
      const mine = results.filter((r) => r.label.category === cat);
      const agree = mine.filter((r) => r.facts.category === cat).length;
      agreeAll += agree;
      rows.push(`| ${cat} | ${mine.length} | ${agree} | ${((100 * agree) / mine.length).toFixed(0)}% |`);
      for (const r of mine) if (r.facts.category !== cat) disagreements.push(`${r.label.letter} #${r.label.item} "${r.label.request}": ${r.facts.category} (by "${r.facts.matched}"), labelled ${cat}`);
    }
    rows.push(`| **all** | ${all.length} | ${agreeAll} | ${((100 * agreeAll) / all.length).toFixed(1)}% |`);
    const field = (name: string, pick: (r: (typeof results)[number]) => [string, string], only?: (r: (typeof results)[number]) => boolean) => {
      const rs = results.filter(only ?? (() => true));
      const ok = rs.filter((r) => {
        const [got, want] = pick(r);
        return got === want;
      }).length;
      rows.push(`| ${name} | ${rs.length} | ${ok} | ${((100 * ok) / rs.length).toFixed(1)}% |`);
      return ok / rs.length;
    };
    const pharma = (r: (typeof results)[number]) => r.label.category === 'pharmaceuticals';
    rows.push('| | | | |');
    const drug = field('drug (generic), pharmaceutical items', (r) => [r.facts.drug ?? '', r.label.drug], pharma);
    const drugClass = field('drug class, pharmaceutical items', (r) => [r.facts.drugClass ?? '', r.label.drugClass], pharma);
    const body = field('body parts (same set)', (r) => [[...r.facts.bodyParts].sort().join('; '), r.label.bodyPart.split('; ').filter(Boolean).sort().join('; ')]);
    const quantity = field('quantity (count and schedule)', (r) => [quantityKey(formatQuantity(r.facts.quantity)), quantityKey(r.label.quantity)]);
    const table = rows.join('\n');
    console.log(`\nRequest categories against ${all.length} hand-labelled items:\n${table}\n${disagreements.length ? `Disagreements:\n  ${disagreements.join('\n  ')}\n` : ''}`);
    fs.mkdirSync(path.join(ROOT, 'out'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'out', 'category-agreement.md'), `${table}\n\n${disagreements.map((d) => `- ${d}`).join('\n')}\n`);
    // Floors that catch a regression (the figures themselves are in the table and the README).
    assert.ok(agreeAll / all.length >= 0.95, `category agreement ${agreeAll}/${all.length}`);
    assert.ok(drug >= 0.95 && drugClass >= 0.95, `drug ${drug}, class ${drugClass}`);
    assert.ok(body >= 0.95 && quantity >= 0.9, `body ${body}, quantity ${quantity}`);
  });
});

describe('requests written for this test (not from the corpus)', () => {
  const cases: [string, string, string | null, string | null, string, string][] = [
    // request, category, drug, class, body parts, quantity
    ['Soma 350mg #60', 'pharmaceuticals', 'carisoprodol', 'muscle relaxant', '', '60'],
    ['Lyrica 75mg, one twice daily, #60 with 2 refills', 'pharmaceuticals', 'pregabalin', 'anticonvulsant', '', '60'],
    ['Fentanyl 25mcg/hr transdermal patch #10', 'pharmaceuticals', 'fentanyl', 'opioid', '', '10 patches'],
    ['Terocin patches #30', 'pharmaceuticals', 'lidocaine/capsaicin/menthol/methyl salicylate', 'topical/compound', '', '30 patches'],
    ['Ketoprofen 20% cream 120g', 'pharmaceuticals', 'ketoprofen', 'topical/compound', '', '120 grams'],
    ['Percocet 10/325 mg every six hours as needed, quantity 120', 'pharmaceuticals', 'oxycodone/acetaminophen', 'opioid', '', ''],
    ['Nexium 40mg #30', 'pharmaceuticals', 'esomeprazole', 'proton pump inhibitor', '', '30'],
    ['Ambien 10mg #30', 'pharmaceuticals', 'zolpidem', 'sleep aid', '', '30'],
    ['Cymbalta 60mg #30', 'pharmaceuticals', 'duloxetine', 'antidepressant', '', '30'],
    ['Xanax 0.5mg #60', 'pharmaceuticals', 'alprazolam', 'benzodiazepine', '', '60'],
    ['Zorvolex 35mg #90', 'pharmaceuticals', 'diclofenac', 'NSAID', '', '90'],
    ['Unknownbrand 20mg #30', 'pharmaceuticals', null, null, '', '30'],
    ['Right carpal tunnel release', 'surgery', null, null, 'wrist', ''],
    ['L4-5 laminectomy and discectomy', 'surgery', null, null, 'lumbar spine', ''],
    ['Total knee arthroplasty, left', 'surgery', null, null, 'knee', ''],
    ['Lumbar facet radiofrequency ablation at L3-4 and L4-5', 'injections', null, null, 'lumbar spine', ''],
    ['Cervical epidural steroid injection at C5-6', 'injections', null, null, 'cervical spine', ''],
    ['Functional restoration program, 80 hours', 'programs', null, null, '', ''],
    ['Urine drug screen', 'other', null, null, '', ''],
    ['Cervical traction unit for home use', 'durable medical equipment', null, null, 'cervical spine', ''],
    ['H-wave unit purchase', 'durable medical equipment', null, null, '', ''],
    ['Psychiatric consultation', 'psychological services', null, null, '', ''],
    ['Follow-up visit with pain management', 'evaluation and management', null, null, '', ''],
    ['Orthopedic consultation for the right knee', 'evaluation and management', null, null, 'knee', ''],
    ['Aquatic therapy 2x4 for the low back', 'physical therapy', null, null, 'lumbar spine', '8 visits (2x4)'],
    ['Massage therapy, six sessions', 'physical therapy', null, null, '', '6 sessions'],
    ['Electroacupuncture 1-2 times per week for 6 weeks', 'acupuncture', null, null, '', '12 visits (1-2x6)'],
    ['Chiropractic treatment 3x4 cervical spine', 'chiropractic', null, null, 'cervical spine', '12 visits (3x4)'],
    ['X-ray of the right ankle, three views', 'diagnostic imaging', null, null, 'ankle', ''],
    ['NCV of the bilateral lower extremities', 'electrodiagnostics', null, null, 'lower extremity', ''],
    ['Home health aide 4 hours a day, 3 days a week for 6 weeks', 'home health', null, null, '', ''],
    ['Lumbar brace', 'durable medical equipment', null, null, 'lumbar spine', ''],
    ['Pre-operative urinalysis', 'surgery', null, null, '', ''],
    ['Ultrasound guided cortisone injection, right shoulder', 'injections', null, null, 'shoulder', ''],
    ['Manipulation under anesthesia of the lumbar spine', 'surgery', null, null, 'lumbar spine', ''],
    ['Spinal cord stimulator trial', 'surgery', null, null, '', ''],
    ['Something nobody recognises', 'other', null, null, '', ''],
  ];
  for (const [request, category, drug, drugClass, body, quantity] of cases) {
    test(request, () => {
      const f = classifyRequest(request);
      assert.equal(f.category, category, `category (matched ${f.matched})`);
      assert.equal(f.drug, drug, 'drug');
      assert.equal(f.drugClass, drugClass, 'drug class');
      assert.equal(f.bodyParts.join('; '), body, 'body parts');
      if (quantity) assert.equal(formatQuantity(f.quantity), quantity, 'quantity');
    });
  }

  test('a decisive phrase wins wherever it stands; the first ordinary phrase wins over later ones', () => {
    assert.equal(classifyRequest('Physical therapy after the injection').category, 'injections');
    assert.equal(classifyRequest('Associated surgical service: post-operative physical therapy x12').category, 'surgery');
    assert.equal(classifyRequest('Spine surgery evaluation').category, 'evaluation and management');
    assert.equal(classifyRequest('Shoulder arthroscopy with evaluation under anesthesia').category, 'surgery');
    assert.equal(classifyRequest('Psychology evaluation before spinal cord stimulator').category, 'psychological services');
  });

  test('perioperative items belong to a surgery in the same letter only', () => {
    const withSurgery = classifyItems(['Right shoulder arthroscopy', 'Labs: CBC, BMP', 'EKG']);
    assert.deepEqual(withSurgery.map((f) => [f.category, f.basis]), [['surgery', 'term'], ['surgery', 'perioperative'], ['surgery', 'perioperative']]);
    const alone = classifyItems(['Labs: CBC, BMP', 'EKG']);
    assert.deepEqual(alone.map((f) => f.category), ['other', 'other']);
  });

  test('quantities: schedules, counts, dispensed amounts, lengths of time; doses, dates and levels are not quantities', () => {
    const q = (s: string) => formatQuantity(readQuantity(s));
    assert.equal(q('Physical therapy 2 times a week for 6 weeks'), '12 visits (2x6)');
    assert.equal(q('PT 2x6'), '12 visits (2x6)');
    assert.equal(q('Physical therapy twice a week for four weeks'), '8 visits (2x4)');
    assert.equal(q('Physical therapy 3 visits per week for 4 weeks'), '12 visits (3x4)');
    assert.equal(q('Twelve (12) sessions of psychotherapy'), '12 sessions');
    assert.equal(q('Chiropractic times 8'), '8');
    assert.equal(q('Biofeedback (x6)'), '6');
    assert.equal(q('Norco 10/325mg #90'), '90');
    assert.equal(q('Lidoderm 5% patches, #30'), '30 patches');
    assert.equal(q('Compound cream 240 grams'), '240 grams');
    assert.equal(q('TENS unit 30 day rental'), '30 days');
    assert.equal(q('Two month supply of Lyrica'), '2 months');
    assert.equal(q('Lumbar ESI at L4-5 and L5-S1'), '');
    assert.equal(q('MRI of the knee, DOS 12/07/2016'), '');
    assert.equal(q('Tramadol 50mg one tablet every 6 hours'), '');
    // A rate is not a count: "5 days/week" is how often, the weeks are how long.
    assert.equal(q('Home health aide 4 hours/day 5 days/week for 6 weeks'), '6 weeks');
    assert.equal(q('Home health aide 4 hours a day, 3 days a week for 6 weeks'), '6 weeks');
    assert.equal(q('Transportation to appointments 3 days/week'), '');
    assert.equal(q('Home health aide 4 hrs/day x 5 days/wk'), '');
    // "Tylenol #3" is a strength; two different counts are two requests' and neither is read.
    assert.equal(q('Tylenol #3 #60'), '60');
    assert.equal(q('Tylenol with codeine #4'), '');
    assert.equal(q('Norco 10/325 #60 and Soma 350mg #30'), '');
    assert.equal(q('Norco 10/325mg #90, #90'), '90');
    // When or how often is no length of time: "in 4 weeks", "within 2 weeks", "every 3 months".
    assert.equal(q('Follow-up visit in 4 weeks'), '');
    assert.equal(q('Re-evaluation in 4-6 weeks'), '');
    assert.equal(q('Follow up within 2 weeks'), '');
    assert.equal(q('Urine drug screen every 3 months'), '');
    assert.equal(q('Psychology visits once a month for 6 months'), '6 months');
    assert.equal(q('Physical therapy for 6 weeks'), '6 weeks');
  });

  test('never throws, and stays linear, on hostile requests', () => {
    const hostile = ['', ' ', '#'.repeat(5000), '2x'.repeat(3000), 'times '.repeat(2000), 'a '.repeat(5000) + 'mri', '\u0000\uffff\ud800', '1-'.repeat(4000), 'L4-'.repeat(3000)];
    for (const h of hostile) {
      const t = process.hrtime.bigint();
      const f = classifyRequest(h);
      assert.ok(typeof f.category === 'string');
      assert.ok(Number(process.hrtime.bigint() - t) / 1e6 < 500, `slow on ${JSON.stringify(h.slice(0, 20))}`);
    }
  });
});

describe('the request vocabulary file', () => {
  const dir = path.join(ROOT, 'server', 'knowledge', 'vocabulary');
  const schema = JSON.parse(fs.readFileSync(path.join(dir, 'request-vocabulary.schema.json'), 'utf8'));

  test('passes its JSON Schema and the loader without errors', () => {
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'request-vocabulary.json'), 'utf8'));
    assert.deepEqual(checkSchema(schema, json), []);
    assert.deepEqual(bundledVocabularyErrors(), []);
    assert.deepEqual(bundledVocabularyFile(), json);
  });

  test('read without the schema walk (as bundledVocabulary reads it), it gives what the full check gives', () => {
    const full = validateVocabulary(bundledVocabularyFile(), { bundled: true });
    assert.ok(full.file);
    assert.deepEqual(validateVocabulary(bundledVocabularyFile(), { bundled: true, trusted: true }), full);
  });

  test('every entry names its sources, every source is named in the file, every drug class exists', () => {
    const json = bundledVocabularyFile() as { sources: Record<string, unknown>; categories: { sources?: string[] }[]; drugs: { sources?: string[]; drugClass: string }[]; drugClasses: { id: string; sources?: string[] }[] };
    const named = new Set(Object.keys(json.sources));
    for (const e of [...json.categories, ...json.drugs, ...json.drugClasses]) {
      assert.ok(e.sources && e.sources.length > 0, JSON.stringify(e).slice(0, 80));
      for (const s of e.sources) assert.ok(named.has(s), s);
    }
    const classes = new Set(json.drugClasses.map((c) => c.id));
    for (const d of json.drugs) assert.ok(classes.has(d.drugClass), d.drugClass);
  });

  test('the categories are those of the DWC reports, in their order, with other last', () => {
    assert.deepEqual(
      bundledVocabulary().categories.map((c) => c.id),
      ['pharmaceuticals', 'physical therapy', 'chiropractic', 'acupuncture', 'diagnostic imaging', 'electrodiagnostics', 'surgery', 'injections', 'durable medical equipment', 'evaluation and management', 'psychological services', 'programs', 'home health', 'other'],
    );
  });

  test("a user's file extends categories, adds drugs and body parts, and its phrases win", () => {
    const user = {
      schemaVersion: 1,
      version: 'mine',
      sources: { mine: { tag: 'USER', ref: 'my notes' } },
      categories: [
        { id: 'physical therapy', terms: ['ultrasound'] },
        { id: 'telehealth', label: 'Telehealth', terms: ['telehealth', 'video visit'], sources: ['mine'] },
      ],
      drugs: [{ generic: 'newdrugamine', drugClass: 'opioid', names: ['Newbrand'], sources: ['mine'] }],
      bodyParts: [{ id: 'shoulder', terms: ['deltoid'] }],
    };
    const v = validateVocabulary(user);
    assert.deepEqual(v.errors, []);
    const merged = mergeVocabulary(bundledVocabulary(), v.file!);
    assert.equal(classifyRequest('Ultrasound 1 times 8', merged).category, 'physical therapy');
    assert.equal(classifyRequest('Ultrasound 1 times 8').category, 'diagnostic imaging', 'the bundled vocabulary is unchanged');
    assert.equal(classifyRequest('Video visit with the treating physician', merged).category, 'telehealth');
    assert.deepEqual(merged.categories.map((c) => c.id).slice(-2), ['telehealth', 'other']);
    const f = classifyRequest('Newbrand 5mg #30', merged);
    assert.deepEqual([f.category, f.drug, f.drugClass], ['pharmaceuticals', 'newdrugamine', 'opioid']);
    assert.deepEqual(classifyRequest('Deltoid injection', merged).bodyParts, ['shoulder']);
    assert.equal(classifyRequest('MRI of the knee', merged).category, 'diagnostic imaging', 'other phrases of the category stay');
  });

  test('a bad user file is reported as data, and its valid parts are kept', () => {
    for (const bad of [null, 42, 'x', [], {}, { schemaVersion: 2 }]) {
      const v = validateVocabulary(bad);
      assert.equal(v.file, null);
      assert.ok(v.errors.length > 0);
    }
    const v = validateVocabulary({
      schemaVersion: 1,
      categories: [{ id: 'physical therapy', terms: ['ok term', 42] }, { label: 'no id' }],
      drugs: [{ generic: 'x', drugClass: 'no such class', names: ['x'] }, { generic: 'gooddrug', drugClass: 'NSAID', names: ['Goodbrand'] }],
      bodyParts: [{ id: 'back', terms: ['x'], spinalLevels: ['Q'] }],
      extra: true,
    });
    const paths = v.errors.map((e) => e.path);
    assert.ok(paths.includes('categories[0].terms[1]'), paths.join(', '));
    assert.ok(paths.includes('categories[1].id'));
    assert.ok(paths.includes('drugs[0].drugClass'));
    assert.ok(paths.includes('bodyParts[0].spinalLevels[0]'));
    assert.ok(paths.includes('extra'));
    assert.deepEqual(v.file?.categories?.[0].terms, ['ok term']);
    assert.deepEqual(v.file?.drugs?.map((d) => d.generic), ['gooddrug']);
  });
});
