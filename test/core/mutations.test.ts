/**
 * Mutation tests: every real fixture letter (seeds, default-mode and layout-mode letters, single-
 * and multi-item, partial authorizations, wrapped decisions) is damaged one way at a time, at every
 * site where that damage applies, and must raise the right diagnostic on the right line while every
 * other diagnostic stays as it was (see mutations-helpers.ts for what each mutation may change).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLetter } from '../../server/src/core';
import { diagnose, Diagnostic } from '../../server/src/core/diagnostics';
import { fixtureTexts, FixtureText } from './corpus';
import { loadLetters, loadSeeds } from './manifest';
import {
  applyEdits, compare, dateMutations, decisionMutations, decisionSites, headingMutations, headingSites,
  labelMutations, labelSites, Mutation, MutationKind,
} from './mutations-helpers';

/** Manifest item counts by fixture name, to check the raw-text site finder against ground truth. */
function manifestCounts(): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of loadLetters()) {
    out.set(`letters/${l.file}`, l.items.length);
    out.set(`letters/layout/${l.file}`, l.items.length);
  }
  for (const s of loadSeeds()) out.set(`seeds/${s.file}`, s.items.length);
  return out;
}

const letters = fixtureTexts().filter((f) => !f.name.includes('format0'));
const counts = manifestCounts();

interface Outcome {
  applied: number;
  failures: string[];
}

function run(f: FixtureText, kind: MutationKind): Outcome {
  const text = f.text;
  const before = diagnose(parseLetter(text), text);
  const sites = decisionSites(text);
  let mutations: Mutation[];
  switch (kind) {
    case 'delete-decision':
    case 'flip-decision':
    case 'misspell-decision':
      mutations = decisionMutations(text, sites).filter((m) => m.kind === kind);
      break;
    case 'delete-block-label':
      mutations = labelMutations(text, labelSites(text), sites);
      break;
    case 'delete-section-heading':
      mutations = headingMutations(text, headingSites(text));
      break;
    case 'swap-dates':
      mutations = dateMutations(text, parseLetter(text), 'neighbours');
      break;
  }
  const failures: string[] = [];
  for (let m of mutations) {
    if (m.kind === 'flip-decision') {
      // A rationale whose conclusion cannot be found cannot contradict anything: then the flip
      // must change nothing at all.
      const unknown = before.some((d) => d.code === 'rationale-conclusion-not-found' && d.data?.item === m.item);
      if (unknown) m = { ...m, expected: [] };
    }
    const mutated = applyEdits(text, m.edits);
    const after: Diagnostic[] = diagnose(parseLetter(mutated), mutated);
    const c = compare(before, after, mutated, m);
    if (c.missing.length || c.added.length || c.lost.length) {
      failures.push(
        `${f.name}: ${m.description}\n` +
          c.missing.map((e) => `    missing ${e.code} on line ${e.line + 1}\n`).join('') +
          c.added.map((k) => `    added   ${k}\n`).join('') +
          c.lost.map((k) => `    lost    ${k}\n`).join(''),
      );
    }
  }
  return { applied: mutations.length, failures };
}

describe('mutations of real letters', () => {
  test('the raw-text site finder sees one decision word per manifest item', () => {
    for (const f of letters) {
      assert.equal(decisionSites(f.text).length, counts.get(f.name), f.name);
    }
  });

  const kinds: MutationKind[] = [
    'delete-decision',
    'flip-decision',
    'misspell-decision',
    'delete-block-label',
    'delete-section-heading',
    'swap-dates',
  ];
  for (const kind of kinds) {
    test(`${kind}: the right diagnostic on the right line, nothing else changes`, () => {
      let applied = 0;
      const failures: string[] = [];
      for (const f of letters) {
        const r = run(f, kind);
        applied += r.applied;
        failures.push(...r.failures);
      }
      // Every letter offers at least one site for each mutation (dates: the F1b letters).
      assert.ok(applied >= (kind === 'swap-dates' ? 150 : letters.length), `only ${applied} ${kind} mutations applied`);
      assert.equal(failures.length, 0, `${failures.length} of ${applied} mutations failed:\n${failures.slice(0, 15).join('')}`);
    });
  }

  test('swap-dates, dates further apart: both swapped dates are reported, nothing else changes', () => {
    let applied = 0;
    const failures: string[] = [];
    for (const f of letters) {
      const before = diagnose(parseLetter(f.text), f.text);
      for (const m of dateMutations(f.text, parseLetter(f.text), 'apart')) {
        applied++;
        const mutated = applyEdits(f.text, m.edits);
        const c = compare(before, diagnose(parseLetter(mutated), mutated), mutated, m);
        if (c.missing.length || c.added.length || c.lost.length) failures.push(`${f.name}: ${m.description} ${JSON.stringify(c)}\n`);
      }
    }
    assert.ok(applied >= 300, `only ${applied} swaps`);
    assert.equal(failures.length, 0, failures.slice(0, 10).join(''));
  });

  test('a flipped decision is caught as a contradiction in every item whose rationale states its outcome', () => {
    let flips = 0;
    let caught = 0;
    for (const f of letters) {
      const before = diagnose(parseLetter(f.text), f.text);
      for (const m of decisionMutations(f.text, decisionSites(f.text)).filter((x) => x.kind === 'flip-decision')) {
        flips++;
        const mutated = applyEdits(f.text, m.edits);
        const after = diagnose(parseLetter(mutated), mutated);
        const known = !before.some((d) => d.code === 'rationale-conclusion-not-found' && d.data?.item === m.item);
        const raised = after.some((d) => d.code === 'rationale-contradicts-decision' && d.data?.item === m.item);
        assert.equal(raised, known, `${f.name}: ${m.description}`);
        if (raised) caught++;
      }
    }
    // Only seed 002's cut-off rationale has no conclusion.
    assert.equal(flips - caught, 1);
    assert.ok(caught > 400, `${caught} of ${flips}`);
  });
});
