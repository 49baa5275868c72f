/**
 * Where a knowledge base entry is written: the JSON file (bundled, or the user's `imr.knowledgeFile`)
 * and the line of the entry's `"id"`. Go to Definition on a citation opens it there.
 */
import * as fs from 'fs';
import * as path from 'path';
import { bundledKnowledgeFiles, Knowledge, KnowledgeDocument, KnowledgeEntry } from '../core';

export interface EntryLocation {
  file: string;
  line: number;
  character: number;
  length: number;
}

/** The folder of the bundled knowledge files: server/knowledge beside the bundle or the compiled sources. */
function bundledDir(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'server', 'knowledge');
    if (fs.existsSync(path.join(candidate, 'knowledge.schema.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

let bundled: string | null | undefined;

/** The document of the knowledge base that holds an entry. */
export function documentOf(kb: Knowledge, entry: KnowledgeEntry): KnowledgeDocument | null {
  return kb.documents.find((d) => d.entries.includes(entry)) ?? null;
}

/**
 * The file and position of an entry: in the user's knowledge file when it comes from there,
 * else in the bundled file that holds its document. Null when the file cannot be found.
 */
export function entryLocation(kb: Knowledge, entry: KnowledgeEntry, userFile: string | null): EntryLocation | null {
  const doc = documentOf(kb, entry);
  if (!doc) return null;
  let file: string | null = null;
  if (doc.origin === 'user' && userFile) file = userFile;
  else {
    if (bundled === undefined) bundled = bundledDir();
    if (!bundled) return null;
    const name = bundledKnowledgeFiles().find((f) => holds(f.json, doc))?.name;
    file = name ? path.join(bundled, name) : null;
  }
  if (!file) return null;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  // The document's own "id", then the entry's "id" after it.
  const docAt = findId(text, doc.id, 0);
  const at = findId(text, entry.id, docAt >= 0 ? docAt + 1 : 0);
  const offset = at >= 0 ? at : findId(text, entry.id, 0);
  if (offset < 0) return null;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { file, line, character, length: entry.id.length + 2 };
}

function holds(json: unknown, doc: KnowledgeDocument): boolean {
  const docs = (json as { documents?: { id?: string; edition?: string }[] } | null)?.documents ?? [];
  return docs.some((d) => d.id === doc.id && d.edition === doc.edition);
}

/** Offset of the quoted value in `"id": "value"` (any spacing), from `from`; -1 when absent. */
function findId(text: string, id: string, from: number): number {
  const quoted = JSON.stringify(id);
  for (let i = text.indexOf(quoted, from); i >= 0; i = text.indexOf(quoted, i + 1)) {
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    if (text[j] !== ':') continue;
    j--;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    if (text.slice(j - 3, j + 1) === '"id"') return i;
  }
  return -1;
}
