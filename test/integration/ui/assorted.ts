/**
 * The folder of the UI checks that share the development workbench SHARED.assorted: completion
 * types into a draft letter, hover points at a citation in a 2013-2015 seed letter, pdf-error
 * opens a damaged PDF from the Explorer. Each needs a file of its own and nothing of the others'
 * (no check counts the folder's letters), so one folder holds the three files and one workbench
 * serves the three checks instead of three. Made once per process under the temp folder (tempDir);
 * each workbench opens a copy of it (run-integration.mjs), so the draft typed into is the copy's.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES } from '../../paths';
import { tempDir } from '../../temp';

/** completion.check.ts: a copy of a real letter whose first MAXIMUS guideline is cut back to its label. */
export const DRAFT = 'draft.imr';
const DRAFT_LETTER = path.join(FIXTURES, 'letters', '2017_format1b_CM16-0238035.txt');
const MAXIMUS_LINE = 'MAXIMUS guideline: Decision based on MTUS Shoulder Complaints 2004, Section(s):\nSurgical Considerations.';
export const MAXIMUS_LABEL = 'MAXIMUS guideline: ';

/** hover.check.ts: a seed letter (the seeds' manifest names it). */
export const SEED_LETTER = '000_b6b425ba94267f2e.txt';

/** pdf-error.check.ts: a PDF cut short (test/fixtures/bad-pdf). */
export const DAMAGED_PDF = 'truncated.pdf';

let made: { folder: string; draftLine: number } | undefined;

/** The folder, and the line (1-based) of the draft's MAXIMUS guideline label, cut back to it. */
export function assortedFolder(): { folder: string; draftLine: number } {
  if (made && fs.existsSync(made.folder)) return made;
  const text = fs.readFileSync(DRAFT_LETTER, 'utf8');
  if (!text.includes(MAXIMUS_LINE)) throw new Error(`${path.basename(DRAFT_LETTER)} no longer has "${MAXIMUS_LINE}"`);
  const draft = text.replace(MAXIMUS_LINE, MAXIMUS_LABEL);
  const folder = tempDir('imr-ui-assorted-');
  fs.writeFileSync(path.join(folder, DRAFT), draft);
  fs.copyFileSync(path.join(FIXTURES, 'seeds', SEED_LETTER), path.join(folder, SEED_LETTER));
  fs.copyFileSync(path.join(FIXTURES, 'bad-pdf', DAMAGED_PDF), path.join(folder, DAMAGED_PDF));
  made = { folder, draftLine: draft.slice(0, draft.indexOf(MAXIMUS_LABEL)).split('\n').length };
  return made;
}
