// The composition root of the live agent: Apache config → sources → tailer → pipeline → aggregates → HTTP (metrics + API).

import { statSync } from 'node:fs';
import { findConfigIssues } from '../analyse/findings/find-config-issues.ts';
import type { Finding } from '../analyse/findings/finding.ts';
import { createLocationMatcher, type RequestContext } from '../analyse/match-location.ts';
import { WSGI_CODES } from '../analyse/wsgi/wsgi-codes.ts';
import { createSnapshotBuilder } from '../api/build-snapshot.ts';
import { formatConfigError } from '../config/apache/config-error.ts';
import type { ConfigModel } from '../config/apache/config-model.ts';
import { loadApacheConfig } from '../config/apache/load-apache-config.ts';
import { createRegistries } from '../metrics/create-registries.ts';
import { type RunningHttpServer, serveHttp } from '../metrics/serve-http.ts';
import { loadWebConfig } from '../metrics/web-config.ts';
import { compileLogFormat } from '../parse/access/compile-log-format.ts';
import { resolveLogFormat } from '../parse/access/resolve-log-format.ts';
import { compileErrorLogFormat } from '../parse/error/compile-error-log-format.ts';
import { createPipeline, type PipelineSources } from '../pipeline/create-pipeline.ts';
import { createPipelineState } from '../pipeline/create-pipeline-state.ts';
import { createTailer, type Tailer } from '../sources/tail/create-tailer.ts';
import type { TailEvent } from '../sources/tail/tail-types.ts';
import { createUnwrapRouter } from '../sources/unwrap/create-unwrap-router.ts';
import { type LogRoles, resolveLogRoles } from '../sources/unwrap/resolve-log-roles.ts';
import type { Snapshot } from '../state/snapshot.ts';
import { UserError } from '../user-error.ts';
import { type AgentOptions, DEFAULT_AGENT_OPTIONS } from './agent-options.ts';
import { createBuildInfo } from './build-info.ts';
import { modelFromLocationOptions } from './model-from-location-options.ts';

/** A configuration problem that stops the agent from starting (exit code 2). */
export class AgentConfigError extends UserError {
  override name = 'AgentConfigError';
}

export interface Agent {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Re-reads the Apache config (SIGHUP); keeps the last good model when the new one is broken. */
  reload(): void;
  snapshot(): Snapshot;
  /** Base URL of the HTTP server once started. */
  readonly url: string | undefined;
}

/** Codes the alert rules use get zero series from the start, so `increase()` fires on the first event. */
const ALERTED_LEVELS = new Set(['emerg', 'alert', 'crit']);

interface LoadedConfig {
  model: ConfigModel;
  sources: PipelineSources;
  tailSources: { path: string; log: 'access' | 'error' }[];
  roleOf: LogRoles['roleOf'];
}

