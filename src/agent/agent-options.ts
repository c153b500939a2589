// Everything the agent needs, after flags, environment, the YAML config file and defaults have been merged (by the CLI).

import { DEFAULTS } from '../defaults.ts';
import type { Logger } from '../log.ts';
import type { LogLine } from '../sources/log-line.ts';
import type { LogWrapperOption } from '../sources/unwrap/log-wrapper.ts';

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

export interface AgentOptions {
  accessLogs: AccessLogSource[];
  errorLogs: ErrorLogSource[];
  apacheConfig?: string;
  /** Overrides the version read from the error log's startup line, for findings. */
  modWsgiVersion?: string;
  locations: LocationOption[];
  positionsFile?: string;
  fromBeginning: boolean;
  backfill: boolean;
  /** `host:port`; false = no HTTP server (in-process dashboard without scraping). */
  listenAddress: string | false;
  webConfigFile?: string;
  /** Path of the metrics page (`--web.telemetry-path`). */
  telemetryPath: string;
  maxLineBytes: number;
  /** The envelope around each log line (CRI, Docker json-file, journal); `auto` detects it per file. */
  logWrapper: LogWrapperOption;
  pollIntervalMs: number;
  positionsSyncMs: number;
  /** Verdict window: at most this many responses, none older than this. */
  verdictWindow: { maxSamples: number; maxAgeSeconds: number };
  /** How often the Apache config files are checked for changes (0 = only on SIGHUP / reload()). */
  configCheckIntervalMs: number;
  logger: Logger;
  /** Recent lines of the agent's own log, for the snapshot (dashboard mode). */
  logLines?: () => string[];
  /** Sees every batch of lines before the pipeline (soak verifier, tests); must be fast and synchronous. */
  tap?: (lines: LogLine[]) => void;
  now?: () => number;
}

export const DEFAULT_AGENT_OPTIONS = {
  accessLogs: [],
  errorLogs: [],
  locations: [],
  fromBeginning: false,
  backfill: false,
  listenAddress: DEFAULTS.listenAddress,
  telemetryPath: DEFAULTS.telemetryPath,
  maxLineBytes: DEFAULTS.tail.maxLineBytes,
  logWrapper: DEFAULTS.logWrapper,
  pollIntervalMs: DEFAULTS.tail.pollIntervalMs,
  positionsSyncMs: DEFAULTS.tail.positionsSyncMs,
  verdictWindow: DEFAULTS.verdictWindow,
  configCheckIntervalMs: DEFAULTS.configCheckIntervalMs,
} satisfies Partial<AgentOptions>;
