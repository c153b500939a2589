// Everything the agent needs, after flags, environment, the YAML config file and defaults have been merged (by the CLI).

import { DEFAULTS } from '../defaults.ts';
import type { EngineOptions } from '../engine/engine-options.ts';
import type { LogRing } from '../log.ts';
import type { LogLine } from '../sources/log-line.ts';
import type { LogWrapperOption } from '../sources/unwrap/log-wrapper.ts';

export type { AccessLogSource, ErrorLogSource, LocationOption } from '../engine/engine-options.ts';

export interface AgentOptions extends Omit<EngineOptions, 'now'> {
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
  /** How often the Apache config files are checked for changes (0 = only on SIGHUP / reload()). */
  configCheckIntervalMs: number;
  /** The agent's own log ring, for the snapshot (dashboard mode): its recent lines and how many older ones went. */
  agentLog?: Pick<LogRing, 'lines' | 'dropped'>;
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
  maxEvents: 200,
  configCheckIntervalMs: DEFAULTS.configCheckIntervalMs,
} satisfies Partial<AgentOptions>;
