// `run` flags (shared by `top`, which runs the agent in-process): flag > WSGIWATCH_* variable > config file > default.

import { type Command, Option } from 'commander';
import type { AgentOptions, LocationOption } from '../agent/agent-options.ts';
import { DEFAULT_AGENT_OPTIONS } from '../agent/agent-options.ts';
import type { AgentConfigFile } from '../config/agent/agent-config-schema.ts';
import { DEFAULTS } from '../defaults.ts';
import { LOG_WRAPPER_OPTIONS, type LogWrapperOption } from '../sources/unwrap/log-wrapper.ts';
import { UserError } from '../user-error.ts';

export interface RunFlags {
  config?: string;
  accessLog?: string[];
  accessLogFormat?: string;
  errorLog?: string[];
  errorLogFormat?: string;
  apacheConfig?: string;
  modWsgiVersion?: string;
  location?: string[];
  logWrapper?: LogWrapperOption;
  positions?: string;
  fromBeginning?: boolean;
  backfill?: boolean;
  logLevel?: string;
  logFile?: string;
  'web.listenAddress'?: string;
  'web.config.file'?: string;
  /** The spelling before 0.1: still accepted, hidden from --help. */
  'web.configFile'?: string;
  'web.telemetryPath'?: string;
}

const collect = (value: string, previous: string[] | undefined) => [
  ...(previous ?? []),
  ...value.split(',').filter(Boolean),
];

/** Adds the agent's flags to a command, in --help order: what to read, how to read it, own log, web. */
export function addRunOptions(command: Command): Command {
  for (const option of [...sourceOptions(), ...readingOptions(), ...ownLogOptions(), ...webOptions()]) {
    command.addOption(option);
  }
  return command;
}

/** What to read: logs, their formats, the Apache config and what stands in for it. */
function sourceOptions(): Option[] {
  return [
    new Option('-c, --config <file>', 'YAML config file (keys: docs/configuration.md)').env('WSGIWATCH_CONFIG'),
    new Option('--access-log <glob>', 'access log file or glob to tail (repeatable)')
      .argParser(collect)
      .env('WSGIWATCH_ACCESS_LOG'),
    new Option('--access-log-format <format>', 'LogFormat string or nickname for --access-log (default: combined)').env(
      'WSGIWATCH_ACCESS_LOG_FORMAT',
    ),
    new Option('--error-log <glob>', 'error log file or glob to tail (repeatable)')
      .argParser(collect)
      .env('WSGIWATCH_ERROR_LOG'),
    new Option('--error-log-format <format>', 'ErrorLogFormat of --error-log (default: Apache 2.4 built-in)').env(
      'WSGIWATCH_ERROR_LOG_FORMAT',
    ),
    new Option(
      '--apache-config <path>',
      'Apache config (apache2.conf / httpd.conf): log files, formats, locations, rate limits',
    ).env('WSGIWATCH_APACHE_CONFIG'),
    new Option(
      '--mod-wsgi-version <version>',
      'mod_wsgi version for findings, when the error log has no startup line',
    ).env('WSGIWATCH_MOD_WSGI_VERSION'),
    new Option(
      '--location <prefix[=KiB/s]>',
      'location label (and rate-limit) when no Apache config is read (repeatable)',
    ).argParser(collect),
    new Option('--log-wrapper <wrapper>', 'envelope around each line: CRI, Docker json-file, journalctl (default auto)')
      .choices(LOG_WRAPPER_OPTIONS)
      .env('WSGIWATCH_LOG_WRAPPER'),
  ];
}

/** Where reading starts and resumes. */
function readingOptions(): Option[] {
  return [
    new Option('--positions <file>', 'positions file (default .wsgiwatch/positions.json)').env('WSGIWATCH_POSITIONS'),
    new Option('--from-beginning', 'read files seen for the first time from the start, not the end').env(
      'WSGIWATCH_FROM_BEGINNING',
    ),
    new Option('--backfill', 'also read rotated files (.1, .N.gz) before the live ones'),
  ];
}

function ownLogOptions(): Option[] {
  return [
    new Option('--log-level <level>', 'own log level')
      .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .env('WSGIWATCH_LOG_LEVEL'),
    new Option('--log-file <file>', 'write own log to this file instead of stdout').env('WSGIWATCH_LOG_FILE'),
  ];
}

