/**
 * The knowledge base a document sees: the bundled one, merged with the user's own file when the
 * `imr.knowledge.file` setting names one. The file is read once per path and modification time;
 * its problems are reported to the user once, never thrown.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundledKnowledge, Knowledge, KnowledgeError, mergeKnowledge, validateKnowledge } from '../core';

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
    const file = this.resolve(setting.trim());
    let mtimeMs: number;
    try {
      mtimeMs = (await fs.stat(file)).mtimeMs;
    } catch {
      this.once(`${file}:missing`, `IMR knowledge file ${file} (setting imr.knowledge.file) was not found; using the bundled knowledge base only.`);
      return bundledKnowledge();
    }
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.loaded.kb;
    const loaded = await load(file);
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

async function load(file: string): Promise<LoadedKnowledge> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    return { kb: bundledKnowledge(), errors: [`cannot be read as JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  const { file: valid, errors } = validateKnowledge(json);
  return { kb: mergeKnowledge(bundledKnowledge(), valid), errors: errors.map(describe) };
}

function describe(e: KnowledgeError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
}
