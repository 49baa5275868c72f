/**
 * Messages between the Insights webview and the extension. Types only: both the extension bundle
 * and the webview bundle import this file.
 */
import type { InsightsResult } from '../../server/src/insights-protocol';

export type ExportKind = 'png' | 'svg' | 'csv';

/** Extension -> webview. */
export type ToView =
  | { type: 'data'; result: InsightsResult; scope: string }
  | { type: 'export'; id: number; kind: 'png' | 'svg'; table: string }
  | { type: 'select'; table: string; key: string };

/** Webview -> extension. */
export type FromView =
  | { type: 'ready' }
  | { type: 'rendered'; firstChartMs: number; allChartsMs: number; charts: { table: string; bars: number }[] }
  | { type: 'open'; source: string; line: number }
  | { type: 'save'; kind: ExportKind; table: string; data?: string }
  | { type: 'exported'; id: number; data: string | null; error?: string }
  | { type: 'selected'; table: string; key: string; label: string; items: number };
