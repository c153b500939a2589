// `wsgiwatch analyse`: the batch driver (engine/read-batch.ts) plus a report, printed as text, as the stable JSON
// contract below, or as the HTML page (src/web).

import { writeFileSync } from 'node:fs';
import type { Finding } from '../../analyse/findings/finding.ts';
import type { FlushDelayBanner } from '../../analyse/findings/format-flush-delay-banner.ts';
import { formatSetupSummary } from '../../analyse/format-setup-summary.ts';
import type { Verdict } from '../../analyse/throughput/verdict.ts';
import { formatBytes, formatSeconds } from '../../dashboard/format-panel.ts';
import { sanitiseText } from '../../dashboard/sanitise-text.ts';
import type { EngineTaps, LocationOption } from '../../engine/engine-options.ts';
import { type BatchOptions, readBatch } from '../../engine/read-batch.ts';
import { readBatchInWorkers } from '../../engine/read-batch-in-workers.ts';
import { createLogger } from '../../log.ts';
import { TOP_PATH_SEGMENTS } from '../../report/build-traffic.ts';
import type {
  LiveLocationRow,
  ParseFailureRow,
  Report,
  Setup,
  Traffic,
  TrafficFigures,
  Versions,
} from '../../report/report.ts';
import type { LogKind } from '../../sources/log-line.ts';
import type { LogWrapper, LogWrapperOption } from '../../sources/unwrap/log-wrapper.ts';
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
  /** Threads reading the access logs (default 1); the HTML page's collectors need one. */
  jobs?: number;
}

/**
 * The JSON contract of `analyse --format json`: keys and shapes are stable; keys may be added. `locations` holds every
 * location with requests or a rate rule (`no-limit` when none applies); `error` names a file not read to its end.
 * `traffic` has requests, bytes and duration percentiles by location and status class (locations from the config, or
 * the top first path segments); `parseFailures` the failures by reason with their first samples (file:line).
 */
export interface AnalyseReport {
  files: { path: string; log: LogKind; lines: number; parseFailures: number; wrapper: LogWrapper; error?: string }[];
  versions: Versions;
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
    daemonGroup?: string;
    flushDelayMs?: number;
    achievedKiBps?: { p10: number; p50: number; p90: number };
    requestsTotal: number;
  }[];
  findings: Finding[];
  events: {
    time?: string;
    code?: string;
    kind: string;
    message: string;
    request?: { method?: string; url?: string; status?: number; clientIp?: string; time?: string };
  }[];
  /** One line per daemon group whose response-flush-delay or response-buffer-size a finding concerns. */
  banners: FlushDelayBanner[];
  setup: Setup;
  traffic: Traffic;
  parseFailures: ParseFailureRow[];
}

export async function analyseLogs(options: AnalyseOptions, taps: EngineTaps = {}): Promise<AnalyseReport> {
  const jobs = Object.keys(taps).length === 0 ? (options.jobs ?? 1) : 1;
  const batch: BatchOptions = {
    apacheConfig: options.apacheConfig,
    // A log named for both (positional) is one access and one error source: read once, each line to its parser.
    accessLogs: [...options.accessLogs, ...(options.logs ?? [])].map((path) => ({
      path,
      format: options.accessLogFormat ?? 'combined',
    })),
    errorLogs: [...options.errorLogs, ...(options.logs ?? [])].map((path) => ({
      path,
      format: options.errorLogFormat,
    })),
    logWrapper: options.logWrapper ?? 'auto',
    stdin: options.stdin,
    modWsgiVersion: options.modWsgiVersion,
    locations: options.locations ?? [],
    verdictWindow: { maxSamples: options.maxSamples ?? 1000, maxAgeSeconds: Number.POSITIVE_INFINITY },
    maxEvents: options.maxEvents ?? 1000,
    maxLineBytes: options.maxLineBytes ?? 65536,
    logger: createLogger({ level: 'silent', quiet: true }),
    taps,
    pathSegments: true,
  };
  return toAnalyseReport(jobs > 1 ? await readBatchInWorkers(batch, jobs) : await readBatch(batch));
}

