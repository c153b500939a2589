// The report model: what the engine holds, in the one shape every view reads (analyse text and JSON,
// /api/v1/snapshot, the dashboard in-process and --connect, the fleet view from Prometheus).

import type { Finding } from '../analyse/findings/finding.ts';
import type { FlushDelayBanner } from '../analyse/findings/format-flush-delay-banner.ts';
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

/** Requests, response bytes and durations of a set of requests. */
export interface TrafficFigures {
  requests: number;
  responseBytes: number;
  /** Estimated from the duration histogram's buckets (apache_http_request_duration_seconds); absent without %D/%T. */
  durationSeconds?: { p50: number; p90: number; p99: number };
}

export interface TrafficRow extends TrafficFigures {
  vhost: string;
  /** A location of the config (or `none`), or a first path segment (`/static`) or `other`. */
  location: string;
  /** By `1xx` … `5xx` and `other` (no or an invalid status); classes without requests are left out. */
  byStatusClass: Record<string, TrafficFigures>;
}

export interface Traffic {
  /** `config`: the config's (or --location's) locations; `path-segments`: none named, so the top first path segments. */
  locationsFrom: 'config' | 'path-segments';
  /** Busiest first. With path segments, the top ones and the rest folded into `other`. */
  rows: TrafficRow[];
  /** Every request by status class. */
  byStatusClass: Record<string, TrafficFigures>;
}

/** Failures of one parser for one reason, with the first few lines. */
export interface ParseFailureRow {
  log: LogKind;
  reason: string;
  count: number;
  /** At most 3: the line (cut at 200 characters) and where it was: `file` and `line` when a batch read located it. */
  samples: { text: string; path?: string; file?: string; line?: number; offset?: number }[];
}

/** What the engine was set up from: the first screen and `analyse` say it. */
export interface Setup {
  apacheConfig?: string;
  /** Locations with a rate limit (RATE_LIMIT or a rate). */
  rateLimitedLocations: number;
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
  /** One line per daemon group whose response-flush-delay or response-buffer-size a finding concerns. */
  banners?: FlushDelayBanner[];
  setup?: Setup;
  traffic?: Traffic;
  parseFailures?: ParseFailureRow[];
}
