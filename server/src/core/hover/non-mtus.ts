/** Hover on a guideline cited outside the MTUS: ODG topics, ACOEM texts of other editions. */
import { acoem3PageEntries, acoemChapterNamed, Citation, docTitle, PageLocator, resolveOne, TopicLocator, TopicResolution } from '../citations';
import { findDocument, isStatable, Knowledge, LetterEra } from '../knowledge';
import type { Doc } from './doc';
import { entryBlock } from './entries';
import { searchSequence } from './regulation';

export function describeNonMtus(doc: Doc, kb: Knowledge, c: Citation, l: TopicLocator | null, era: LetterEra): void {
  const d = findDocument(kb, c.guideline, c.edition);
  doc.heading(`Non-MTUS citation: ${d ? d.title : docTitle(kb, c)}`);
  if (d) doc.para(d.description);
  else if (c.guideline === 'acoem-other') {
    doc.para('An ACOEM text cited without saying which edition; cited here as outside the MTUS.');
    const ch = l ? acoemChapterNamed(kb, l.name) : null;
    if (ch) {
      doc.para(`The name matches ACOEM 2nd edition chapter "${ch.topic}": ${ch.summary}`);
      doc.sources(ch.sources);
    }
  }
  if (l) {
    doc.para(`Cited as: "${l.name}".`);
    const r = c.guideline === 'odg' ? (resolveOne(kb, c, l) as TopicResolution) : { chapter: null, topic: null };
    if (r.topic && isStatable(r.topic) && !r.topic.nameOnly) {
      doc.rule();
      entryBlock(doc, r.topic);
    } else if (r.chapter) {
      doc.para(`Chapter: ${r.chapter.topic.replace(/^ODG chapter: /, '')}. Topic content not in the knowledge base.`);
    } else if (c.guideline === 'odg') {
      doc.para('Topic content not in the knowledge base.');
    }
  }
  if (c.guideline === 'acoem-3' && c.locators.some((x) => x.kind === 'page')) {
    for (const p of c.locators) if (p.kind === 'page') describeAcoem3Page(doc, kb, c, p);
  }
  searchSequence(doc, kb, era.date);
}

function describeAcoem3Page(doc: Doc, kb: Knowledge, c: Citation, p: PageLocator): void {
  if (p.from === null) return;
  const stated = acoem3PageEntries(kb, c, p).filter(isStatable);
  doc.rule();
  if (stated.length === 0) doc.para(`Page ${p.from}: **page content not in the knowledge base.**`);
  for (const e of stated) entryBlock(doc, e);
}

