// The whole data flow for one batch of lines: parse → analyse → record into the bounded aggregates.
// Synchronous and allocation-light: it runs once per line on the hot path.

import picomatch from 'picomatch';
import type { RequestContext } from '../analyse/match-location.ts';
import { measureThroughput, type ThroughputSample } from '../analyse/throughput/measure-throughput.ts';
import { classifyErrorRecord } from '../analyse/wsgi/classify-error-record.ts';
import { detectVersions } from '../analyse/wsgi/detect-versions.ts';
import { createTracebackGrouper } from '../analyse/wsgi/group-tracebacks.ts';
import { createRequestJoiner, type RequestJoiner } from '../analyse/wsgi/join-requests.ts';
import type { WsgiEvent } from '../analyse/wsgi/wsgi-event.ts';
import type { Logger } from '../log.ts';
import type { AccessRecord } from '../parse/access/access-record.ts';
import type { AccessParseAt, CompiledLogFormat, SelectableField } from '../parse/access/compile-log-format.ts';
import type { CompiledErrorLogFormat } from '../parse/error/compile-error-log-format.ts';
import type { ErrorRecord } from '../parse/error/error-record.ts';
import type { LogLine } from '../sources/log-line.ts';
import type { DroppedCounter } from '../state/dropped-counter.ts';
import type { ParseStats } from '../state/parse-stats.ts';
import type { LocationRateStats, RateLimitStats } from '../state/ratelimit-stats.ts';
import type { RequestLocation, RequestStats } from '../state/request-stats.ts';
import type { Versions, WsgiStats } from '../state/wsgi-stats.ts';
import { detachString } from './detach-string.ts';
import { pendingAccess } from './pending-access.ts';

export interface AccessSourceContext {
  path: string;
  format: CompiledLogFormat;
  vhost?: string;
}

export interface ErrorSourceContext {
  path: string;
  format: CompiledErrorLogFormat;
}

export interface PipelineSources {
  access: AccessSourceContext[];
  error: ErrorSourceContext[];
  /** Request → bounded (vhost, location) labels and the rate rule / daemon that apply. */
  matchRequest: (vhost: string | undefined, urlPath: string | undefined, serverPort?: number) => RequestContext;
}

export interface PipelineState {
  requests: RequestStats;
  ratelimit: RateLimitStats;
  wsgi: WsgiStats;
  parse: ParseStats;
  dropped: DroppedCounter;
}

export interface Pipeline {
  processLines(lines: LogLine[]): void;
  /** Emits traceback groups that have been complete for a while (call on a timer). */
  flush(): void;
  /** New sources / matcher after a config reload; aggregates are kept. */
  setSources(sources: PipelineSources): void;
}

/** Taps for collectors beyond the aggregates (the HTML report's time series and error templates); unset in the agent. */
export interface PipelineObserver {
  /** A parsed access line (HOT_FIELDS texts only), its location, and its throughput sample when it was measured. */
  access(record: AccessRecord, context: RequestContext, sample: ThroughputSample | undefined): void;
  /** A parsed error line, its classification, and whether it went into a traceback group. */
  error(record: ErrorRecord, event: WsgiEvent | undefined, inTraceback: boolean): void;
}

/** mod_ratelimit reads the env var with atoi(): leading digits, anything else ignored (`"99.9"` → 99). No regex: runs per line. */
export function atoiKiB(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '' || raw === '-') return undefined;
  let i = 0;
  while (i < raw.length && (raw.charCodeAt(i) === 32 || (raw.charCodeAt(i) >= 9 && raw.charCodeAt(i) <= 13))) i++;
  let sign = 1;
  if (raw[i] === '-' || raw[i] === '+') {
    if (raw[i] === '-') sign = -1;
    i++;
  }
  let n = 0;
  for (; i < raw.length; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  return n === 0 ? 0 : sign * n;
}

/** The texts an access line's metrics read (location match, HEAD, the logged rate); the rest are parsed only for a line the request joiner keeps. */
export const HOT_FIELDS: readonly SelectableField[] = [
  'vhost',
  'urlPath',
  'method',
  'rateLimitRaw',
  'rateInitialBurstRaw',
];
type AccessParse = CompiledLogFormat['parse'];

