// The engine: config model, location matcher, pipeline, bounded state and findings, built once from resolved options.
// Two drivers feed it lines: the live one from the tailer (agent/create-agent.ts: run, top, demo) and the batch one
// from whole files (read-batch.ts: analyse). Every view reads what it holds through report/build-report.ts.

import { findConfigIssues } from '../analyse/findings/find-config-issues.ts';
import type { Finding } from '../analyse/findings/finding.ts';
import { createLocationMatcher, type RequestContext } from '../analyse/match-location.ts';
import { WSGI_CODES } from '../analyse/wsgi/wsgi-codes.ts';
import { formatConfigError } from '../config/apache/config-error.ts';
import type { ConfigModel } from '../config/apache/config-model.ts';
import { loadApacheConfig } from '../config/apache/load-apache-config.ts';
import { compileLogFormat } from '../parse/access/compile-log-format.ts';
import { resolveLogFormat } from '../parse/access/resolve-log-format.ts';
import { compileErrorLogFormat } from '../parse/error/compile-error-log-format.ts';
import {
  createPipeline,
  type PipelineObserver,
  type PipelineSources,
  type PipelineState,
} from '../pipeline/create-pipeline.ts';
import type { LogKind, LogLine } from '../sources/log-line.ts';
import { type LogRoles, resolveLogRoles } from '../sources/unwrap/resolve-log-roles.ts';
import { createDroppedCounter } from '../state/dropped-counter.ts';
import { createParseStats } from '../state/parse-stats.ts';
import { createPathSegmentStats, type PathSegmentStats } from '../state/path-segment-stats.ts';
import { createRateLimitStats } from '../state/ratelimit-stats.ts';
import { createRequestStats } from '../state/request-stats.ts';
import { createWsgiStats } from '../state/wsgi-stats.ts';
import { EngineInputError } from './engine-input-error.ts';
import type { EngineOptions } from './engine-options.ts';
import { modelFromLocationOptions } from './model-from-location-options.ts';

/** One reading of the configuration: the model, the compiled sources, and the logs to read. */
export interface EngineConfig {
  model: ConfigModel;
  sources: PipelineSources;
  /** Every log path (file or glob) once, with its kind (the first it was named for): access logs first. */
  logs: { path: string; log: LogKind }[];
  /** `both` for a file named for both logs (a container log): its lines go to each parser by stream or shape. */
  roleOf: LogRoles['roleOf'];
}

export interface Engine {
  readonly state: PipelineState;
  /** Requests by first path segment, when the config (or --location) names no location to label them by. */
  readonly pathSegments?: PathSegmentStats;
  config(): EngineConfig;
  findings(): Finding[];
  /** The version findings and explanations use: the option, else the one the error log announced. */
  modWsgiVersion(): string | undefined;
  /** The config facts of a location: its rate rule and daemon group. */
  describeLocation(vhost: string, location: string): RequestContext | undefined;
  processLines(lines: LogLine[]): void;
  /** The engine's own clock work (every second live; after each file in a batch): closes traceback groups, samples the sparkline history. */
  tick(): void;
  /** Reads the Apache config again and switches to it; on an error throws EngineInputError and keeps the last one. */
  reload(): EngineConfig;
  /**
   * Starts the aggregates afresh (`state` is the same object, its members new) and keeps the rest: the config, the
   * compiled parsers, warm from the lines before. A worker of `analyse --jobs` reads task after task this way.
   */
  resetAggregates(): void;
}

/** Codes the alert rules use get zero series from the start, so `increase()` fires on the first event. */
const ALERTED_LEVELS = new Set(['emerg', 'alert', 'crit']);

/** The bounded aggregates the pipeline records into, with the zero series the alerts need. */
export function createEngineState(options: Pick<EngineOptions, 'verdictWindow' | 'maxEvents'>): PipelineState {
  const dropped = createDroppedCounter();
  const state: PipelineState = {
    requests: createRequestStats(),
    ratelimit: createRateLimitStats(options.verdictWindow),
    wsgi: createWsgiStats(options.maxEvents, dropped),
    parse: createParseStats(),
    dropped,
  };
  for (const c of WSGI_CODES)
    if (c.code === 'WSGI0210' || ALERTED_LEVELS.has(c.level)) state.wsgi.declareCode(c.code, c.level);
  // AH00052/AH00051 are logged at notice (server/mpm_unix.c): a zero series lets ApacheChildCrashes see the first one.
  state.wsgi.declareKind('child-crash', 'notice');
  return state;
}

