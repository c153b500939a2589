// The JSON shape served at /api/v1/snapshot and rendered by the dashboard: the report model (report.ts) on a live
// clock, plus what only a running agent knows (host, uptime, rates between two reads, its own log).

import type { LiveLocationRow, Report, SourceRow } from './report.ts';

export interface SourceSnapshot extends SourceRow {
  linesPerSecond: number;
}

export type LocationSnapshot = LiveLocationRow;

export interface Snapshot extends Omit<Report, 'sources'> {
  generatedAtSeconds: number;
  /** The Apache config the agent read, when it read one (the first screen names it). */
  apacheConfig?: string;
  host: string;
  uptimeSeconds: number;
  totals: { linesPerSecond: number; requestsPerSecond: number; worstLagBytes: number; parseFailures: number };
  sources: SourceSnapshot[];
  /** Recent lines of wsgiwatch's own log (dashboard mode), oldest first. */
  agentLog: string[];
  /** Older lines of that log no longer kept (the ring holds the last 200). */
  agentLogDropped?: number;
}