export function createAgent(input: Partial<AgentOptions> & Pick<AgentOptions, 'logger'>): Agent {
  const options: AgentOptions = { ...DEFAULT_AGENT_OPTIONS, ...input } as AgentOptions;
  const logger = options.logger;
  const now = options.now ?? Date.now;
  const state = createPipelineState(options.verdictWindow);
  let findings: Finding[] = [];
  let configStatus = { loaded: false, success: false, timestampSeconds: 0 };
  let configMtimes = new Map<string, number>();
  let detectedModWsgi: string | undefined;

  for (const c of WSGI_CODES)
    if (c.code === 'WSGI0210' || ALERTED_LEVELS.has(c.level)) state.wsgi.declareCode(c.code, c.level);
  // AH00052/AH00051 are logged at notice (server/mpm_unix.c): a zero series lets ApacheChildCrashes see the first one.
  state.wsgi.declareKind('child-crash', 'notice');

  /** Reads the Apache config (when given) and builds sources and the request matcher. Throws AgentConfigError. */
  function loadConfig(): LoadedConfig {
    let model: ConfigModel;
    if (options.apacheConfig !== undefined) {
      const result = loadApacheConfig(options.apacheConfig);
      if (result.errors.length > 0) {
        throw new AgentConfigError(result.errors.map(formatConfigError).join('\n'));
      }
      for (const w of result.warnings) logger.warn({ file: w.file, line: w.line }, w.message);
      model = result.model;
    } else {
      model = modelFromLocationOptions(options.locations);
    }
    const nicknames = new Map<string, string>();
    const access = [
      ...options.accessLogs.map((a) => ({ path: a.path, format: a.format, vhost: a.vhost })),
      ...model.logTargets
        .filter((t) => t.log === 'access')
        .map((t) => ({ path: t.path, format: t.format ?? 'common', vhost: t.vhost })),
    ].map((a) => {
      try {
        return { path: a.path, vhost: a.vhost, format: compileLogFormat(resolveLogFormat(a.format, nicknames)) };
      } catch (err) {
        throw new AgentConfigError(`access log ${a.path}: ${(err as Error).message}`);
      }
    });
    const error = [
      ...options.errorLogs,
      ...model.logTargets.filter((t) => t.log === 'error').map((t) => ({ path: t.path, format: t.format })),
    ].map((e) => {
      try {
        return { path: e.path, format: compileErrorLogFormat(e.format) };
      } catch (err) {
        throw new AgentConfigError(`error log ${e.path}: ${(err as Error).message}`);
      }
    });
    // Labels are bounded by construction: the matcher only returns configured vhosts and locations (or `none`).
    const matchRequest = createLocationMatcher(model);
    const roles = resolveLogRoles([
      ...access.map((a) => ({ path: a.path, log: 'access' as const })),
      ...error.map((e) => ({ path: e.path, log: 'error' as const })),
    ]);
    // A container log's other stream goes to the other parser: every file also gets a context of the other kind.
    const combined = error.length > 0 ? compileLogFormat(resolveLogFormat('combined', nicknames)) : undefined;
    const builtIn = access.length > 0 ? compileErrorLogFormat(undefined) : undefined;
    const otherAccess = combined === undefined ? [] : error.map((e) => ({ path: e.path, format: combined }));
    const otherError = builtIn === undefined ? [] : access.map((a) => ({ path: a.path, format: builtIn }));
    const sources = { access: [...access, ...otherAccess], error: [...error, ...otherError], matchRequest };
    return { model, sources, tailSources: roles.sources, roleOf: roles.roleOf };
  }

  function applyModel(model: ConfigModel): void {
    for (const loc of model.locations) state.requests.declare(loc.vhost, loc.location);
    for (const rule of model.rateLimits) {
      if (rule.filter !== undefined || rule.rateKiB !== undefined)
        state.ratelimit.declare(rule.vhost, rule.location, rule.rateKiB, rule.burstKiB);
    }
    findings = findConfigIssues(model, { modWsgiVersion: options.modWsgiVersion ?? detectedModWsgi });
    configMtimes = new Map(model.files.map((f) => [f, mtimeOf(f)]));
  }

  const loaded = loadConfig();
  let current = loaded;
  if (options.apacheConfig !== undefined)
    configStatus = { loaded: true, success: true, timestampSeconds: now() / 1000 };
  applyModel(loaded.model);

  const pipeline = createPipeline(loaded.sources, state, logger, {
    now,
    onVersions(v) {
      if (v.modWsgi !== undefined && v.modWsgi !== detectedModWsgi) {
        detectedModWsgi = v.modWsgi;
        if (options.modWsgiVersion === undefined) {
          findings = findConfigIssues(current.model, { modWsgiVersion: detectedModWsgi });
          logger.info({ apache: v.apache, modWsgi: v.modWsgi, python: v.python }, 'apache started or restarted');
        }
      }
    },
  });

  function onTailEvent(event: TailEvent): void {
    const { type, ...fields } = event;
    if (type === 'error' || type === 'positions-error') logger.error(fields, `tail ${type}`);
    else if (type === 'waiting' || type === 'positions-reset' || (type === 'truncated' && event.lostLines > 0))
      logger.warn(fields, `tail ${type}`);
    else logger.info(fields, `tail ${type}`);
  }

  function createTailerFor({ tailSources, roleOf }: LoadedConfig): Tailer {
    const unwrap = createUnwrapRouter({
      roleOf,
      wrapper: options.logWrapper,
      maxLineLength: options.maxLineBytes,
      onFailure(log, path, failure) {
        if (state.parse.record(log, path, failure)) logger.warn({ path, ...failure }, 'first wrapper parse failure');
      },
    });
    return createTailer({
      sources: tailSources,
      positionsFile: options.positionsFile,
      fromBeginning: options.fromBeginning,
      backfill: options.backfill,
      maxLineBytes: options.maxLineBytes,
      pollIntervalMs: options.pollIntervalMs,
      positionsSyncMs: options.positionsSyncMs,
      onLines:
        options.tap === undefined
          ? (lines) => pipeline.processLines(unwrap(lines))
          : (lines) => {
              options.tap?.(lines);
              pipeline.processLines(unwrap(lines));
            },
      onEvent: onTailEvent,
    });
  }

  let tailer = createTailerFor(loaded);
  const startedAtMs = now();
  const snapshots = createSnapshotBuilder({
    requests: state.requests,
    ratelimit: state.ratelimit,
    wsgi: state.wsgi,
    parse: state.parse,
    tailStats: () => tailer.stats(),
    findings: () => findings,
    describeLocation: (vhost, location) => describeLocation(current.model, vhost, location),
    modWsgiVersion: () => options.modWsgiVersion ?? detectedModWsgi,
    agentLog: options.logLines ?? (() => []),
    startedAtMs,
    now,
  });
  // The config path rides along so a first screen can name what it read.
  const snapshot = (): Snapshot => ({ ...snapshots.build(), apacheConfig: options.apacheConfig });
  const registries = createRegistries({
    ...state,
    tailStats: () => tailer.stats(),
    findings: () => findings,
    config: () => configStatus,
    positionsWriteErrors: () => tailer.positionsWriteErrors(),
    build: createBuildInfo(),
    now,
  });

  let server: RunningHttpServer | undefined;
  let timers: NodeJS.Timeout[] = [];
  let started = false;
  let reloading = Promise.resolve();

  function configChanged(): boolean {
    for (const [file, mtime] of configMtimes) if (mtimeOf(file) !== mtime) return true;
    return false;
  }

  async function swapTailer(next: LoadedConfig): Promise<void> {
    const same = JSON.stringify(next.tailSources) === JSON.stringify(current.tailSources);
    pipeline.setSources(next.sources);
    current = next;
    if (same || !started) return;
    await tailer.stop();
    tailer = createTailerFor(next);
    await tailer.start();
  }

  const agent: Agent = {
    get url() {
      return server?.url;
    },
    async start() {
      const webConfig = options.webConfigFile ? loadWebConfig(options.webConfigFile) : undefined;
      if (options.listenAddress !== false) {
        server = await serveHttp({
          listenAddress: options.listenAddress,
          telemetryPath: options.telemetryPath,
          registries,
          snapshot,
          ready: () => started,
          webConfig,
        });
        logger.info({ url: server.url, metrics: `${server.url}${options.telemetryPath}` }, 'serving metrics');
      }
      await tailer.start();
      started = true;
      timers.push(setInterval(() => pipeline.flush(), 1000));
      if (options.apacheConfig !== undefined && options.configCheckIntervalMs > 0) {
        timers.push(
          setInterval(() => {
            if (configChanged()) agent.reload();
          }, options.configCheckIntervalMs),
        );
      }
      for (const t of timers) t.unref();
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      timers = [];
      await reloading;
      pipeline.flush();
      await tailer.stop();
      await server?.close();
      started = false;
    },
    reload() {
      if (options.apacheConfig === undefined) return;
      reloading = reloading.then(async () => {
        try {
          const next = loadConfig();
          configStatus = { loaded: true, success: true, timestampSeconds: now() / 1000 };
          applyModel(next.model);
          await swapTailer(next);
          logger.info({ files: next.model.files.length }, 'apache config reloaded');
        } catch (err) {
          configStatus = { loaded: true, success: false, timestampSeconds: now() / 1000 };
          // Keep the last good model, but stop re-trying until a file changes again.
          configMtimes = new Map(current.model.files.map((f) => [f, mtimeOf(f)]));
          logger.error(
            { error: (err as Error).message },
            'apache config reload failed; keeping the last good configuration',
          );
        }
      });
    },
    snapshot,
  };
  return agent;
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** The config facts the dashboard shows next to a location: its rate rule and daemon group. */
function describeLocation(model: ConfigModel, vhost: string, location: string): RequestContext | undefined {
  const rate = model.rateLimits.find((r) => r.vhost === vhost && r.location === location);
  const loc = model.locations.find((l) => l.vhost === vhost && l.location === location);
  const daemon = loc?.processGroup === undefined ? undefined : model.daemons.find((d) => d.name === loc.processGroup);
  if (rate === undefined && loc === undefined) return undefined;
  return { vhost, location, rate, daemon };
}