/** The report model in the analyse contract's shape: no live-clock fields (last minute, sparkline). */
export function toAnalyseReport(
  report: Pick<Report, 'versions' | 'locations' | 'wsgi' | 'findings'> &
    Partial<Pick<Report, 'banners' | 'setup' | 'traffic' | 'parseFailures'>> & {
      sources: Report['sources'];
    },
): AnalyseReport {
  const iso = (s: number | undefined) => (s === undefined ? undefined : new Date(s * 1000).toISOString());
  return {
    files: report.sources.map((s) => ({
      path: s.path,
      log: s.log,
      lines: s.linesRead,
      parseFailures: s.parseFailures,
      wrapper: s.wrapper ?? 'none',
      ...(s.error !== undefined ? { error: s.error } : {}),
    })),
    versions: report.versions,
    wsgiEvents: {
      byCode: report.wsgi.byCode,
      byKind: report.wsgi.byKind,
      other: report.wsgi.other ?? [],
      notKept: report.wsgi.notKept ?? 0,
    },
    locations: report.locations.map(analyseLocation),
    findings: report.findings,
    events: report.wsgi.recent.map((e) => ({
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
    })),
    banners: report.banners ?? [],
    setup: report.setup ?? { rateLimitedLocations: report.locations.filter((l) => l.rateKiBps !== undefined).length },
    traffic: report.traffic ?? { locationsFrom: 'config', rows: [], byStatusClass: {} },
    parseFailures: report.parseFailures ?? [],
  };
}

function analyseLocation(l: LiveLocationRow): AnalyseReport['locations'][number] {
  return {
    vhost: l.vhost,
    location: l.location,
    rateKiBps: l.rateKiBps,
    burstKiB: l.burstKiB,
    samples: l.samples,
    medianRatio: l.medianRatio,
    verdict: l.verdict,
    explanation: l.explanation,
    daemonGroup: l.daemonGroup,
    flushDelayMs: l.flushDelayMs,
    achievedKiBps: l.achievedKiBps,
    requestsTotal: l.requestsTotal,
  };
}

