// What the engine is built from, after flags, environment, the YAML config file and defaults have been merged.

import type { RequestJoiner } from '../analyse/wsgi/join-requests.ts';
import type { Logger } from '../log.ts';
import type { ParseFailure } from '../parse/parse-failure.ts';
import type { PipelineObserver } from '../pipeline/create-pipeline.ts';
import type { Versions } from '../state/wsgi-stats.ts';

export interface AccessLogSource {
  /** File or glob. */
  path: string;
  /** A LogFormat string or nickname (combined, common, vhost_combined, …). */
  format: string;
  /** `vhost` label for lines whose format has no %v (from the config's VirtualHost, or given by the user). */
  vhost?: string;
}

export interface ErrorLogSource {
  path: string;
  /** ErrorLogFormat; undefined = Apache's built-in default. */
  format?: string;
}

/** A location given by the user when no Apache config is read (the `location` label values). */
export interface LocationOption {
  prefix: string;
  vhost?: string;
  rateLimitKiB?: number;
  rateInitialBurstKiB?: number;
  /** mod_wsgi daemon group serving it (daemon-mode responses get no burst, §4.3 C). */
  processGroup?: string;
}

export interface EngineOptions {
  accessLogs: AccessLogSource[];
  errorLogs: ErrorLogSource[];
  apacheConfig?: string;
  /** Overrides the version read from the error log's startup line, for findings. */
  modWsgiVersion?: string;
  locations: LocationOption[];
  /** Verdict window: at most this many responses, none older than this. */
  verdictWindow: { maxSamples: number; maxAgeSeconds: number };
  /** Recent mod_wsgi events kept, the latest. */
  maxEvents: number;
  logger: Logger;
  /** Milliseconds; the live driver's wall clock, or the batch driver's stepped one. */
  now: () => number;
  taps?: EngineTaps;
  /** Count requests by first path segment when no location is named (analyse's report; the live views do not show it). */
  pathSegments?: boolean;
  /** The pipeline's request joiner, when the driver needs to reach it (`analyse --jobs`); default its own. */
  joiner?: RequestJoiner;
}

/** Collectors fed while lines are processed, beyond the aggregates (the HTML report's series, templates, samples). */
export interface EngineTaps {
  observe?: PipelineObserver;
  onParseFailure?: (path: string, failure: ParseFailure) => void;
  onVersions?: (versions: Versions) => void;
}
