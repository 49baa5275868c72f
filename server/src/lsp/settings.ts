/**
 * Settings per document, pulled from the client (`workspace/configuration`, section `imr`) and
 * cached until the client says they changed. Never stored as globals: always read per resource.
 * Clients without configuration support get the defaults (and `initializationOptions.settings`).
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, Settings } from '../protocol';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private pullSupported = false;
  private initial: Partial<Settings> = {};

  constructor(private readonly connection: Connection) {}

  configure(pullSupported: boolean, initial: unknown): void {
    this.pullSupported = pullSupported;
    if (initial && typeof initial === 'object') this.initial = initial as Partial<Settings>;
  }

  get(uri: string): Promise<Settings> {
    if (!this.pullSupported) return Promise.resolve(merge(this.initial));
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'imr' })
        .then((s: unknown) => merge({ ...this.initial, ...(s && typeof s === 'object' ? (s as Partial<Settings>) : {}) }))
        .catch(() => merge(this.initial));
      this.cache.set(uri, p);
    }
    return p;
  }

  /** After `workspace/didChangeConfiguration`. */
  reset(pushed?: unknown): void {
    this.cache.clear();
    const s = (pushed as { imr?: Partial<Settings> } | undefined)?.imr;
    if (!this.pullSupported && s && typeof s === 'object') this.initial = { ...this.initial, ...s };
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

/** Defaults for anything missing or of the wrong type. */
function merge(s: Partial<Settings>): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const k of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const v = s[k];
    if (typeof v === typeof DEFAULT_SETTINGS[k]) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}
