/**
 * Hover on a cited regulation (8 CCR §9792.x): its meaning in force at the letter's date, the
 * other periods' meanings, and the rule that ranks the MTUS first (the search sequence).
 */
import { Citation, RegulationLocator, RegulationResolution, regulationRef, resolveOne } from '../citations';
import { eraById, isStatable, Knowledge, KnowledgeEntry, letterEra, lookupProcedure, lookupRegulation, RegulationMatch } from '../knowledge';
import type { Letter } from '../types';
import type { Doc } from './doc';
import { entryBody } from './entries';

export function describeRegulation(doc: Doc, letter: Letter, kb: Knowledge, c: Citation, l: RegulationLocator): void {
  doc.heading(regulationRef(l));
  const era = letterEra(letter, kb);
  const r = resolveOne(kb, c, l, era.date) as RegulationResolution;
  const date = r.date;
  const eraRec = c.edition !== 'unknown' ? eraById(kb, c.edition) : null;
  if (!date) doc.para(`The letter's date is unknown (${c.editionBasis}), so every period's meaning is listed.`);
  else if (c.date || !era.nominal) doc.para(`Read as in force on ${date} (${c.editionBasis})${eraRec ? `: ${eraRec.label}` : ''}.`);
  else doc.para(`Read in the period ${eraRec ? `${eraRec.from} to ${eraRec.to ?? 'date'} (${eraRec.label})` : 'the letter format implies'}: ${c.editionBasis}.`);
  const sub = r.droppedSubdivision ? null : l.subdivision;
  if (r.droppedSubdivision) doc.para(`Subdivision (${r.droppedSubdivision}) is not in the knowledge base; the section as a whole:`);
  const stated = r.matches.filter((m) => isStatable(m.entry));
  if (stated.length === 0) {
    doc.para('**Not in the knowledge base.**');
    return;
  }
  const current = date ? stated.filter((m) => m.inForce) : stated;
  const others = date ? stated.filter((m) => !m.inForce) : [];
  if (date && current.length === 0) doc.para(`**No text for this period in the knowledge base.**`);
  for (const m of current) {
    doc.rule();
    regulationEntry(doc, m);
  }
  if (others.length) {
    doc.rule();
    doc.para(`In other periods, §${l.section}${sub ? `(${sub})` : ''} means:`);
    doc.list(others.map((m) => `${validity(m.entry)}: **${m.entry.topic}**`));
  }
}

function regulationEntry(doc: Doc, m: RegulationMatch): void {
  const v = validity(m.entry);
  doc.para(`**${m.entry.topic}**${v ? ` (${v})` : ''}${m.doc.id !== 'ccr-9792' ? ` · ${m.doc.title}` : ''}`);
  entryBody(doc, m.entry);
}

function validity(e: KnowledgeEntry): string {
  if (e.validFrom && e.validTo) return `${e.validFrom} to ${e.validTo}`;
  if (e.validFrom) return `from ${e.validFrom}`;
  if (e.validTo) return `until ${e.validTo}`;
  return '';
}

/** The rule that ranks the MTUS first, as in force at the letter's date (before April 20, 2015
 *  the 2009 text of §9792.25; from then the search sequence of §9792.21.1). */
export function searchSequence(doc: Doc, kb: Knowledge, date: string | null): void {
  const rule = lookupProcedure(kb, { term: 'search-sequence' });
  if (!rule || !isStatable(rule)) return;
  if (date && rule.validFrom && date < rule.validFrom) {
    const older = lookupRegulation(kb, '9792.25', null, date).find((m) => m.inForce && isStatable(m.entry));
    if (older) {
      doc.rule();
      doc.para(`**Why it matters (the rule in force then, 8 CCR §9792.25): ${older.entry.topic}.** ${older.entry.summary} The explicit search sequence of §9792.21.1 came later, with the April 20, 2015 amendments.`);
      doc.sources(older.entry.sources);
      return;
    }
  }
  doc.rule();
  doc.para(`**Why it matters: ${rule.topic}.** ${rule.summary}`);
  doc.sources(rule.sources);
}