function webOptions(): Option[] {
  return [
    new Option('--web.listen-address <address>', 'address for /metrics and the API (default :9147)').env(
      'WSGIWATCH_LISTEN_ADDRESS',
    ),
    // exporter-toolkit's own flag name, as every Prometheus exporter spells it.
    new Option('--web.config.file <file>', 'exporter-toolkit web config: TLS and basic auth').env(
      'WSGIWATCH_WEB_CONFIG_FILE',
    ),
    new Option('--web.config-file <file>').hideHelp(),
    // node_exporter's flag: where the metrics page is, e.g. behind a reverse proxy that routes by path.
    new Option('--web.telemetry-path <path>', 'path of the metrics page (default /metrics)').env(
      'WSGIWATCH_TELEMETRY_PATH',
    ),
  ];
}

/** Parses `--location /downloads=1000`. */
export function parseLocationFlag(value: string): LocationOption {
  const m = /^(\/[^=]*)(?:=(\d+))?$/.exec(value);
  if (m === null) throw new UserError(`invalid --location "${value}": expected /prefix or /prefix=KiB/s`);
  return m[2] === undefined ? { prefix: m[1] } : { prefix: m[1], rateLimitKiB: Number(m[2]) };
}

export type ResolvedRunOptions = Omit<AgentOptions, 'logger'> & { logLevel: string; logFile?: string };

/**
 * The --config file's keys (none without one). The YAML reader and its schema (yaml, zod) are loaded only when there
 * is a file: they are a sixth of an idle sidecar's memory. Throws AgentConfigFileError naming file:line.
 */
export async function readRunConfigFile(flags: RunFlags): Promise<AgentConfigFile> {
  if (!flags.config) return {};
  const { loadAgentConfig } = await import('../config/agent/load-agent-config.ts');
  return loadAgentConfig(flags.config);
}

/** Merges flags, the config file (readRunConfigFile) and defaults. Throws a UserError (--location) with a clear message. */
export function resolveRunOptions(flags: RunFlags, file: AgentConfigFile = {}): ResolvedRunOptions {
  const accessFormat = flags.accessLogFormat ?? DEFAULTS.accessLogFormat;
  const accessLogs = flags.accessLog?.length
    ? flags.accessLog.map((path) => ({ path, format: accessFormat }))
    : (file.accessLogs ?? []);
  const errorLogs = flags.errorLog?.length
    ? flags.errorLog.map((path) => ({ path, format: flags.errorLogFormat }))
    : (file.errorLogs ?? []);
  const locations = flags.location?.length ? flags.location.map(parseLocationFlag) : (file.locations ?? []);
  return {
    ...DEFAULT_AGENT_OPTIONS,
    accessLogs,
    errorLogs,
    locations,
    apacheConfig: flags.apacheConfig ?? file.apacheConfig,
    modWsgiVersion: flags.modWsgiVersion ?? file.modWsgiVersion,
    positionsFile: flags.positions ?? file.positionsFile ?? DEFAULTS.positionsFile,
    fromBeginning: flags.fromBeginning ?? file.fromBeginning ?? false,
    backfill: flags.backfill ?? file.backfill ?? false,
    listenAddress: flags['web.listenAddress'] ?? file.web?.listenAddress ?? DEFAULT_AGENT_OPTIONS.listenAddress,
    webConfigFile: flags['web.config.file'] ?? flags['web.configFile'] ?? file.web?.configFile,
    telemetryPath: flags['web.telemetryPath'] ?? file.web?.telemetryPath ?? DEFAULT_AGENT_OPTIONS.telemetryPath,
    maxLineBytes: file.tail?.maxLineBytes ?? DEFAULT_AGENT_OPTIONS.maxLineBytes,
    logWrapper: flags.logWrapper ?? file.logWrapper ?? DEFAULT_AGENT_OPTIONS.logWrapper,
    pollIntervalMs: file.tail?.pollIntervalMs ?? DEFAULT_AGENT_OPTIONS.pollIntervalMs,
    positionsSyncMs: file.tail?.positionsSyncMs ?? DEFAULT_AGENT_OPTIONS.positionsSyncMs,
    verdictWindow: { ...DEFAULT_AGENT_OPTIONS.verdictWindow, ...file.verdictWindow },
    logLevel: flags.logLevel ?? file.logLevel ?? DEFAULTS.logLevel,
    logFile: flags.logFile ?? file.logFile,
  };
}

/** True when nothing says what to read: the caller auto-discovers Apache or falls back to the demo. */
export function hasNoSources(o: ResolvedRunOptions): boolean {
  return o.apacheConfig === undefined && o.accessLogs.length === 0 && o.errorLogs.length === 0;
}
