/**
 * A signature after the letter: a letter forwarded by e-mail or a cover note may end with the
 * sender's closing ("Thanks,", "Sincerely,", "Best regards,") and signature (a name, a title, a
 * telephone number, even a "Case Number:" line), which would otherwise be read as the end of the
 * last item's rationale. A closing on a line of its own after the issues section's heading ends
 * what the items are read from: it and the lines after it are made blank, up to the next heading,
 * block label, lead-in or item heading (what follows is read as before). An IMR letter's own text
 * has no such line: its rationales end with their conclusion.
 *
 * Linear: each line after the issues heading is looked at once.
 */
import { Kind, LetterReader } from './reader';

/** Closings of a letter or an e-mail, in lower case, as a line of their own (a comma, a period or
 *  an exclamation mark may follow). */
const CLOSINGS: ReadonlySet<string> = new Set([
  'thanks', 'thank you', 'many thanks', 'sincerely', 'sincerely yours', 'yours sincerely', 'yours truly', 'very truly yours',
  'regards', 'best regards', 'kind regards', 'warm regards', 'best', 'respectfully', 'respectfully yours', 'cordially',
]);

/** The longest closing, in characters. */
const LONGEST = Math.max(...[...CLOSINGS].map((c) => c.length));

/** Blanks a closing and the signature after it, from after the issues heading on. */
export function blankClosing(r: LetterReader): void {
  const issues = r.headings.find((h) => h.kind === 'issues');
  if (!issues) return;
  const { kinds, text } = r;
  const n = r.lines.length;
  for (let i = issues.line + 1; i < n; i++) {
    if (kinds[i] !== Kind.Text || !isClosing(text, r.cs[i], r.ce[i])) continue;
    for (let k = i; k < n && (kinds[k] === Kind.Text || kinds[k] === Kind.Blank); k++) {
      if (kinds[k] === Kind.Blank) continue;
      if (endsWithDecisionWord(text, r.cs[k], r.ce[k])) break;
      kinds[k] = Kind.Blank;
      r.blankLine(k, false);
    }
    return;
  }
}

/** Whether text[cs, ce) is a closing (`CLOSINGS`), in any case, perhaps with ",", "." or "!" after it. */
function isClosing(text: string, cs: number, ce: number): boolean {
  let end = ce;
  const last = text.charCodeAt(end - 1);
  if (last === 44 || last === 46 || last === 33) end--;
  if (end - cs < 4 || end - cs > LONGEST) return false;
  const first = text.charCodeAt(cs) | 32;
  // Every closing starts with one of these letters: most lines are not read further.
  if (first !== 116 && first !== 109 && first !== 115 && first !== 121 && first !== 118 && first !== 114 && first !== 98 && first !== 107 && first !== 119 && first !== 99) return false;
  // The line in lower case, each run of blanks one space.
  let s = '';
  let blank = false;
  for (let k = cs; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 9 || c === 0xa0) {
      blank = true;
      continue;
    }
    if (blank) s += ' ';
    blank = false;
    s += text[k];
  }
  return CLOSINGS.has(s.toLowerCase());
}

/** Whether text[cs, ce) ends with "Upheld" or "Overturned" (a period perhaps after it), in any
 *  case: an item heading, which no signature holds. */
export function endsWithDecisionWord(text: string, cs: number, ce: number): boolean {
  const end = ce > cs && text.charCodeAt(ce - 1) === 46 ? ce - 1 : ce;
  return endsWith(text, cs, end, 'upheld') || endsWith(text, cs, end, 'overturned');
}

function endsWith(text: string, cs: number, end: number, word: string): boolean {
  if (end - cs < word.length) return false;
  for (let j = 0; j < word.length; j++) if ((text.charCodeAt(end - word.length + j) | 32) !== word.charCodeAt(j)) return false;
  return true;
}
