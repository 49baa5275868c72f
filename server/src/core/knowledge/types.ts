/**
 * The knowledge base's types: what a knowledge file holds (documents of guideline editions, their
 * entries, limits and sources) and the merged base the lookups answer from. The JSON form is
 * described by `server/knowledge/knowledge.schema.json`; `validate.ts` reads files against it.
 *
 * Confidence policy (see `server/knowledge/README.md`): bundled entries carry only facts tagged
 * LETTER, REG or WEB in the team's reference table; recalled page numbers nobody could confirm are
 * left out. An entry marked UNCONFIRMED (possible in a user's file) is never presented as fact.
 */


/** How well a fact is sourced. `USER`: supplied in the user's own knowledge file. */
export type Confidence = 'LETTER' | 'REG' | 'WEB' | 'USER' | 'UNCONFIRMED';
export const CONFIDENCES: readonly Confidence[] = ['LETTER', 'REG', 'WEB', 'USER', 'UNCONFIRMED'];
/** Confidence levels whose content may be stated as fact. */
export const STATED_CONFIDENCES: readonly Confidence[] = ['LETTER', 'REG', 'WEB', 'USER'];

export interface SourceRef {
  readonly tag: Confidence;
  /** Human-readable reference: a letter (`seed 000`, `IMR letter CM16-0241231`), a regulation, a page title. */
  readonly ref: string;
  readonly url?: string;
}

export type LimitUnit =
  | 'visits'
  | 'sessions'
  | 'treatments'
  | 'tests'
  | 'sets'
  | 'days'
  | 'working days'
  | 'weeks'
  | 'months'
  | 'mg/day MED';
export const LIMIT_UNITS: readonly LimitUnit[] = [
  'visits', 'sessions', 'treatments', 'tests', 'sets', 'days', 'working days', 'weeks', 'months', 'mg/day MED',
];

/**
 * What a limit is: `initial` and `total` are counts a request can be compared with (an initial
 * trial; the most allowed in all); `frequency` is per `per`; `duration` is how long; `threshold`
 * is a level that triggers something; `deadline` a time limit for a party.
 */
export type LimitKind = 'initial' | 'total' | 'frequency' | 'duration' | 'threshold' | 'deadline';
export const LIMIT_KINDS: readonly LimitKind[] = ['initial', 'total', 'frequency', 'duration', 'threshold', 'deadline'];

export type DurationUnit = 'days' | 'weeks' | 'months' | 'years';
export const DURATION_UNITS: readonly DurationUnit[] = ['days', 'weeks', 'months', 'years'];

/** A number a guideline states: "6 to 10 visits over 5 to 6 weeks" is min 6, max 10, over 5-6 weeks. */
export interface Limit {
  readonly kind: LimitKind;
  /** Short label in our words, e.g. "initial trial". */
  readonly label: string;
  readonly min?: number;
  readonly max: number;
  readonly unit: LimitUnit;
  /** The window the count is spread over. */
  readonly over?: { readonly min?: number; readonly max: number; readonly unit: DurationUnit };
  /** For frequencies: per what. */
  readonly per?: 'day' | 'week' | 'month' | 'year';
  /** The diagnosis or case the number applies to, e.g. "myalgia and myositis". */
  readonly condition?: string;
  /** What must be shown to reach the number, e.g. "objective functional improvement". */
  readonly requires?: string;
}

