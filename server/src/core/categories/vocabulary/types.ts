/** The request vocabulary's types: the file format (as the schema describes it) and the compiled index. */
import type { PhraseIndex } from './words';


export type VocabularyTag = 'LETTER' | 'REG' | 'WEB' | 'USER';

export interface VocabularySource {
  readonly tag: VocabularyTag;
  readonly ref: string;
  readonly url?: string;
}

export interface CategoryDef {
  /** The value written in records, e.g. `physical therapy`. */
  readonly id: string;
  /** How people read it, e.g. `Surgery and associated surgical services`. */
  readonly label: string;
  readonly description?: string;
  /** Phrases that decide the category wherever they stand in the request. */
  readonly decisiveTerms?: readonly string[];
  /** Phrases that decide the category when no earlier phrase decided another. */
  readonly terms?: readonly string[];
  /** Phrases that decide only when no decisive or ordinary phrase is found. */
  readonly weakTerms?: readonly string[];
  /** Word endings (`ectomy`) that count as an ordinary phrase of this category. */
  readonly suffixes?: readonly string[];
  /** In a user's file: replace the bundled phrase lists of this category instead of adding to them. */
  readonly replaceTerms?: boolean;
  readonly sources?: readonly string[];
}

export interface DrugClassDef {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** The class stays as it is when the drug is a patch (opioid patches are opioids). */
  readonly keepInPatch?: boolean;
  readonly sources?: readonly string[];
}

export interface DrugDef {
  /** Unique key; defaults to `generic`. A user entry with the same key replaces the bundled one. */
  readonly id?: string;
  /** Generic name in lower case; ingredients of a combination joined with `/`. */
  readonly generic: string;
  readonly drugClass: string;
  /** Brand and generic names as requests write them (case does not matter). */
  readonly names: readonly string[];
  readonly sources?: readonly string[];
}

export interface BodyPartDef {
  readonly id: string;
  readonly terms: readonly string[];
  /** Spinal level letters (`C`, `T`, `L`, `S`) whose levels (`C5-6`, `L4`) name this part. */
  readonly spinalLevels?: readonly string[];
  /** Parts this one is the general name of: dropped when one of them is named too. */
  readonly generalOf?: readonly string[];
}

export interface VocabularyFile {
  readonly $schema?: string;
  readonly schemaVersion: 1;
  readonly version?: string;
  readonly description?: string;
  readonly sources?: Readonly<Record<string, VocabularySource>>;
  readonly categories?: readonly CategoryDef[];
  /** Phrases that make an item part of a surgery when another item of the same letter is one. */
  readonly perioperativeTerms?: readonly string[];
  readonly drugClasses?: readonly DrugClassDef[];
  /** Words that make a drug request topical or compounded (cream, gel, compound, ...). */
  readonly topicalTerms?: readonly string[];
  /** Words that make a drug request a patch. */
  readonly patchTerms?: readonly string[];
  readonly drugs?: readonly DrugDef[];
  readonly bodyParts?: readonly BodyPartDef[];
}

export interface VocabularyError {
  /** JSON path of the offending value, e.g. `drugs[3].names[0]`. */
  readonly path: string;
  readonly message: string;
}

/** What a phrase in the index stands for. */
export type PhraseTarget =
  | { readonly kind: 'category'; readonly category: string; readonly strength: Strength }
  | { readonly kind: 'drug'; readonly drug: DrugDef };

/** 0: decisive, 1: ordinary, 2: weak. */
export type Strength = 0 | 1 | 2;

/** A compiled vocabulary: the definitions, and phrase indexes the classifier uses. */
export interface Vocabulary {
  readonly version: string;
  readonly sources: Readonly<Record<string, VocabularySource>>;
  readonly categories: readonly CategoryDef[];
  readonly drugClasses: readonly DrugClassDef[];
  readonly drugs: readonly DrugDef[];
  readonly bodyParts: readonly BodyPartDef[];
  /** Category and drug phrases. */
  readonly phrases: PhraseIndex<PhraseTarget>;
  readonly bodyPhrases: PhraseIndex<BodyPartDef>;
  readonly topical: PhraseIndex<true>;
  readonly patch: PhraseIndex<true>;
  readonly perioperative: PhraseIndex<true>;
  /** Word endings per category, longest first. */
  readonly suffixes: readonly { readonly suffix: string; readonly category: string }[];
  /** Spinal level letter (lower case) to body part id. */
  readonly spinalLevels: ReadonlyMap<string, string>;
  readonly categoryById: ReadonlyMap<string, CategoryDef>;
  readonly drugClassById: ReadonlyMap<string, DrugClassDef>;
}

export const VOCABULARY_SCHEMA_VERSION = 1;
/** The category of a request no phrase recognises. */
export const OTHER_CATEGORY = 'other';
/** The drug class of topical and compounded drugs. */
export const TOPICAL_CLASS = 'topical/compound';

