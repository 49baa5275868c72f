/**
 * What the hover on an item heading says about its request: category, drug and class, body parts,
 * quantity, each as a labelled line in plain words.
 */
import { categoryLabel, drugClassLabel, RequestFacts } from './classify';
import { formatQuantity } from './quantity';
import type { Vocabulary } from './vocabulary';

export interface FactLine {
  readonly label: string;
  readonly value: string;
}

const BASIS: Record<RequestFacts['basis'], string> = {
  decisive: 'by the words',
  term: 'by the words',
  weak: 'by the words',
  perioperative: 'as part of the surgery in this letter, by the words',
  default: '',
};

/** The lines, in order; the category line always, the others when the request states them. */
export function describeRequestFacts(facts: RequestFacts, vocabulary: Vocabulary): FactLine[] {
  const lines: FactLine[] = [];
  const how = facts.matched ? ` (${BASIS[facts.basis]} "${facts.matched}")` : ' (no word of the request vocabulary found)';
  lines.push({ label: 'Category', value: `${categoryLabel(facts.category, vocabulary)}${how}` });
  if (facts.drug || facts.drugClass) {
    lines.push({ label: 'Drug', value: [facts.drug ?? 'not named in the vocabulary', facts.drugClass ? drugClassLabel(facts.drugClass, vocabulary) : null].filter(Boolean).join(' · ') });
  }
  if (facts.bodyParts.length) lines.push({ label: facts.bodyParts.length > 1 ? 'Body parts' : 'Body part', value: facts.bodyParts.join(', ') });
  if (facts.quantity) lines.push({ label: 'Quantity', value: `${formatQuantity(facts.quantity)} (from "${facts.quantity.text}")` });
  return lines;
}