/** Where an entry sits in its document. Several keys may be combined (chapter + table + pages). */
export interface EntryLocator {
  /** Printed page range (inclusive). */
  readonly pages?: { readonly from: number; readonly to: number };
  /** Section or heading name as the guideline (or letters) name it. */
  readonly section?: string;
  /** Section number, e.g. "3.3.9" (Opioids 2016). */
  readonly sectionNumber?: string;
  /** ACOEM chapter number. */
  readonly chapter?: number;
  /** Chapter or part by name (ACOEM chapter titles, ODG chapters, "General Approaches"). */
  readonly chapterName?: string;
  readonly table?: string;
  /** Regulation section, e.g. "9792.20", or a range "9792.20-9792.26". */
  readonly regulation?: string;
  /** Regulation subdivision letter(s), e.g. "f". */
  readonly subdivision?: string;
  /** Procedure vocabulary: "Upheld", "Overturned", "appeal", "search-sequence", ... */
  readonly term?: string;
  /** A header field key (`decisionDate`, `caseNumber`, ...). */
  readonly header?: string;
}

export interface KnowledgeEntry {
  /** Unique within its document. A user entry with the same id replaces the bundled one. */
  readonly id: string;
  readonly locator: EntryLocator;
  /** Short topic name. */
  readonly topic: string;
  /** Other names letters use for the same section or topic (spelling variants included). */
  readonly aliases?: readonly string[];
  /** How letters name this part as a guideline label, e.g. "Low Back Complaints 2004". */
  readonly labels?: readonly string[];
  /** Drug names (generic and brand, e.g. "cyclobenzaprine", "Flexeril") this entry is about: when an
   *  item's request names one, the hover shows this entry before the section the letter cites. */
  readonly drugs?: readonly string[];
  /** What it says, in our own words. Empty when only the name is known. */
  readonly summary: string;
  /** True when only the name/locator is known, not what the page or section says. */
  readonly nameOnly?: boolean;
  /** Pages of this chapter are numbered on their own (ACOEM's 2007 elbow chapter). */
  readonly ownPagination?: boolean;
  readonly limits?: readonly Limit[];
  /** Other ways letters write this locator, e.g. "9792.20(ef)". */
  readonly aliasLocators?: readonly string[];
  /** ISO dates bounding when this text was in force (regulations). */
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly sources: readonly SourceRef[];
  readonly confidence: Confidence;
  /** Caveats: disagreements between sources, what is not confirmed. */
  readonly notes?: string;
}

export interface RegulationEra {
  readonly id: string;
  readonly from: string;
  readonly to?: string;
  readonly label: string;
}

export type DocumentKind = 'guideline' | 'regulation' | 'procedure';

export interface KnowledgeDocument {
  /** Guideline id, e.g. `mtus-cpmtg`, `ccr-9792`, `odg`. */
  readonly id: string;
  /** Edition key, e.g. `2009`, `2016`, `3rd`, `current`. */
  readonly edition: string;
  readonly title: string;
  readonly kind: DocumentKind;
  /** Part of the MTUS (8 CCR §§9792.20 ff.) at the time letters cite it. */
  readonly inMtus: boolean;
  readonly regulation?: string;
  readonly effective?: { readonly from?: string; readonly to?: string };
  /** How letters name the document after "Decision based on MTUS", year included when they write one. */
  readonly labels?: readonly string[];
  readonly description: string;
  readonly sources: readonly SourceRef[];
  readonly eras?: readonly RegulationEra[];
  readonly entries: readonly KnowledgeEntry[];
  /** Where the document came from (set when loaded). */
  readonly origin?: 'bundled' | 'user';
}

export interface KnowledgeFile {
  readonly $schema?: string;
  readonly schemaVersion: 1;
  /** Version of the data in this file. */
  readonly version: string;
  readonly documents: readonly KnowledgeDocument[];
}

/** The knowledge base in use: bundled documents, possibly merged with a user's file. */
export interface Knowledge {
  readonly documents: readonly KnowledgeDocument[];
  /** Data versions of the files it was built from, e.g. `mtus-cpmtg@2009 1.0.0`. */
  readonly versions: readonly string[];
}

export interface KnowledgeError {
  /** JSON path of the offending value, e.g. `documents[0].entries[3].limits[0].max`. */
  readonly path: string;
  readonly message: string;
}

export const KNOWLEDGE_SCHEMA_VERSION = 1;
