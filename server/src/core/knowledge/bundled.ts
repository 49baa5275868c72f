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

let bundled: { kb: Knowledge; errors: KnowledgeError[] } | null = null;

/** The bundled knowledge base, validated once. Invalid parts are dropped (and caught by the tests). */
export function bundledKnowledge(): Knowledge {
  return loadBundled().kb;
}

/** Validation errors in the bundled files (empty when the data is sound). */
export function bundledKnowledgeErrors(): readonly KnowledgeError[] {
  return loadBundled().errors;
}

function loadBundled(): { kb: Knowledge; errors: KnowledgeError[] } {
  if (bundled) return bundled;
  const documents: KnowledgeDocument[] = [];
  const versions: string[] = [];
  const errors: KnowledgeError[] = [];
  for (const f of BUNDLED_FILES) {
    const v = validateKnowledge(f.json);
    for (const e of v.errors) errors.push({ path: `${f.name}: ${e.path}`, message: e.message });
    if (!v.file) continue;
    for (const d of v.file.documents) {
      documents.push({ ...d, origin: 'bundled' });
      versions.push(`${d.id}@${d.edition} ${v.file.version}`);
    }
  }
  bundled = { kb: { documents, versions }, errors };
  return bundled;
}

// ------------------------------------------------------------------------------------------ validation