export function renderAnalyseText(report: AnalyseReport): string {
  // The flush-delay banner leads, as on the dashboard and in `check`.
  const out: string[] = report.banners.map((b) => `! ${b.text}`);
  if (out.length > 0) out.push('');
  const v = report.versions;
  const [config, , limits] = formatSetupSummary({ ...report.setup, logs: [] });
  out.push(
    `Apache ${v.apache ?? '?'}  mod_wsgi ${v.modWsgi ?? '?'}  Python ${v.python ?? '?'}`,
    `${config}; ${limits}`,
  );
  out.push('', 'Files');
  for (const f of report.files) {
    out.push(
      `  ${f.log.padEnd(6)} ${String(f.lines).padStart(9)} lines  ${String(f.parseFailures).padStart(6)} unparsed  ${f.path}${f.wrapper === 'none' ? '' : ` (${f.wrapper})`}${f.error !== undefined ? `  READ ERROR: ${f.error}` : ''}`,
    );
  }
  out.push(...renderParseFailures(report.parseFailures), ...renderTraffic(report.traffic));
  out.push('', 'Rate-limit conformance (ratio = allowed ÷ measured time; 1 = at the limit)');
  const limited = report.locations.filter((l) => l.verdict !== 'no-limit');
  if (limited.length === 0) out.push('  no rate-limited location');
  for (const l of limited) {
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

function renderParseFailures(rows: ParseFailureRow[]): string[] {
  if (rows.length === 0) return [];
  const out = ['', 'Parse failures (by reason, first samples with file:line)'];
  for (const r of rows) {
    out.push(`  ${String(r.count).padStart(7)}  ${r.log.padEnd(6)} ${r.reason}`);
    for (const s of r.samples) {
      const where =
        s.file !== undefined && s.line !== undefined
          ? `${s.file}:${s.line}`
          : `${s.path ?? '?'}${s.offset !== undefined ? ` @${s.offset}` : ''}`;
      out.push(`           ${sanitiseText(where)}  ${sanitiseText(s.text.slice(0, 160))}`);
    }
  }
  return out;
}

const STATUS_COLUMNS = ['2xx', '3xx', '4xx', '5xx'];

/** requests · 2xx … 5xx · bytes · p50 p90 p99 of one row. */
function trafficColumns(f: TrafficFigures, byClass: Record<string, TrafficFigures>): string {
  const d = f.durationSeconds;
  const classes = STATUS_COLUMNS.map((c) => String(byClass[c]?.requests ?? 0).padStart(7)).join('');
  const rest = f.requests - STATUS_COLUMNS.reduce((n, c) => n + (byClass[c]?.requests ?? 0), 0);
  return [
    String(f.requests).padStart(9),
    classes,
    String(rest).padStart(6),
    formatBytes(f.responseBytes).padStart(11),
    formatSeconds(d?.p50).padStart(7),
    formatSeconds(d?.p90).padStart(7),
    formatSeconds(d?.p99).padStart(7),
  ].join('');
}

function renderTraffic(traffic: Traffic): string[] {
  const from =
    traffic.locationsFrom === 'config'
      ? 'locations of the config'
      : `no location configured: the top ${TOP_PATH_SEGMENTS} first path segments, the rest as other`;
  const out = ['', `Requests by location (${from}; durations estimated from histogram buckets)`];
  if (traffic.rows.length === 0) return [...out, '  none'];
  const header = `${'requests'.padStart(9)}${STATUS_COLUMNS.map((c) => c.padStart(7)).join('')}${'other'.padStart(6)}${'bytes'.padStart(11)}${'p50'.padStart(7)}${'p90'.padStart(7)}${'p99'.padStart(7)}`;
  out.push(`${header}  location`);
  for (const r of traffic.rows)
    out.push(`${trafficColumns(r, r.byStatusClass)}  ${sanitiseText(`${r.vhost} ${r.location}`)}`);
  out.push(
    '',
    'Requests by status class',
    `  ${'class'.padEnd(6)}${'requests'.padStart(9)}${'bytes'.padStart(11)}${'p50'.padStart(7)}${'p90'.padStart(7)}${'p99'.padStart(7)}`,
  );
  for (const [c, f] of Object.entries(traffic.byStatusClass)) {
    const d = f.durationSeconds;
    out.push(
      `  ${c.padEnd(6)}${String(f.requests).padStart(9)}${formatBytes(f.responseBytes).padStart(11)}${formatSeconds(d?.p50).padStart(7)}${formatSeconds(d?.p90).padStart(7)}${formatSeconds(d?.p99).padStart(7)}`,
    );
  }
  return out;
}

/** Absent values are written as null so every key of the contract is always present. */
export function formatAnalyseJson(report: AnalyseReport): string {
  return `${JSON.stringify(report, (_key, value) => (value === undefined ? null : value), 2)}\n`;
}

/** Exit 0 with the report; 1 when a file could not be read to its end (the report says which). Bad input throws. */
export async function runAnalyse(
  options: AnalyseOptions & { format: 'text' | 'json' | 'html'; output?: string },
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<number> {
  // --format html: the page's series, templates and samples are collected while reading (src/web).
  const collectors = options.format === 'html' ? createReportCollectors() : undefined;
  // Bad input (nothing to read, a bad config or format) throws a UserError: src/cli/main.ts maps it to exit 2.
  const report = await analyseLogs(
    options,
    collectors === undefined
      ? {}
      : {
          observe: collectors.observe,
          onParseFailure: collectors.recordParseFailure,
          onVersions: collectors.recordVersions,
        },
  );
  const body =
    collectors !== undefined
      ? renderHtmlReport(buildHtmlReportData(report, collectors, Date.now() / 1000), loadChartLibrary())
      : options.format === 'json'
        ? formatAnalyseJson(report)
        : renderAnalyseText(report);
  if (options.output === undefined) io.stdout(body);
  else {
    try {
      writeFileSync(options.output, body);
    } catch (err) {
      throw new UserError(
        `analyse: cannot write ${options.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  }
  const unread = report.files.filter((f) => f.error !== undefined);
  for (const f of unread) io.stderr(`wsgiwatch analyse: ${f.path}: ${f.error}\n`);
  return unread.length === 0 ? 0 : 1;
}
