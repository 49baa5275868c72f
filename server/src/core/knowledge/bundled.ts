/**
 * The bundled knowledge base: one JSON file per guideline edition (`server/knowledge/*.json`),
 * validated once when first used. Invalid parts are dropped here and caught by the tests.
 */
import ccr9792 from '../../../knowledge/ccr-title8-9792.json';
import imrProcedure from '../../../knowledge/imr-procedure.json';
import acoem2004 from '../../../knowledge/mtus-acoem-2004.json';
import acupuncture2007 from '../../../knowledge/mtus-acupuncture-2007.json';
import cpmtg2009 from '../../../knowledge/mtus-cpmtg-2009.json';
import cpmtg2016 from '../../../knowledge/mtus-cpmtg-2016.json';
import opioids2016 from '../../../knowledge/mtus-opioids-2016.json';
import postsurgical2009 from '../../../knowledge/mtus-postsurgical-2009.json';
import nonMtus from '../../../knowledge/non-mtus.json';
import type { Knowledge, KnowledgeDocument, KnowledgeError } from './types';
import { validateKnowledge } from './validate';

const BUNDLED_FILES: readonly { name: string; json: unknown }[] = [
  { name: 'mtus-cpmtg-2009.json', json: cpmtg2009 },
  { name: 'mtus-cpmtg-2016.json', json: cpmtg2016 },
  { name: 'mtus-opioids-2016.json', json: opioids2016 },
  { name: 'mtus-acoem-2004.json', json: acoem2004 },
  { name: 'mtus-acupuncture-2007.json', json: acupuncture2007 },
  { name: 'mtus-postsurgical-2009.json', json: postsurgical2009 },
  { name: 'ccr-title8-9792.json', json: ccr9792 },
  { name: 'non-mtus.json', json: nonMtus },
  { name: 'imr-procedure.json', json: imrProcedure },
];

/** The bundled files as shipped (for tests and for tools that list them). */
export function bundledKnowledgeFiles(): readonly { name: string; json: unknown }[] {
  return BUNDLED_FILES;
}

let bundled: Knowledge | null = null;
let bundledErrors: KnowledgeError[] | null = null;

/**
 * The bundled knowledge base, read once. The files are not walked with their schema here: the
 * tests check them (`bundledKnowledgeErrors`), and the walk was most of a worker thread's start.
 */
export function bundledKnowledge(): Knowledge {
  if (bundled) return bundled;
  const documents: KnowledgeDocument[] = [];
  const versions: string[] = [];
  for (const f of BUNDLED_FILES) {
    const v = validateKnowledge(f.json, { trusted: true });
    if (!v.file) continue;
    for (const d of v.file.documents) {
      documents.push({ ...d, origin: 'bundled' });
      versions.push(`${d.id}@${d.edition} ${v.file.version}`);
    }
  }
  return (bundled = { documents, versions });
}

/** Validation errors in the bundled files, their schema included (empty when the data is sound; the tests check). */
export function bundledKnowledgeErrors(): readonly KnowledgeError[] {
  if (bundledErrors) return bundledErrors;
  const errors: KnowledgeError[] = [];
  for (const f of BUNDLED_FILES) for (const e of validateKnowledge(f.json).errors) errors.push({ path: `${f.name}: ${e.path}`, message: e.message });
  return (bundledErrors = errors);
}

// ------------------------------------------------------------------------------------------ validation
