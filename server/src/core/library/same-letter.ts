/**
 * Are two identities (`identity.ts`) the same letter? The careful rule `groupLetters` applies to
 * every pair of sources it may put together. Pure: no I/O, never throws.
 */
import type { IdentityItem, LetterIdentity } from './identity';

export interface Match {
  readonly same: boolean;
  /** Why, in words: what agreed, or what told the two apart. */
  readonly reason: string;
}

/** Two requests read by different tools are the same request when this close (bigram Dice). */
const REQUEST_SIMILARITY = 0.9;

/**
 * Are two identities the same letter? The rule, careful by design:
 *  1. Anything both have that differs tells them apart: the case number, the decision date, any
 *     other header date, or the items (a different count, a different decision where both read
 *     one, or a request less than 90% alike), except that a copy whose items are a leading part
 *     of the other's (a cut-off copy) or that has no item at all is not told apart by its items.
 *  2. Then they are the same letter when the case number and the decision date agree; or the case
 *     number agrees and the items are equal; or, with no case number to compare, the decision date
 *     does not disagree, the items are equal and every item's rationale is the same text.
 *  Otherwise they are kept apart.
 */
export function sameLetter(a: LetterIdentity, b: LetterIdentity): Match {
  if (a.caseNumber && b.caseNumber && a.caseNumber !== b.caseNumber) return no('different case numbers');
  if (a.decisionDate && b.decisionDate && a.decisionDate !== b.decisionDate) return no('different decision dates');
  for (let i = 0; i < Math.min(a.otherDates.length, b.otherDates.length); i++) {
    const x = a.otherDates[i];
    const y = b.otherDates[i];
    if (x && y && x !== y) return no('different header dates');
  }
  const rel = itemsRelation(a.items, b.items);
  if (rel === 'different') return no('different items');
  const caseAgrees = a.caseNumber !== null && a.caseNumber === b.caseNumber;
  const dateAgrees = a.decisionDate !== null && a.decisionDate === b.decisionDate;
  if (caseAgrees && dateAgrees) return yes(`same case number and decision date${rel === 'equal' ? ' and items' : ''}`);
  if (caseAgrees && rel === 'equal') return yes('same case number and items');
  if (!caseAgrees && rel === 'equal' && a.items.length > 0) {
    const rationalesAgree = a.items.every((it, i) => it.rationale !== '' && it.rationale === b.items[i].rationale);
    if (rationalesAgree) return yes(`same items and rationales${dateAgrees ? ' and decision date' : ''}, no case number to compare`);
  }
  return no('not enough in common to tell they are the same letter');
}

function yes(reason: string): Match {
  return { same: true, reason };
}
function no(reason: string): Match {
  return { same: false, reason };
}

/** `equal` (same count, every item alike), `prefix` (one is a leading part, or empty), `different`. */
export function itemsRelation(a: readonly IdentityItem[], b: readonly IdentityItem[]): 'equal' | 'prefix' | 'different' {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x.decision !== '?' && y.decision !== '?' && x.decision !== y.decision) return 'different';
    if (x.request !== y.request && similarity(x.request, y.request) < REQUEST_SIMILARITY) return 'different';
  }
  return a.length === b.length ? 'equal' : 'prefix';
}

/** Dice coefficient of the character bigrams of two strings (1 = identical multisets). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  // Requests are short (a heading); cap the work for pathological input.
  const x = a.slice(0, 2000);
  const y = b.slice(0, 2000);
  const counts = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const c = counts.get(g) ?? 0;
    if (c > 0) {
      common++;
      counts.set(g, c - 1);
    }
  }
  return (2 * common) / (x.length - 1 + (y.length - 1));
}
