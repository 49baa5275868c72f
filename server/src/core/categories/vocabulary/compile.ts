/**
 * From a vocabulary file to the compiled vocabulary: the phrase indexes the classifier reads, and a
 * user's file merged over the bundled one.
 */
import { BodyPartDef, CategoryDef, DrugDef, OTHER_CATEGORY, PhraseTarget, Vocabulary, VocabularyFile, VocabularySource } from './types';
import { clean } from './validate';
import { PhraseIndex } from './words';


const union = (a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined =>
  a || b ? [...new Set([...(a ?? []), ...(b ?? [])])] : undefined;

/**
 * A user's file over the bundled vocabulary. Categories, drug classes and body parts with the id
 * of a bundled one extend it (their phrases are added; label and description replace; with
 * `replaceTerms` the category's phrase lists are replaced); a drug with the key of a bundled one
 * replaces it. New entries are added (new categories before `other`). A phrase the user gives to
 * a category, drug or body part is taken away from every other one, so the user's word wins.
 */
export function mergeVocabulary(base: Vocabulary, user: VocabularyFile): Vocabulary {
  const userCats = user.categories ?? [];
  const categories: CategoryDef[] = base.categories.map((b) => {
    const u = userCats.find((x) => x.id === b.id);
    if (!u) return b;
    const pick = (k: 'decisiveTerms' | 'terms' | 'weakTerms' | 'suffixes') => (u.replaceTerms ? (u[k] ?? []) : union(b[k], u[k]));
    return clean({
      ...b,
      label: u.label && u.label !== u.id ? u.label : b.label,
      description: u.description ?? b.description,
      decisiveTerms: pick('decisiveTerms'),
      terms: pick('terms'),
      weakTerms: pick('weakTerms'),
      suffixes: pick('suffixes'),
      sources: union(b.sources, u.sources),
      replaceTerms: undefined,
    });
  });
  const added = userCats.filter((u) => !base.categoryById.has(u.id)).map((u) => clean({ ...u, replaceTerms: undefined }));
  const otherAt = categories.findIndex((x) => x.id === OTHER_CATEGORY);
  categories.splice(otherAt < 0 ? categories.length : otherAt, 0, ...added);

  const drugClasses = [...base.drugClasses];
  for (const u of user.drugClasses ?? []) {
    const at = drugClasses.findIndex((x) => x.id === u.id);
    if (at >= 0) drugClasses[at] = { ...drugClasses[at], ...u };
    else drugClasses.push(u);
  }
  const key = (d: DrugDef) => d.id ?? d.generic;
  const drugs = [...base.drugs];
  for (const u of user.drugs ?? []) {
    const at = drugs.findIndex((x) => key(x) === key(u));
    if (at >= 0) drugs[at] = u;
    else drugs.push(u);
  }
  const bodyParts = base.bodyParts.map((b) => {
    const u = (user.bodyParts ?? []).find((x) => x.id === b.id);
    return u ? clean({ ...b, terms: union(b.terms, u.terms) ?? [], spinalLevels: union(b.spinalLevels, u.spinalLevels), generalOf: union(b.generalOf, u.generalOf) }) : b;
  });
  for (const u of user.bodyParts ?? []) if (!bodyParts.some((b) => b.id === u.id)) bodyParts.push(u);

  const userSources: Record<string, VocabularySource> = {};
  for (const [k, s] of Object.entries(user.sources ?? {})) userSources[k] = s;
  const merged = compileVocabulary(
    {
      schemaVersion: 1,
      version: user.version ? `${base.version}+${user.version}` : `${base.version}+user`,
      sources: { ...base.sources, ...userSources },
      categories,
      perioperativeTerms: union(base.perioperative.list(), user.perioperativeTerms),
      drugClasses,
      topicalTerms: union(base.topical.list(), user.topicalTerms),
      patchTerms: union(base.patch.list(), user.patchTerms),
      drugs,
      bodyParts,
    },
    user,
  );
  return merged;
}


/**
 * Builds the phrase indexes. Phrases are added in list order, so when two categories list the same
 * phrase the later one has it; `userFile`'s phrases are added last and removed from everything
 * else first, so the user's word wins.
 */
export function compileVocabulary(file: VocabularyFile, userFile?: VocabularyFile): Vocabulary {
  const categories = file.categories ?? [];
  const drugs = file.drugs ?? [];
  const bodyParts = file.bodyParts ?? [];
  const phrases = new PhraseIndex<PhraseTarget>();
  const bodyPhrases = new PhraseIndex<BodyPartDef>();
  // A drug's generic name points to its main entry (the one without an id of its own); a variant
  // (Lidoderm: lidocaine as a patch) is found by its names only.
  for (const d of drugs) if (d.id === undefined) phrases.add(d.generic, { kind: 'drug', drug: d });
  for (const d of drugs) for (const n of d.names) phrases.add(n, { kind: 'drug', drug: d });
  const addCategory = (cat: CategoryDef) => {
    for (const t of cat.weakTerms ?? []) phrases.add(t, { kind: 'category', category: cat.id, strength: 2 });
    for (const t of cat.terms ?? []) phrases.add(t, { kind: 'category', category: cat.id, strength: 1 });
    for (const t of cat.decisiveTerms ?? []) phrases.add(t, { kind: 'category', category: cat.id, strength: 0 });
  };
  for (const cat of categories) addCategory(cat);
  for (const b of bodyParts) for (const t of b.terms) bodyPhrases.add(t, b);
  if (userFile) {
    // The user's phrases win: add them again last (a later phrase replaces an earlier one).
    for (const cat of userFile.categories ?? []) {
      const merged = categories.find((x) => x.id === cat.id);
      if (merged) addCategory({ ...merged, decisiveTerms: cat.decisiveTerms, terms: cat.terms, weakTerms: cat.weakTerms });
    }
    for (const d of userFile.drugs ?? []) for (const n of d.id === undefined ? [d.generic, ...d.names] : d.names) phrases.add(n, { kind: 'drug', drug: d });
    for (const b of userFile.bodyParts ?? []) {
      const merged = bodyParts.find((x) => x.id === b.id) ?? b;
      for (const t of b.terms) bodyPhrases.add(t, merged);
    }
  }
  const setOf = (list: readonly string[] | undefined) => {
    const idx = new PhraseIndex<true>();
    for (const t of list ?? []) idx.add(t, true);
    return idx;
  };
  const suffixes = categories
    .flatMap((cat) => (cat.suffixes ?? []).map((s) => ({ suffix: s.toLowerCase(), category: cat.id })))
    .sort((a, b) => b.suffix.length - a.suffix.length);
  const spinalLevels = new Map<string, string>();
  for (const b of bodyParts) for (const l of b.spinalLevels ?? []) spinalLevels.set(l.toLowerCase(), b.id);
  return {
    version: file.version ?? '0',
    sources: file.sources ?? {},
    categories,
    drugClasses: file.drugClasses ?? [],
    drugs,
    bodyParts,
    phrases,
    bodyPhrases,
    topical: setOf(file.topicalTerms),
    patch: setOf(file.patchTerms),
    perioperative: setOf(file.perioperativeTerms),
    suffixes,
    spinalLevels,
    categoryById: new Map(categories.map((x) => [x.id, x])),
    drugClassById: new Map((file.drugClasses ?? []).map((x) => [x.id, x])),
  };
}
