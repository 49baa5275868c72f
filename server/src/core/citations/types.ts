/**
 * What a letter cites: guideline pages, sections and regulations, each with the source spans a
 * hover needs. Produced by `scan.ts`, explained by `resolve.ts`, put in words by `render.ts`.
 */
import type { BlockKind, Span } from '../types';

export type CitationKind = 'page' | 'section' | 'regulation' | 'guideline' | 'non-mtus';
export type CitationBlock = BlockKind | 'other';

interface LocatorBase {
  /** The locator as written (normalised). */
  readonly text: string;
  readonly span: Span;
}

/** A page or page range. `from`/`to` are null for supplement pages such as "S1-20". */
export interface PageLocator extends LocatorBase {
  readonly kind: 'page';
  readonly from: number | null;
  readonly to: number | null;
  /** ACOEM table the page is given with ("12-8"). */
  readonly table: string | null;
}

/** A section or heading name; `number` for numbered sections ("3.3.9"). */
export interface SectionLocator extends LocatorBase {
  readonly kind: 'section';
  readonly name: string;
  readonly number: string | null;
}

/** A regulation reference: `9792.20(f)`, `9792.21.1(d)(1)`, `9792.20 - 9792.26`. */
export interface RegulationLocator extends LocatorBase {
  readonly kind: 'regulation';
  readonly section: string;
  readonly subdivision: string | null;
  readonly paragraph: string | null;
  readonly through: string | null;
}

/** A topic named in a non-MTUS citation ("Low Back Chapter, Preoperative lab testing"). */
export interface TopicLocator extends LocatorBase {
  readonly kind: 'topic';
  readonly name: string;
}

export type Locator = PageLocator | SectionLocator | RegulationLocator | TopicLocator;

export interface Citation {
  readonly kind: CitationKind;
  /** The whole citation, guideline name included. */
  readonly span: Span;
  /** Knowledge-base document id: `mtus-cpmtg`, `mtus-opioids`, `mtus-acoem`, `mtus-acupuncture`,
   *  `mtus-postsurgical`, `ccr-9792`, `odg`, `acoem-3`, `acoem-other`, `non-mtus-other`,
   *  `mtus-unknown` (an MTUS label the knowledge base does not know) or `unknown`. */
  readonly guideline: string;
  /** Edition key (`2009`, `2016`, `2004`, `2007`, `3rd`, `current`); for regulations the era id
   *  the reference is read in (`2009`, `2015`, `2016`, ...); `unknown` when it cannot be told. */
  readonly edition: string;
  /** Why this edition: what in the letter decided it. */
  readonly editionBasis: string;
  /** The guideline as written ("Chronic Pain Medical Treatment 2016", "ACOEM Chapter 15"). */
  readonly label: string | null;
  /** ACOEM chapter, when the citation names one. */
  readonly chapter: { readonly number: number | null; readonly name: string | null } | null;
  /** The topic as the letter writes it, when it writes one. */
  readonly topic: string | null;
  readonly locators: readonly Locator[];
  /** The spans of `locators`, in order. */
  readonly locatorSpans: readonly Span[];
  readonly block: CitationBlock;
  /** Index of the item the citation is in, or null outside items. */
  readonly itemIndex: number | null;
  /** A version date written in the citation ("(July 28, 2016)"), ISO; null when none. */
  readonly date: string | null;
}
