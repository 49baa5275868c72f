/**
 * The knowledge base a document sees: the bundled one, merged with the user's own file when the
 * `imr.knowledgeFile` setting names one. The file is read once per path and modification time;
 * its problems are reported to the user once, never thrown.
 *
 * The setting may come from a workspace (in a trusted workspace: VS Code does not apply a
 * workspace's value of this restricted setting in an untrusted one), so the file is read the safe
 * way (server/src/io.ts): only a regular file on this machine, under KNOWLEDGE_MAX_BYTES, opened
 * without blocking; and no message ever shows any of its text (a JSON syntax error is reported by
 * line and column only), so pointing the setting at another file reveals nothing of it.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundledKnowledge, Knowledge, KnowledgeError, mergeKnowledge, validateKnowledge } from '../core';
import { readRegularFile, refusedPath } from '../io';
import { jsonErrorPlace } from '../json-place';
export { jsonErrorPlace } from '../json-place';

/** Largest knowledge file read (the bundled files are 5-45 KB each). */
export const KNOWLEDGE_MAX_BYTES = 4 * 1024 * 1024;

export interface LoadedKnowledge {
  kb: Knowledge;
  /** Problems with the user's file (empty when it is absent or fine). */
  errors: string[];
}

export class KnowledgeStore {
  private readonly cache = new Map<string, { mtimeMs: number; loaded: LoadedKnowledge }>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly roots: () => string[],
    private readonly report: (message: string) => void,
  ) {}

  async get(setting: string): Promise<Knowledge> {
    if (!setting.trim()) return bundledKnowledge();
    const refused = refusedPath(setting.trim());
    if (refused) {
      this.once(`${setting}:refused`, `IMR knowledge file ${setting.trim()} (setting imr.knowledgeFile) ${refused}; using the bundled knowledge base only.`);
      return bundledKnowledge();
    }
    const file = this.resolve(setting.trim());
    let mtimeMs: number;
    try {
      mtimeMs = (await fs.stat(file)).mtimeMs;
    } catch {
      this.once(`${file}:missing`, `IMR knowledge file ${file} (setting imr.knowledgeFile) was not found; using the bundled knowledge base only.`);
      return bundledKnowledge();
    }
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.loaded.kb;
    const loaded = await load(file);
    if (loaded.unreadable) {
      // Not cached: the file may become readable; reported once per modification time.
      this.once(`${file}:${mtimeMs}:unreadable`, `IMR knowledge file ${file} (setting imr.knowledgeFile) ${loaded.unreadable}; using the bundled knowledge base only.`);
      return loaded.kb;
    }
    this.cache.set(file, { mtimeMs, loaded });
    if (loaded.errors.length) {
      const shown = loaded.errors.slice(0, 5).join('; ');
      const more = loaded.errors.length > 5 ? ` (and ${loaded.errors.length - 5} more)` : '';
      this.once(`${file}:${mtimeMs}`, `IMR knowledge file ${file}: ${shown}${more}. Valid entries are used; the rest are ignored.`);
    }
    return loaded.kb;
  }

  /** The file a knowledgeFile setting names (relative paths against the first workspace folder). */
  resolve(setting: string): string {
    const expanded = setting.startsWith('~') ? path.join(os.homedir(), setting.slice(1)) : setting;
    if (path.isAbsolute(expanded)) return expanded;
    const root = this.roots()[0];
    return root ? path.join(root, expanded) : path.resolve(expanded);
  }

  private once(key: string, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.report(message);
  }
}

async function load(file: string): Promise<LoadedKnowledge & { unreadable?: string }> {
  const read = await readRegularFile(file, { maxBytes: KNOWLEDGE_MAX_BYTES, localOnly: true });
  if (!read.ok) return { kb: bundledKnowledge(), errors: [], unreadable: read.reason };
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the text it failed on: report where, never what.
    const place = jsonErrorPlace(text);
    return { kb: bundledKnowledge(), errors: [`is not valid JSON${place ? ` (${place})` : ''}`] };
  }
  const { file: valid, errors } = validateKnowledge(json);
  return { kb: mergeKnowledge(bundledKnowledge(), valid), errors: errors.map(describe) };
}

function describe(e: KnowledgeError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
}