/** Where a request context's lines are recorded, resolved once per context instead of by label strings per line. */
interface Sinks {
  requests: RequestLocation;
  /** Created on the context's first line with a rate (most locations never have one). */
  ratelimit: LocationRateStats | undefined;
}
/** Events and failed requests wait up to 1 s apart in log time, the latest 1000 of each. */
export const JOINER_OPTIONS = { windowSeconds: 1, maxPending: 1000 } as const;

/** Contexts remembered: a matcher returns a bounded set, but one that made a new object per call must not grow this. */
const SINKS_LIMIT = 4096;

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the hot path: the per-line handlers share the context caches, the traceback grouper and the joiner held in this closure.
export function createPipeline(
  initial: PipelineSources,
  state: PipelineState,
  logger: Logger,
  options: {
    now?: () => number;
    onVersions?: (v: Versions) => void;
    observe?: PipelineObserver;
    /** The request joiner to use (the batch driver's workers pass their own); default a new one. */
    joiner?: RequestJoiner;
  } = {},
): Pipeline {
  const now = options.now ?? Date.now;
  const observe = options.observe;
  let sources = initial;
  const bySource = new Map<string, AccessSourceContext | ErrorSourceContext | null>();
  const grouper = createTracebackGrouper();
  const joiner = options.joiner ?? createRequestJoiner(JOINER_OPTIONS);
  let lastErrorLineMs = 0;
  const sinksByContext = new Map<RequestContext, Sinks>();

  function sinksFor(ctx: RequestContext): Sinks {
    let sinks = sinksByContext.get(ctx);
    if (sinks === undefined) {
      if (sinksByContext.size >= SINKS_LIMIT) sinksByContext.clear();
      sinks = { requests: state.requests.location(ctx.vhost, ctx.location), ratelimit: undefined };
      sinksByContext.set(ctx, sinks);
    }
    return sinks;
  }

  // Lines arrive in batches from one file: remember the last lookup.
  let lastLog: string | undefined;
  let lastPath: string | undefined;
  let lastSource: AccessSourceContext | ErrorSourceContext | null = null;
  let lastHotParse: AccessParse | undefined;
  let lastHotParseAt: AccessParseAt | undefined;

  function sourceFor(line: LogLine): AccessSourceContext | ErrorSourceContext | null {
    if (line.path === lastPath && line.log === lastLog) return lastSource;
    const key = `${line.log}\u0000${line.path}`;
    let ctx = bySource.get(key);
    if (ctx === undefined) {
      const list: (AccessSourceContext | ErrorSourceContext)[] = line.log === 'access' ? sources.access : sources.error;
      ctx = list.find((s) => s.path === line.path) ?? list.find((s) => picomatch.isMatch(line.path, s.path)) ?? null;
      if (bySource.size > 10_000) bySource.clear();
      bySource.set(key, ctx);
    }
    lastLog = line.log;
    lastPath = line.path;
    lastSource = ctx;
    const access = ctx !== null && line.log === 'access' ? (ctx as AccessSourceContext) : undefined;
    lastHotParse = access?.format.select(HOT_FIELDS);
    lastHotParseAt = access?.format.selectAt(HOT_FIELDS);
    return ctx;
  }

  function recordEvent(event: WsgiEvent): void {
    // Events live in the ring: every string gets its own copy, not a slice of the string a read was decoded to (the
    // tailer slices lines out of up to 64 KiB of text; one kept slice would keep all of it alive).
    event.message = detachString(event.message);
    event.level = detachString(event.level);
    if (event.code !== undefined) event.code = detachString(event.code);
    if (event.script !== undefined) event.script = detachString(event.script);
    if (event.processGroup !== undefined) event.processGroup = detachString(event.processGroup);
    if (event.requestLogId !== undefined) event.requestLogId = detachString(event.requestLogId);
    if (event.peer !== undefined) event.peer = { ...event.peer, ip: detachString(event.peer.ip) };
    if (event.exception !== undefined)
      event.exception = {
        ...event.exception,
        type: detachString(event.exception.type),
        message: detachString(event.exception.message),
      };
    state.wsgi.record(event);
    joiner.addEvent(event);
  }

  function processAccess(line: LogLine, source: AccessSourceContext, nowSeconds: number): void {
    const at = line.pieceStart;
    const rec =
      at === undefined || line.piece === undefined
        ? (lastHotParse as AccessParse)(line.text)
        : (lastHotParseAt as AccessParseAt)(line.piece, at, at + line.text.length);
    if (!rec.ok) {
      if (state.parse.record('access', line.path, rec, line.offset)) {
        logger.warn(
          { path: line.path, reason: rec.reason, sample: rec.sample },
          'first access-log parse failure of this kind',
        );
      }
      return;
    }
    const ctx = sources.matchRequest(rec.vhost ?? source.vhost, rec.urlPath, rec.serverPort);
    const sinks = sinksFor(ctx);
    const bytes = rec.responseBytes ?? rec.bodyBytes;
    state.requests.recordAt(sinks.requests, rec.status, bytes, rec.durationSeconds, nowSeconds);

    // The effective rate: what the format logged (%{rate-limit}e) wins over what the config says.
    const loggedRate = atoiKiB(rec.rateLimitRaw);
    const rateKiB = loggedRate ?? ctx.rate?.rateKiB;
    let measured: ThroughputSample | undefined;
    if (rateKiB !== undefined) {
      const burstKiB = atoiKiB(rec.rateInitialBurstRaw) ?? ctx.rate?.burstKiB ?? 0;
      const result = measureThroughput(rec, {
        rateKiB,
        burstKiB,
        daemonMode: ctx.daemon !== undefined,
        limited: ctx.rate?.filter !== undefined || loggedRate !== undefined,
      });
      sinks.ratelimit ??= state.ratelimit.entry(ctx.vhost, ctx.location);
      if ('skipped' in result) state.ratelimit.recordSkipAt(sinks.ratelimit, result.skipped);
      else {
        state.ratelimit.recordSampleAt(sinks.ratelimit, result, nowSeconds);
        measured = result;
      }
    }
    if (observe !== undefined) observe.access(rec, ctx, measured);
    // Only failed requests wait in the joiner (and a 2xx only matters while an event waits).
    if ((rec.status !== undefined && rec.status >= 400) || joiner.pending().events > 0) {
      const pending = pendingAccess(rec, line.text, source.format);
      if (pending !== undefined) joiner.addAccess(pending);
    }
  }

  function processError(line: LogLine, source: ErrorSourceContext): void {
    lastErrorLineMs = now();
    const rec = source.format.parse(line.text);
    if (!rec.ok) {
      if (state.parse.record('error', line.path, rec, line.offset)) {
        logger.warn(
          { path: line.path, reason: rec.reason, sample: rec.sample },
          'first error-log parse failure of this kind',
        );
      }
      return;
    }
    const detected = detectVersions(rec);
    if (detected !== undefined) {
      // Kept for the life of the agent: own copies (see recordEvent).
      const versions: Versions = {};
      for (const [k, v] of Object.entries(detected))
        if (typeof v === 'string') versions[k as keyof Versions] = detachString(v);
      state.wsgi.setVersions(versions);
      options.onVersions?.(versions);
    }
    const event = classifyErrorRecord(rec);
    for (const e of grouper.push(rec, event)) recordEvent(e);
    if (observe !== undefined) observe.error(rec, event, grouper.lastAbsorbed());
  }

  return {
    processLines(lines) {
      const nowSeconds = now() / 1000;
      for (const line of lines) {
        const source = sourceFor(line);
        if (source === null) {
          state.dropped.add('unconfigured_source_line');
          continue;
        }
        if (line.log === 'access') processAccess(line, source as AccessSourceContext, nowSeconds);
        else processError(line, source as ErrorSourceContext);
      }
    },
    flush() {
      // A traceback arrives in one burst; only close groups once the error log has been quiet for a moment.
      if (now() - lastErrorLineMs < 500) return;
      for (const e of grouper.flush()) recordEvent(e);
    },
    setSources(next) {
      sources = next;
      bySource.clear();
      sinksByContext.clear();
      lastPath = undefined;
    },
  };
}
