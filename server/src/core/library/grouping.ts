/**
 * How the Letters view groups the library: by case, decision, guideline cited, reviewer
 * specialty or decision month. Each grouper gives the keys of an item (an item may fall in several
 * groups: two guidelines cited, two specialties); a letter with no items is grouped by its own
 * facts (`item` null).
 *
 * To add a way of grouping (request categories, for example), add a `Grouper` to `GROUPERS`: the
 * server lists them to the client, and the view offers every one, with no client change.
 */
import { categoryLabel, classifyItems } from '../categories/classify';
import type { LibraryItem, LibraryLetter } from './entries';

export interface GroupKey {
  /** Stable key (sorting and identity). */
  readonly key: string;
  /** What people read. */
  readonly label: string;
}

export interface Grouper {
  readonly id: string;
  /** Shown in the view's "Group by" choice. */
  readonly label: string;
  /** The groups an item (or, with `item` null, a letter without items) belongs to. */
  keys(letter: LibraryLetter, item: LibraryItem | null): readonly GroupKey[];
  /** Group order: by key, by key newest first (months), or by size, largest first. */
  readonly order: 'key' | 'key-desc' | 'size';
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const NONE = (label: string): GroupKey => ({ key: '\uffff', label });

const GROUPERS_LIST: Grouper[] = [
  {
    id: 'case',
    label: 'Case number',
    order: 'key',
    keys: (l) => [l.caseNumber ? { key: l.identity.caseNumber ?? l.caseNumber, label: l.caseNumber } : NONE('No case number')],
  },
  {
    id: 'decision',
    label: 'Decision',
    order: 'key',
    keys: (_l, item) => [
      item?.decision === 'Overturned'
        ? { key: '1', label: 'Overturned' }
        : item?.decision === 'Upheld'
          ? { key: '2', label: 'Upheld' }
          : { key: '3', label: 'No decision' },
    ],
  },
  {
    id: 'guideline',
    label: 'Guideline cited',
    order: 'size',
    keys: (_l, item) => (item && item.guidelines.length ? item.guidelines.map((g) => ({ key: g, label: g })) : [NONE('No guideline cited')]),
  },
  {
    id: 'specialty',
    label: 'Reviewer specialty',
    order: 'size',
    keys: (l) => (l.specialties.length ? l.specialties.map((s) => ({ key: s.toLowerCase(), label: s })) : [NONE('Specialty not stated')]),
  },
  {
    id: 'month',
    label: 'Decision month',
    order: 'key-desc',
    keys: (l) => {
      const m = l.decisionDate ? /^(\d{4})-(\d{2})/.exec(l.decisionDate) : null;
      // '0' sorts after every year in newest-first order.
      return [m ? { key: `${m[1]}-${m[2]}`, label: `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` } : { key: '0', label: 'No decision date' }];
    },
  },
];

/** Each letter's item categories, read once (in the letter's context: perioperative items of a surgery). */
const categories = new WeakMap<LibraryLetter, readonly string[]>();
function categoryOf(letter: LibraryLetter, item: LibraryItem): string {
  let list = categories.get(letter);
  if (!list) {
    list = classifyItems(letter.items.map((it) => it.request)).map((f) => f.category);
    categories.set(letter, list);
  }
  return list[letter.items.indexOf(item)] ?? 'other';
}

GROUPERS_LIST.push({
  id: 'category',
  label: 'Request category',
  order: 'size',
  keys: (l, item) => {
    if (!item) return [NONE('No disputed item')];
    const c = categoryOf(l, item);
    return [{ key: c, label: categoryLabel(c) }];
  },
});

export const GROUPERS: readonly Grouper[] = GROUPERS_LIST;

export function grouperById(id: string, groupers: readonly Grouper[] = GROUPERS): Grouper {
  return groupers.find((g) => g.id === id) ?? groupers[0];
}
