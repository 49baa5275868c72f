/** Reads the fixture manifests: the independent ground truth for items and decisions. */
import * as fs from 'fs';
import * as path from 'path';

import { FIXTURES } from '../paths';

export { FIXTURES };

export interface ExpectedItem {
  request: string;
  decision: string;
  partial: boolean;
}

export interface ExpectedLetter {
  file: string;
  /** Absolute paths of every text version of the letter (default mode, layout mode). */
  texts: string[];
  items: ExpectedItem[];
  caseNumber: string | null;
  decisionDate: string | null;
  pdf: string | null;
}

function parseDecisions(col: string): ExpectedItem[] {
  const list = col.includes(' :: ') ? col.slice(col.indexOf(' :: ') + 4) : col;
  return list.split(' | ').map((entry) => {
    const eq = entry.lastIndexOf(' = ');
    let request = entry.slice(0, eq).trim();
    const partial = request.startsWith('[partial-auth remainder] ');
    if (partial) request = request.slice('[partial-auth remainder] '.length);
    return { request, decision: entry.slice(eq + 3).trim(), partial };
  });
}

function readTsv(file: string): Record<string, string>[] {
  const [head, ...rows] = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  const cols = head.split('\t');
  return rows.map((r) => {
    const cells = r.split('\t');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

export function loadLetters(): ExpectedLetter[] {
  const dir = path.join(FIXTURES, 'letters');
  return readTsv(path.join(dir, 'MANIFEST.tsv')).map((r) => {
    const texts = [path.join(dir, r.file)];
    const layout = path.join(dir, 'layout', r.file);
    if (fs.existsSync(layout)) texts.push(layout);
    const cn = /^CM\d{2}-\d{7}$/.test(r.case_number) ? r.case_number : null;
    const dd = /^\d\d\/\d\d\/\d{4}$/.test(r.decision_date) ? r.decision_date : null;
    return {
      file: r.file,
      texts,
      items: parseDecisions(r.decisions),
      caseNumber: cn,
      decisionDate: dd,
      pdf: r.original_pdf ? path.join(dir, r.original_pdf) : null,
    };
  });
}

export function loadSeeds(): ExpectedLetter[] {
  const dir = path.join(FIXTURES, 'seeds');
  return readTsv(path.join(dir, 'MANIFEST.tsv')).map((r) => ({
    file: r.file,
    texts: [path.join(dir, r.file)],
    items: parseDecisions(r.decisions),
    caseNumber: null,
    decisionDate: null,
    pdf: null,
  }));
}
