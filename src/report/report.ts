// The report model: what the engine holds, in the one shape every view reads (analyse text and JSON,
// /api/v1/snapshot, the dashboard in-process and --connect, the fleet view from Prometheus).

import type { Finding } from '../analyse/findings/finding.ts';
import type { Verdict } from '../analyse/throughput/verdict.ts';
import type { WsgiEvent } from '../analyse/wsgi/wsgi-event.ts';
import type { LogKind } from '../sources/log-line.ts';
import type { LogWrapper } from '../sources/unwrap/log-wrapper.ts';

export interface SourceRow {
  path: string;
  log: LogKind;
  /** `waiting` = file missing; `error` = unreadable (see `error`). */
  state: 'waiting' | 'open' | 'error';
  error?: string;
  offsetBytes: number;
  sizeBytes: number;
  lagBytes: number;
  linesRead: number;
  rotations: number;
  truncations: number;
  linesLost: number;
  parseFailures: number;
  /** The envelope the file's lines came in (a container log, the journal); absent for the live tailer's rows. */
  wrapper?: LogWrapper;
}

/** What a location's evidence says, whatever the clock: the rows `analyse` prints, and the core of every live row. */
export interface LocationRow {
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
  requestsTotal: number;
}

/** Plus the sparkline and the last minute: they mean something only on a live clock. */
export interface LiveLocationRow extends LocationRow {
  /** Median ratio per recent interval, oldest first (sparkline). */
  ratioHistory: number[];
  requestsPerSecond: number;
  /** 5xx ÷ all over the last minute. */
  errorRatio: number;
  p95DurationSeconds?: number;
}

export interface Versions {
  apache?: string;
  modWsgi?: string;
  python?: string;
  mpm?: string;
}

export interface Report {
  versions: Versions;
  sources: SourceRow[];
  locations: LiveLocationRow[];
  wsgi: {
    byCode: Record<string, number>;
    byKind: Record<string, number>;
    recent: WsgiEvent[];
    /** Unrecognised mod_wsgi lines (kind `other`): distinct messages with level and count, first seen first. */
    other?: { level: string; message: string; count: number }[];
    /** Events counted but older than `recent` keeps. */
    notKept?: number;
  };
  findings: Finding[];
}
