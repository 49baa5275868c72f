/**
 * What client and server share about the Insights panel: the server command's parameters and
 * result. Plain types (like protocol.ts), so the client's activation bundle can import them.
 */
import type { Stats, StatsItemRef, StatsRow } from './core/insights/stats';

export type { Stats, StatsItemRef, StatsRow };

/** Parameters of `imr.server.insights` (messages.ts `InsightsCommand`). */
export interface InsightsParams {
  /** Files, folders (searched recursively for .txt, .imr, .pdf) or glob patterns, read from disk. */
  inputs: string[];
  /** URIs of open documents, read as the editor holds them (counted with the files, once each). */
  open?: string[];
}

export interface InsightsResult {
  /** The statistics, with each row's items (`refs` into `stats.itemList`). */
  stats: Stats;
  /** Files read. */
  files: number;
  failures: { file: string; reason: string }[];
  cancelled: boolean;
  /** Milliseconds the server took. */
  ms: number;
}