export function createEngine(options: EngineOptions): Engine {
  const { logger, now } = options;
  const state = createEngineState(options);
  const onParseFailure = options.taps?.onParseFailure;
  if (onParseFailure !== undefined) {
    const record = state.parse.record;
    state.parse.record = (log, path, failure, offset) => {
      onParseFailure(path, failure);
      return record(log, path, failure, offset);
    };
  }

  let detectedModWsgi: string | undefined;
  const modWsgiVersion = () => options.modWsgiVersion ?? detectedModWsgi;
  let current = readEngineConfig(options);
  let findings: Finding[] = [];

  function apply(config: EngineConfig): void {
    for (const loc of config.model.locations) state.requests.declare(loc.vhost, loc.location);
    for (const rule of config.model.rateLimits) {
      if (rule.filter !== undefined || rule.rateKiB !== undefined)
        state.ratelimit.declare(rule.vhost, rule.location, rule.rateKiB, rule.burstKiB);
    }
    findings = findConfigIssues(config.model, { modWsgiVersion: modWsgiVersion() });
    current = config;
  }
  apply(current);

  // No location to label requests by: the report names them by their first path segment instead.
  const newPathSegments = () =>
    options.pathSegments === true && current.model.locations.length === 0 ? createPathSegmentStats() : undefined;
  let pathSegments = newPathSegments();
  const pipeline = createPipeline(current.sources, state, logger, {
    now,
    observe: pathSegments === undefined ? options.taps?.observe : withPathSegments(() => pathSegments, options),
    joiner: options.joiner,
    onVersions(v) {
      options.taps?.onVersions?.(v);
      if (v.modWsgi === undefined || v.modWsgi === detectedModWsgi) return;
      detectedModWsgi = v.modWsgi;
      if (options.modWsgiVersion !== undefined) return;
      findings = findConfigIssues(current.model, { modWsgiVersion: detectedModWsgi });
      logger.info({ apache: v.apache, modWsgi: v.modWsgi, python: v.python }, 'apache started or restarted');
    },
  });

  return {
    state,
    get pathSegments() {
      return pathSegments;
    },
    config: () => current,
    findings: () => findings,
    modWsgiVersion,
    describeLocation: (vhost, location) => describeLocation(current.model, vhost, location),
    processLines: (lines) => pipeline.processLines(lines),
    tick() {
      pipeline.flush();
      state.ratelimit.sampleHistory(now() / 1000);
    },
    reload() {
      const next = readEngineConfig(options);
      apply(next);
      pipeline.setSources(next.sources);
      return next;
    },
    resetAggregates() {
      Object.assign(state, createEngineState(options));
      if (pathSegments !== undefined) pathSegments = newPathSegments();
      apply(current);
      // Drops the pipeline's per-location sinks, which point into the old aggregates.
      pipeline.setSources(current.sources);
    },
  };
}

/** The driver's observer, after recording each request by its first path segment. */
function withPathSegments(segments: () => PathSegmentStats | undefined, options: EngineOptions): PipelineObserver {
  const tap = options.taps?.observe;
  return {
    access(record, context, sample) {
      const bytes = record.responseBytes ?? record.bodyBytes;
      segments()?.record(
        context.vhost,
        record.urlPath,
        record.status,
        bytes,
        record.durationSeconds,
        options.now() / 1000,
      );
      tap?.access(record, context, sample);
    },
    error(record, event, inTraceback) {
      tap?.error(record, event, inTraceback);
    },
  };
}

/** Reads the Apache config (when given), compiles every log's format and builds the matcher. Throws EngineInputError. */
function readEngineConfig(options: EngineOptions): EngineConfig {
  let model: ConfigModel;
  if (options.apacheConfig !== undefined) {
    const result = loadApacheConfig(options.apacheConfig);
    if (result.errors.length > 0) throw new EngineInputError(result.errors.map(formatConfigError).join('\n'));
    for (const w of result.warnings) options.logger.warn({ file: w.file, line: w.line }, w.message);
    model = result.model;
  } else {
    model = modelFromLocationOptions(options.locations);
  }
  const nicknames = new Map<string, string>();
  const access = [
    ...options.accessLogs,
    ...model.logTargets
      .filter((t) => t.log === 'access')
      .map((t) => ({ path: t.path, format: t.format ?? 'common', vhost: t.vhost })),
  ].map((a) => {
    try {
      return { path: a.path, vhost: a.vhost, format: compileLogFormat(resolveLogFormat(a.format, nicknames)) };
    } catch (err) {
      throw new EngineInputError(`access log ${a.path}: ${(err as Error).message}`);
    }
  });
  const error = [
    ...options.errorLogs,
    ...model.logTargets.filter((t) => t.log === 'error').map((t) => ({ path: t.path, format: t.format })),
  ].map((e) => {
    try {
      return { path: e.path, format: compileErrorLogFormat(e.format) };
    } catch (err) {
      throw new EngineInputError(`error log ${e.path}: ${(err as Error).message}`);
    }
  });
  const roles = resolveLogRoles([
    ...access.map((a) => ({ path: a.path, log: 'access' as const })),
    ...error.map((e) => ({ path: e.path, log: 'error' as const })),
  ]);
  // A container log's other stream goes to the other parser: every file also gets a context of the other kind.
  const combined = error.length > 0 ? compileLogFormat(resolveLogFormat('combined', nicknames)) : undefined;
  const builtIn = access.length > 0 ? compileErrorLogFormat(undefined) : undefined;
  const otherAccess = combined === undefined ? [] : error.map((e) => ({ path: e.path, format: combined }));
  const otherError = builtIn === undefined ? [] : access.map((a) => ({ path: a.path, format: builtIn }));
  // Labels are bounded by construction: the matcher only returns configured vhosts and locations (or `none`).
  const matchRequest = createLocationMatcher(model);
  const sources = { access: [...access, ...otherAccess], error: [...error, ...otherError], matchRequest };
  return { model, sources, logs: roles.sources, roleOf: roles.roleOf };
}

function describeLocation(model: ConfigModel, vhost: string, location: string): RequestContext | undefined {
  const rate = model.rateLimits.find((r) => r.vhost === vhost && r.location === location);
  const loc = model.locations.find((l) => l.vhost === vhost && l.location === location);
  const daemon = loc?.processGroup === undefined ? undefined : model.daemons.find((d) => d.name === loc.processGroup);
  if (rate === undefined && loc === undefined) return undefined;
  return { vhost, location, rate, daemon };
}
