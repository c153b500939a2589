// `wsgiwatch analyse`: the offline mode. Reads whole logs (rotated and .gz included) through the same pipeline and
// aggregates as the live agent, then prints one report (text, or the stable JSON contract below).

import { createReadStream, existsSync, globSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { LocationOption } from '../../agent/agent-options.ts';
import { modelFromLocationOptions } from '../../agent/model-from-location-options.ts';
import { findConfigIssues } from '../../analyse/findings/find-config-issues.ts';
import type { Finding } from '../../analyse/findings/finding.ts';
import { createLocationMatcher } from '../../analyse/match-location.ts';
import { explainVerdict } from '../../analyse/throughput/explain-verdict.ts';
import { formatConfigError } from '../../config/apache/config-error.ts';
import type { ConfigModel } from '../../config/apache/config-model.ts';
import { loadApacheConfig } from '../../config/apache/load-apache-config.ts';
import { createLogger } from '../../log.ts';
import { compileLogFormat } from '../../parse/access/compile-log-format.ts';
import { resolveLogFormat } from '../../parse/access/resolve-log-format.ts';
import { compileErrorLogFormat } from '../../parse/error/compile-error-log-format.ts';
import type { ParseFailure } from '../../parse/parse-failure.ts';
import {
  type AccessSourceContext,
  createPipeline,
  type ErrorSourceContext,
  type PipelineObserver,
} from '../../pipeline/create-pipeline.ts';
import type { LogKind, LogLine } from '../../sources/log-line.ts';
import { createUnwrapper } from '../../sources/unwrap/create-unwrapper.ts';
import type { LogRole, LogWrapper, LogWrapperOption } from '../../sources/unwrap/log-wrapper.ts';
import { createDroppedCounter } from '../../state/dropped-counter.ts';
import { createParseStats } from '../../state/parse-stats.ts';
import { createRateLimitStats } from '../../state/ratelimit-stats.ts';
import { createRequestStats } from '../../state/request-stats.ts';
import type { Verdict } from '../../state/snapshot.ts';
import { createWsgiStats, type Versions } from '../../state/wsgi-stats.ts';
import { UserError } from '../../user-error.ts';
import { buildHtmlReportData } from '../../web/build-html-report-data.ts';
import { createReportCollectors } from '../../web/create-report-collectors.ts';
import { loadChartLibrary } from '../../web/load-chart-library.ts';
import { renderHtmlReport } from '../../web/render-html-report.ts';

export interface AnalyseOptions {
  apacheConfig?: string;
  /** Files or globs; each file's rotated siblings (`.1`, `.2.gz`, `-20261123.gz`) are read too, oldest first. */
  accessLogs: string[];
  /** LogFormat string or nickname for `accessLogs` (default `combined`). */
  accessLogFormat?: string;
  errorLogs: string[];
  /** ErrorLogFormat for `errorLogs` (default: Apache's built-in). */
  errorLogFormat?: string;
  /** Files, globs or `-` (stdin) holding both logs: each line goes by its stream, else by its shape. */
  logs?: string[];
  /** The wrapper of every log (default `auto`: detected per file). */
  logWrapper?: LogWrapperOption;
  /** What `-` reads (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  modWsgiVersion?: string;
  /** Location labels (and rates) when no Apache config is read. */
  locations?: LocationOption[];
  /** Verdict window per location: the latest N measured responses (default 1000). */
  maxSamples?: number;
  /** At most this many events in the report, the latest kept (default 1000). */
  maxEvents?: number;
  maxLineBytes?: number;
}

/** The JSON contract of `analyse --format json`: keys and shapes are stable. */
export interface AnalyseReport {
  files: { path: string; log: LogKind; lines: number; parseFailures: number; wrapper: LogWrapper }[];
  versions: { apache?: string; modWsgi?: string; python?: string };
  wsgiEvents: {
    byCode: Record<string, number>;
    byKind: Record<string, number>;
    /** Unrecognised mod_wsgi lines (kind `other`): distinct messages with level and count, first seen first. */
    other: { level: string; message: string; count: number }[];
    /** Events counted above but older than the `events` list keeps (`maxEvents`). */
    notKept: number;
  };
  locations: {
    vhost: string;
    location: string;
    rateKiBps?: number;
    burstKiB?: number;
    samples: number;
    medianRatio?: number;
    verdict: Verdict;
    explanation: string;
  }[];
  findings: Finding[];
  events: {
    time?: string;
    code?: string;
    kind: string;
    message: string;
    request?: { method?: string; url?: string; status?: number; clientIp?: string; time?: string };
  }[];
}

/** Extra collectors fed while reading (the HTML report's time series, error templates, failure samples). */
export interface AnalyseTaps {
  observe?: PipelineObserver;
  onParseFailure?: (path: string, failure: ParseFailure) => void;
  onVersions?: (versions: Versions) => void;
}

/** Bad input the user must fix (exit code 2). */
export class AnalyseInputError extends UserError {
  override name = 'AnalyseInputError';
}

const BATCH_LINES = 4096;

export async function analyseLogs(options: AnalyseOptions, taps: AnalyseTaps = {}): Promise<AnalyseReport> {
  let model: ConfigModel;
  if (options.apacheConfig !== undefined) {
    const loaded = loadApacheConfig(options.apacheConfig);
    if (loaded.errors.length > 0) {
      throw new AnalyseInputError(loaded.errors.map(formatConfigError).join('\n'));
    }
    model = loaded.model;
  } else {
    model = modelFromLocationOptions(options.locations ?? []);
  }

  // Every file read becomes its own source so that rotated names still find their format.
  const access: AccessSourceContext[] = [];
  const error: ErrorSourceContext[] = [];
  const seen = new Set<string>();
  // A wrapped file's other stream goes to the other parser: every file also gets a context of the other kind.
  const roles = new Map<string, LogRole>();
  const other = { access: [] as AccessSourceContext[], error: [] as ErrorSourceContext[] };
  let defaultAccess: AccessSourceContext['format'] | undefined;
  let defaultError: ErrorSourceContext['format'] | undefined;
  const add = (log: LogKind | 'both', pattern: string, format: string | undefined, vhost?: string) => {
    let compiledAccess: AccessSourceContext['format'] | undefined;
    let compiledError: ErrorSourceContext['format'] | undefined;
    try {
      defaultAccess ??= compileLogFormat(resolveLogFormat(options.accessLogFormat ?? 'combined', new Map()));
      defaultError ??= compileErrorLogFormat(options.errorLogFormat);
      if (log === 'access') compiledAccess = compileLogFormat(resolveLogFormat(format ?? 'combined', new Map()));
      else compiledError = log === 'both' ? defaultError : compileErrorLogFormat(format);
    } catch (err) {
      throw new AnalyseInputError(`${log} log ${pattern}: ${(err as Error).message}`);
    }
    for (const file of pattern === '-' ? ['-'] : expandLogFiles(pattern)) {
      const key = `${log}\u0000${file}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Named for both logs (or as a positional file): read once, each line to its parser.
      const role = roles.get(file);
      roles.set(file, role === undefined ? log : 'both');
      other.access.push({
        path: file,
        format: compiledAccess ?? (defaultAccess as AccessSourceContext['format']),
        vhost,
      });
      other.error.push({ path: file, format: compiledError ?? (defaultError as ErrorSourceContext['format']) });
      if (role !== undefined) continue;
      if (compiledAccess !== undefined) access.push({ path: file, format: compiledAccess, vhost });
      if (compiledError !== undefined) error.push({ path: file, format: compiledError });
    }
  };
  for (const p of options.accessLogs) add('access', p, options.accessLogFormat);
  for (const p of options.errorLogs) add('error', p, options.errorLogFormat);
  for (const p of options.logs ?? []) add('both', p, undefined);
  for (const t of model.logTargets) add(t.log, t.path, t.log === 'access' ? (t.format ?? 'common') : t.format, t.vhost);
  if (access.length === 0 && error.length === 0) {
    throw new AnalyseInputError(
      'nothing to read: no log file matched the logs named, --access-log/--error-log or the Apache config',
    );
  }

  // A fixed clock: the whole run is one instant, and traceback groups are closed by stepping it at the end.
  let clockMs = Date.now();
  const now = () => clockMs;
  const state = {
    requests: createRequestStats(),
    ratelimit: createRateLimitStats({
      maxSamples: options.maxSamples ?? 1000,
      maxAgeSeconds: Number.POSITIVE_INFINITY,
    }),
    wsgi: createWsgiStats(options.maxEvents ?? 1000),
    parse: createParseStats(),
    dropped: createDroppedCounter(),
  };
  for (const rule of model.rateLimits) {
    if (rule.filter !== undefined || rule.rateKiB !== undefined) {
      state.ratelimit.declare(rule.vhost, rule.location, rule.rateKiB, rule.burstKiB);
    }
  }
  const onParseFailure = taps.onParseFailure;
  if (onParseFailure !== undefined) {
    const record = state.parse.record;
    state.parse.record = (log, path, failure) => {
      onParseFailure(path, failure);
      return record(log, path, failure);
    };
  }
  const logger = createLogger({ level: 'silent', quiet: true });
  const pipeline = createPipeline(
    {
      access: [...access, ...other.access],
      error: [...error, ...other.error],
      matchRequest: createLocationMatcher(model),
    },
    state,
    logger,
    { now, observe: taps.observe, onVersions: taps.onVersions },
  );

  // Error logs first: the request joiner then sees each event before the access line it explains.
  const files: AnalyseReport['files'] = [];
  const maxLine = options.maxLineBytes ?? 65536;
  for (const [log, list] of [
    ['error', error],
    ['access', access],
  ] as const) {
    for (const source of list) {
      const role = roles.get(source.path) ?? log;
      const unwrap = createUnwrapper({
        role,
        wrapper: options.logWrapper,
        maxLineLength: maxLine,
        onFailure: (kind, file, failure) => state.parse.record(kind, file, failure),
      });
      const read = (batch: LogLine[]) => pipeline.processLines(unwrap.push(batch));
      await readWholeFile(source.path, log, maxLine, read, options.stdin);
      pipeline.processLines(unwrap.end());
      for (const kind of unwrap.logs()) {
        const failures = state.parse.byPath(source.path, kind);
        const wrapper = unwrap.wrapper() ?? 'none';
        files.push({ path: source.path, log: kind, lines: unwrap.lines(kind), parseFailures: failures, wrapper });
      }
      clockMs += 1000;
      pipeline.flush();
    }
  }
  clockMs += 1000;
  pipeline.flush();

  const versions = state.wsgi.versions();
  const modWsgiVersion = options.modWsgiVersion ?? versions.modWsgi;
  const nowSeconds = clockMs / 1000;
  const locations: AnalyseReport['locations'] = [];
  for (const entry of state.ratelimit.entries()) {
    const v = state.ratelimit.verdict(entry, nowSeconds);
    const rule = model.rateLimits.find((r) => r.vhost === entry.vhost && r.location === entry.location);
    const loc = model.locations.find((l) => l.vhost === entry.vhost && l.location === entry.location);
    const daemon = loc?.processGroup === undefined ? undefined : model.daemons.find((d) => d.name === loc.processGroup);
    const rateKiBps = entry.rateBytesPerSecond !== undefined ? entry.rateBytesPerSecond / 1024 : rule?.rateKiB;
    const burstKiB = entry.burstBytes !== undefined ? entry.burstBytes / 1024 : rule?.burstKiB;
    const verdict: Verdict = rateKiBps === undefined && v.samples === 0 ? 'no-limit' : v.verdict;
    locations.push({
      vhost: entry.vhost,
      location: entry.location,
      rateKiBps,
      burstKiB,
      samples: v.samples,
      medianRatio: v.medianRatio,
      verdict,
      explanation: explainVerdict({
        verdict: { ...v, verdict },
        location: `${entry.vhost} ${entry.location}`,
        rateKiB: rateKiBps,
        daemon,
        modWsgiVersion,
        filterOnly: rule?.filter?.only,
      }),
    });
  }
  locations.sort((a, b) => a.vhost.localeCompare(b.vhost) || a.location.localeCompare(b.location));

  const findings = options.apacheConfig !== undefined ? findConfigIssues(model, { modWsgiVersion }) : [];
  const iso = (s: number | undefined) => (s === undefined ? undefined : new Date(s * 1000).toISOString());
  const events: AnalyseReport['events'] = state.wsgi.recent().map((e) => ({
    time: iso(e.timeSeconds),
    ...(e.code !== undefined ? { code: e.code } : {}),
    kind: e.kind,
    message: e.message,
    ...(e.request !== undefined
      ? {
          request: {
            method: e.request.method,
            url: e.request.url,
            status: e.request.status,
            clientIp: e.request.clientIp,
            time: iso(e.request.timeSeconds),
          },
        }
      : {}),
  }));

  return {
    files,
    versions: { apache: versions.apache, modWsgi: modWsgiVersion, python: versions.python },
    wsgiEvents: {
      byCode: state.wsgi.byCode(),
      byKind: state.wsgi.byKind(),
      other: state.wsgi.otherSamples(),
      notKept: state.wsgi.recentDropped(),
    },
    locations,
    findings,
    events,
  };
}

export function renderAnalyseText(report: AnalyseReport): string {
  const out: string[] = [];
  const v = report.versions;
  out.push(`Apache ${v.apache ?? '?'}  mod_wsgi ${v.modWsgi ?? '?'}  Python ${v.python ?? '?'}`, '', 'Files');
  for (const f of report.files) {
    out.push(
      `  ${f.log.padEnd(6)} ${String(f.lines).padStart(9)} lines  ${String(f.parseFailures).padStart(6)} unparsed  ${f.path}${f.wrapper === 'none' ? '' : ` (${f.wrapper})`}`,
    );
  }
  out.push('', 'Rate-limit conformance (ratio = allowed ÷ measured time; 1 = at the limit)');
  if (report.locations.length === 0) out.push('  no rate-limited location');
  for (const l of report.locations) {
    const ratio = l.medianRatio === undefined ? '   -' : l.medianRatio.toFixed(2);
    const rate = l.rateKiBps === undefined ? '-' : `${l.rateKiBps} KiB/s`;
    out.push(
      `  ${l.verdict.padEnd(17)} ${ratio.padStart(6)}  n=${String(l.samples).padEnd(5)} ${rate.padEnd(12)} ${l.vhost} ${l.location}`,
    );
    out.push(`      ${l.explanation}`);
  }
  out.push('', 'mod_wsgi / Apache events');
  const kinds = Object.entries(report.wsgiEvents.byKind).filter(([, n]) => n > 0);
  const codes = Object.entries(report.wsgiEvents.byCode).filter(([, n]) => n > 0);
  if (kinds.length === 0) out.push('  none');
  for (const [k, n] of kinds.sort((a, b) => b[1] - a[1])) out.push(`  ${String(n).padStart(7)}  ${k}`);
  for (const [c, n] of codes.sort((a, b) => b[1] - a[1])) out.push(`  ${String(n).padStart(7)}  ${c}`);
  if (report.wsgiEvents.other.length > 0) {
    out.push('', 'Unrecognised mod_wsgi lines (kind other; counted, first distinct messages shown)');
    for (const o of report.wsgiEvents.other)
      out.push(`  ${String(o.count).padStart(7)}  [${o.level}] ${o.message.slice(0, 160)}`);
  }
  if (report.events.length > 0) {
    const notKept = report.wsgiEvents.notKept > 0 ? `, ${report.wsgiEvents.notKept} older not kept` : '';
    out.push('', `Latest events (${Math.min(report.events.length, 20)} of ${report.events.length} kept${notKept})`);
    for (const e of report.events.slice(-20)) {
      const req = e.request ? `  ← ${e.request.method ?? ''} ${e.request.url ?? ''} ${e.request.status ?? ''}` : '';
      out.push(`  ${e.time ?? '?'}  ${e.code ?? e.kind}  ${e.message.slice(0, 160)}${req}`);
    }
  }
  out.push('', 'Findings');
  if (report.findings.length === 0) out.push('  none');
  for (const f of report.findings) {
    const where = f.file !== undefined ? ` (${f.file}${f.line !== undefined ? `:${f.line}` : ''})` : '';
    out.push(`  ${f.severity.padEnd(7)} ${f.rule}: ${f.message}${where}`, `          fix: ${f.fix}`);
  }
  return `${out.join('\n')}\n`;
}

export async function runAnalyse(
  options: AnalyseOptions & { format: 'text' | 'json' | 'html'; output?: string },
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<number> {
  let report: AnalyseReport;
  // --format html: the page's series, templates and samples are collected while reading (src/web).
  const collectors = options.format === 'html' ? createReportCollectors() : undefined;
  try {
    report = await analyseLogs(
      options,
      collectors === undefined
        ? {}
        : {
            observe: collectors.observe,
            onParseFailure: collectors.recordParseFailure,
            onVersions: collectors.recordVersions,
          },
    );
  } catch (err) {
    if (err instanceof AnalyseInputError) {
      io.stderr(`wsgiwatch analyse: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  // Absent values are written as null so every key of the contract is always present.
  const json = () => `${JSON.stringify(report, (_key, value) => (value === undefined ? null : value), 2)}\n`;
  const body =
    collectors !== undefined
      ? renderHtmlReport(buildHtmlReportData(report, collectors, Date.now() / 1000), loadChartLibrary())
      : options.format === 'json'
        ? json()
        : renderAnalyseText(report);
  if (options.output === undefined) {
    io.stdout(body);
    return 0;
  }
  try {
    writeFileSync(options.output, body);
  } catch (err) {
    io.stderr(
      `wsgiwatch analyse: cannot write ${options.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`,
    );
    return 2;
  }
  return 0;
}

/** A file or glob → the files to read, each preceded by its rotated siblings, oldest first. */
export function expandLogFiles(pattern: string): string[] {
  const matched = /[*?[{]/.test(pattern) ? globSync(pattern).sort() : existsSync(pattern) ? [pattern] : [];
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (f: string) => {
    if (!seen.has(f) && isFile(f)) {
      seen.add(f);
      out.push(f);
    }
  };
  for (const file of matched) {
    if (ROTATED.test(file)) {
      push(file);
      continue;
    }
    for (const sibling of rotatedSiblings(file)) push(sibling);
    push(file);
  }
  return out;
}

const ROTATED = /(\.\d+(\.gz)?|-\d{8}(\.gz)?|\.gz)$/;

/** logrotate names: `name.N` / `name.N.gz` (higher N is older) and dateext `name-YYYYMMDD[.gz]`. */
function rotatedSiblings(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const numbered: [number, string][] = [];
  const dated: string[] = [];
  for (const name of names) {
    if (!name.startsWith(base) || name === base) continue;
    const rest = name.slice(base.length);
    const n = /^\.(\d+)(\.gz)?$/.exec(rest);
    if (n !== null) numbered.push([Number(n[1]), path.join(dir, name)]);
    else if (/^-\d{8}(\.gz)?$/.test(rest)) dated.push(path.join(dir, name));
  }
  numbered.sort((a, b) => b[0] - a[0]);
  return [...dated.sort(), ...numbered.map(([, f]) => f)];
}

function isFile(f: string): boolean {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

/** Streams a file (gunzipping `.gz`) as LogLine batches with byte offsets; returns the number of lines. */
export async function readWholeFile(
  file: string,
  log: LogKind,
  maxLine: number,
  onBatch: (lines: LogLine[]) => void,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const raw = file === '-' ? stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let offset = 0;
  let count = 0;
  let batch: LogLine[] = [];
  // `ascii`: the line's characters are its bytes, so its length is its byte count (skips Buffer.byteLength).
  const emit = (text: string, ascii: boolean) => {
    let t = text.endsWith('\r') ? text.slice(0, -1) : text;
    const truncated = t.length > maxLine;
    if (truncated) t = t.slice(0, maxLine);
    batch.push(truncated ? { log, path: file, text: t, offset, truncated } : { log, path: file, text: t, offset });
    offset += (ascii ? text.length : Buffer.byteLength(text)) + 1;
    count++;
    if (batch.length >= BATCH_LINES) {
      onBatch(batch);
      batch = [];
    }
  };
  for await (const chunk of stream) {
    const piece = decoder.write(chunk as Buffer);
    const pieceAscii = piece.length === (chunk as Buffer).length;
    const text = carry + piece;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      // The first line also holds the previous chunk's tail: measure it.
      emit(text.slice(start, nl), pieceAscii && start !== 0);
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  carry += decoder.end();
  if (carry !== '') emit(carry, false);
  if (batch.length > 0) onBatch(batch);
  return count;
}
