// The JSON shape served at /api/v1/snapshot and rendered by the dashboard: one truth with /metrics.

import type { Finding } from '../analyse/findings/finding.ts';
import type { WsgiEvent } from '../analyse/wsgi/wsgi-event.ts';

export type Verdict = 'conforming' | 'throttled' | 'ineffective' | 'unclear' | 'insufficient-data' | 'no-limit';

export interface SourceSnapshot {
  path: string;
  log: 'access' | 'error';
  /** `waiting` = file missing; `error` = unreadable (see `error`). */
  state: 'waiting' | 'open' | 'error';
  error?: string;
  offsetBytes: number;
  sizeBytes: number;
  lagBytes: number;
  linesRead: number;
  linesPerSecond: number;
  rotations: number;
  truncations: number;
  linesLost: number;
  parseFailures: number;
}

export interface LocationSnapshot {
  vhost: string;
  location: string;
  /** Configured rate-limit, KiB/s; undefined when none. */
  rateKiBps?: number;
  burstKiB?: number;
  /** mod_wsgi daemon group serving it, when any, and its response-flush-delay. */
  daemonGroup?: string;
  flushDelayMs?: number;
  /** Measured responses in the verdict window. */
  samples: number;
  /** Achieved throughput, KiB/s, over the window. */
  achievedKiBps?: { p10: number; p50: number; p90: number };
  medianRatio?: number;
  verdict: Verdict;
  explanation: string;
  /** Median ratio per recent interval, oldest first (sparkline). */
  ratioHistory: number[];
  requestsTotal: number;
  requestsPerSecond: number;
  /** 5xx ÷ all over the last minute. */
  errorRatio: number;
  p95DurationSeconds?: number;
}

export interface Snapshot {
  generatedAtSeconds: number;
  /** The Apache config the agent read, when it read one (the first screen names it). */
  apacheConfig?: string;
  host: string;
  uptimeSeconds: number;
  versions: { apache?: string; modWsgi?: string; python?: string; mpm?: string };
  totals: { linesPerSecond: number; requestsPerSecond: number; worstLagBytes: number; parseFailures: number };
  sources: SourceSnapshot[];
  locations: LocationSnapshot[];
  wsgi: { byCode: Record<string, number>; byKind: Record<string, number>; recent: WsgiEvent[] };
  findings: Finding[];
  /** Recent lines of wsgiwatch's own log (dashboard mode). */
  agentLog: string[];
}
