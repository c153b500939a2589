// The live driver: the tailer feeds the engine (engine/create-engine.ts), the HTTP server serves its metrics and report.
// `run`, `top` and `demo` start it.

import { statSync } from 'node:fs';
import { createSnapshotBuilder } from '../api/build-snapshot.ts';
import { createEngine, type Engine, type EngineConfig } from '../engine/create-engine.ts';
import { createRegistries } from '../metrics/create-registries.ts';
import { type HttpServerOptions, type RunningHttpServer, serveHttp } from '../metrics/serve-http.ts';
import { loadWebConfig } from '../metrics/web-config.ts';
import type { Snapshot } from '../report/snapshot.ts';
import { createTailer, type Tailer } from '../sources/tail/create-tailer.ts';
import type { TailEvent } from '../sources/tail/tail-types.ts';
import { createUnwrapRouter } from '../sources/unwrap/create-unwrap-router.ts';
import { type AgentOptions, DEFAULT_AGENT_OPTIONS } from './agent-options.ts';
import { createBuildInfo } from './build-info.ts';

export interface Agent {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Re-reads the Apache config (SIGHUP); keeps the last good model when the new one is broken. */
  reload(): void;
  snapshot(): Snapshot;
  /** Base URL of the HTTP server once started. */
  readonly url: string | undefined;
}

/** How often the engine's clock work runs (traceback groups closed, sparkline sampled). */
const TICK_MS = 1000;
/** Not in dashboard mode: the log goes to stdout or a file, none of it to the snapshot. */
const NO_AGENT_LOG = { lines: () => [], dropped: () => 0 };

export function createAgent(input: Partial<AgentOptions> & Pick<AgentOptions, 'logger'>): Agent {
  const options: AgentOptions = { ...DEFAULT_AGENT_OPTIONS, ...input } as AgentOptions;
  const logger = options.logger;
  const now = options.now ?? Date.now;
  const engine = createEngine({ ...options, now });
  let configStatus = { loaded: false, success: false, timestampSeconds: 0 };
  if (options.apacheConfig !== undefined)
    configStatus = { loaded: true, success: true, timestampSeconds: now() / 1000 };
  let configMtimes = mtimesOf(engine.config());
  let current = engine.config();

  let tailer = createAgentTailer(options, engine, current);
  const startedAtMs = now();
  const snapshots = createSnapshotBuilder({
    engine,
    tailStats: () => tailer.stats(),
    agentLog: options.agentLog ?? NO_AGENT_LOG,
    startedAtMs,
    now,
  });
  // The config path rides along so a first screen can name what it read.
  const snapshot = (): Snapshot => ({ ...snapshots.build(), apacheConfig: options.apacheConfig });
  const registries = createRegistries({
    ...engine.state,
    tailStats: () => tailer.stats(),
    findings: () => engine.findings(),
    config: () => configStatus,
    positionsWriteErrors: () => tailer.positionsWriteErrors(),
    build: createBuildInfo(),
    now,
  });

  let server: RunningHttpServer | undefined;
  let timers: NodeJS.Timeout[] = [];
  let started = false;
  let reloading = Promise.resolve();

  async function swapTailer(next: EngineConfig): Promise<void> {
    const same = JSON.stringify(next.logs) === JSON.stringify(current.logs);
    current = next;
    if (same || !started) return;
    await tailer.stop();
    tailer = createAgentTailer(options, engine, next);
    await tailer.start();
  }

  const agent: Agent = {
    get url() {
      return server?.url;
    },
    async start() {
      server = await startServer(options, { registries, snapshot, ready: () => started });
      await tailer.start();
      started = true;
      timers.push(setInterval(() => engine.tick(), TICK_MS));
      if (options.apacheConfig !== undefined && options.configCheckIntervalMs > 0) {
        timers.push(
          setInterval(() => {
            if (anyChanged(configMtimes)) agent.reload();
          }, options.configCheckIntervalMs),
        );
      }
      for (const t of timers) t.unref();
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      timers = [];
      await reloading;
      engine.tick();
      await tailer.stop();
      await server?.close();
      started = false;
    },
    reload() {
      if (options.apacheConfig === undefined) return;
      reloading = reloading.then(async () => {
        try {
          const next = engine.reload();
          configStatus = { loaded: true, success: true, timestampSeconds: now() / 1000 };
          configMtimes = mtimesOf(next);
          await swapTailer(next);
          logger.info({ files: next.model.files.length }, 'apache config reloaded');
        } catch (err) {
          configStatus = { loaded: true, success: false, timestampSeconds: now() / 1000 };
          // Keep the last good model, but stop re-trying until a file changes again.
          configMtimes = mtimesOf(engine.config());
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

/** The tailer over a config's logs, each batch unwrapped (CRI, Docker, journal) before the engine parses it. */
function createAgentTailer(options: AgentOptions, engine: Engine, { logs, roleOf }: EngineConfig): Tailer {
  const logger = options.logger;
  const unwrap = createUnwrapRouter({
    roleOf,
    wrapper: options.logWrapper,
    maxLineLength: options.maxLineBytes,
    onFailure(log, path, failure) {
      if (engine.state.parse.record(log, path, failure))
        logger.warn({ path, ...failure }, 'first wrapper parse failure');
    },
  });
  return createTailer({
    sources: logs,
    positionsFile: options.positionsFile,
    fromBeginning: options.fromBeginning,
    backfill: options.backfill,
    maxLineBytes: options.maxLineBytes,
    pollIntervalMs: options.pollIntervalMs,
    positionsSyncMs: options.positionsSyncMs,
    onLines:
      options.tap === undefined
        ? (lines) => engine.processLines(unwrap(lines))
        : (lines) => {
            options.tap?.(lines);
            engine.processLines(unwrap(lines));
          },
    onEvent: (event) => logTailEvent(logger, event),
  });
}

/** Errors at error, a waiting file, a reset position or lost lines at warn, the rest at info. */
function logTailEvent(logger: AgentOptions['logger'], event: TailEvent): void {
  const { type, ...fields } = event;
  if (type === 'error' || type === 'positions-error') logger.error(fields, `tail ${type}`);
  else if (type === 'waiting' || type === 'positions-reset' || (type === 'truncated' && event.lostLines > 0))
    logger.warn(fields, `tail ${type}`);
  else logger.info(fields, `tail ${type}`);
}

/** The metrics and API server, unless listening is off (`listenAddress: false`). */
async function startServer(
  options: AgentOptions,
  serves: Pick<HttpServerOptions, 'registries' | 'snapshot' | 'ready'>,
): Promise<RunningHttpServer | undefined> {
  const webConfig = options.webConfigFile ? loadWebConfig(options.webConfigFile) : undefined;
  if (options.listenAddress === false) return undefined;
  const server = await serveHttp({
    listenAddress: options.listenAddress,
    telemetryPath: options.telemetryPath,
    ...serves,
    webConfig,
  });
  options.logger.info({ url: server.url, metrics: `${server.url}${options.telemetryPath}` }, 'serving metrics');
  return server;
}

function anyChanged(mtimes: Map<string, number>): boolean {
  for (const [file, mtime] of mtimes) if (mtimeOf(file) !== mtime) return true;
  return false;
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function mtimesOf(config: EngineConfig): Map<string, number> {
  return new Map(config.model.files.map((f) => [f, mtimeOf(f)]));
}
