/**
 * The IMR letter core: a pure library (no editor, no LSP) that turns letter text into a typed model
 * and answers questions about it. Everything the language server and the CLI show comes from here.
 */
export * from './types';
export { parseLetter, parsePartial } from './parse';
export { LineIndex, lineStartOffsets, scanLines } from './lines';
export { findMojibake, mojibakeAt } from './mojibake';
export { toIsoDate, daysBetween } from './dates';
export { outline, foldingSpans } from './outline';
export { selectionSpans } from './selection';
export { SEMANTIC_KINDS, semanticSpans } from './semantic';
export { isSpaceCode } from './collapse';
export type { SemanticKind, SemanticSpan } from './semantic';
export { caseOccurrences, citationOccurrences, targetAt } from './occurrences';
export type { CitationOccurrence, OccurrenceTarget } from './occurrences';
export { nextSentenceStart, sentenceAt } from './sentences';
export type { OutlineNode, OutlineKind, OutlineItem, FoldingSpan } from './outline';
export { letterRecord, itemRows, ITEM_COLUMNS, problemRecords, SCHEMA_VERSION, toRange } from './extract';
export type { LetterRecord, ItemRecord, ProblemRecord, ItemRow, Range, Position } from './extract';
export { DECISIONS, closestDecision, BLOCK_NAMES, BLOCK_ORDER } from './vocabulary';
export { caseSummary } from './summary';
export { calendar, calendarEvents, CALENDAR_END, CALENDAR_HEAD, letterDeadlines } from './deadlines';
export type { Deadline, DeadlineKind } from './deadlines';
export type { CaseSummary, NamedThing } from './summary';
export {
  findCitations, citationAt, countByKind, resolveCitation, resolveOne, resolveLocator, topicOfLocator, pageEntries,
  citationLine, docTitle, locatorText, regulationRef,
} from './citations';
export type {
  Citation, CitationKind, CitationBlock, Locator, PageLocator, SectionLocator, RegulationLocator, TopicLocator,
  CitationResolution, LocatorResolution, PageResolution, SectionResolution, RegulationResolution, TopicResolution,
} from './citations';
export {
  bundledKnowledge, bundledKnowledgeErrors, bundledKnowledgeFiles, validateKnowledge, mergeKnowledge, findDocument,
  documentForLabel, lookupPage, lookupSection, lookupChapter, lookupRegulation, lookupNonMtus, lookupProcedure,
  limitsOf, isStatable, topicsAgree, letterEra, eraOf, KNOWLEDGE_SCHEMA_VERSION, formatLimit, limitPhrase, pagesText,
  entryPlace, nameKey, labelKey,
} from './knowledge';
export type {
  Knowledge, KnowledgeFile, KnowledgeDocument, KnowledgeEntry, KnowledgeError, Limit, SourceRef, Confidence, LetterEra,
  RegulationMatch, EntryLocator,
} from './knowledge';
export { hoverAt, inlayHints } from './hover';
export type { HoverOptions, HoverResult, InlayHint as TopicHint } from './hover';
export { diagnose, RULES, findConclusion, REVIEW_WINDOW_DAYS } from './diagnostics';
export type { Diagnostic, DiagnoseOptions, Fix, TextEdit, RuleDef, RuleSeverity } from './diagnostics';
export { parseDocument, parseDocumentAgain, parseDocumentSteps, runSteps } from './parse';
export type { LocalLetter, ParsedDocument, TextChange } from './parse';
export { PieceText, wholeText } from './piece-text';
export type { TextSource } from './piece-text';
export { shiftAllSpans, shiftLetter, shiftSpans } from './shift';
export * from './library';
export { plural } from './words';
export { V8_FLAGS } from './v8-flags';
export { DocumentAnalysis, DEFAULT_MAX_DOCUMENT_SIZE, MAX_OUTLINE_NODES, compose, slot, detach, detachString } from './analysis';
export type { DiagnosticSettings, DocumentSummary, LetterOutline, SizeGate, Slot } from './analysis';
export * from './categories';
export * from './insights';
