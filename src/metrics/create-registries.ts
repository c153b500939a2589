// The Prometheus registries: every family reads wsgiwatch's aggregates at scrape time. Two registries with the same
// families (text format and OpenMetrics), chosen per request by the Accept header; no global registry.

import { createRequire } from 'node:module';
import type { Registry as RegistryClass } from '@prometheus-io/client';
import type { Finding } from '../analyse/findings/finding.ts';
import type { Verdict } from '../analyse/throughput/verdict.ts';
import type { TailFileStats } from '../sources/tail/tail-types.ts';
import type { DroppedCounter } from '../state/dropped-counter.ts';
import type { ParseStats } from '../state/parse-stats.ts';
import { RATIO_BUCKETS, type RateLimitStats } from '../state/ratelimit-stats.ts';
import { DURATION_BUCKETS, type RequestStats } from '../state/request-stats.ts';
import type { WsgiStats } from '../state/wsgi-stats.ts';
import { defineFamily, type FamilyDefinition, type FamilySample, histogramSamples } from './define-family.ts';
import { METRIC } from './metric-names.ts';
import { processFamilies } from './process-families.ts';

// The client's registry (the exposition formats) and nothing else: its index loads the Pushgateway too, whose node:https
// brings OpenSSL's TLS stack (≈ 5 MiB resident for nothing in a sidecar's footprint). The index's types describe it.
const require = createRequire(import.meta.url);
const Registry: typeof RegistryClass = require('@prometheus-io/client/lib/registry.js');

export const VERDICTS: readonly Verdict[] = ['conforming', 'throttled', 'ineffective', 'unclear', 'insufficient-data'];

export interface MetricsSources {
  requests: RequestStats;
  ratelimit: RateLimitStats;
  wsgi: WsgiStats;
  parse: ParseStats;
  dropped: DroppedCounter;
  tailStats: () => TailFileStats[];
  findings: () => Finding[];
  config: () => { loaded: boolean; success: boolean; timestampSeconds: number };
  /** Failed writes of the positions file (disk full, read-only, permissions); optional for embedders without one. */
  positionsWriteErrors?: () => number;
  build: { version: string; revision: string };
  now: () => number;
}

/** Samples of a count kept under a two-label key (`a\u0000b`), labelled `first` and `second`. */
function pairSamples(counts: Iterable<[string, number]>, first: string, second: string) {
  return [...counts].map(([key, value]) => {
    const [a, b] = key.split('\u0000');
    return { labels: { [first]: a, [second]: b }, value };
  });
}

/** All wsgiwatch families, in exposition order. */
export function createFamilies(s: MetricsSources): FamilyDefinition[] {
  return [
    ...requestFamilies(s),
    ...rateLimitFamilies(s),
    ...verdictFamilies(s),
    ...wsgiFamilies(s),
    ...configFamilies(s),
    ...tailFamilies(s),
    ...agentFamilies(s),
  ];
}

/** Requests by vhost, location and status class, from the access log. */
function requestFamilies(s: MetricsSources): FamilyDefinition[] {
  return [
    {
      name: METRIC.apacheHttpRequestsTotal,
      help: 'Requests seen in the access log, by virtual host, configured location and status class (%>s).',
      type: 'counter',
      collect: () =>
        [...s.requests.series()].map((r) => ({
          labels: { vhost: r.vhost, location: r.location, status_class: r.statusClass },
          value: r.requests,
        })),
    },
    {
      name: METRIC.apacheHttpResponseBytesTotal,
      help: 'Bytes sent including headers (%O), or body bytes (%B) when the format has no %O.',
      type: 'counter',
      collect: () =>
        [...s.requests.series()].map((r) => ({
          labels: { vhost: r.vhost, location: r.location, status_class: r.statusClass },
          value: r.responseBytes,
        })),
    },
    {
      name: METRIC.apacheHttpRequestDurationSeconds,
      help: 'Time to serve the request (%D, %{us}T, %{ms}T or %T), seconds.',
      type: 'histogram',
      collect: () =>
        [...s.requests.series()].flatMap((r) =>
          histogramSamples(
            METRIC.apacheHttpRequestDurationSeconds,
            { vhost: r.vhost, location: r.location, status_class: r.statusClass },
            DURATION_BUCKETS,
            r.durationBuckets,
            r.durationSum,
            r.durationCount,
          ),
        ),
    },
  ];
}

/** What each rate-limited location is configured to and what its responses measured. */
function rateLimitFamilies(s: MetricsSources): FamilyDefinition[] {
  return [
    {
      name: METRIC.apacheRatelimitThroughputRatio,
      help: 'Per response: transfer time mod_ratelimit allows divided by the measured time (1 = at the limit, below 1 = throttled further, above 1 = limit not applied).',
      type: 'histogram',
      collect: () =>
        [...s.ratelimit.entries()].flatMap((e) =>
          histogramSamples(
            METRIC.apacheRatelimitThroughputRatio,
            { vhost: e.vhost, location: e.location },
            RATIO_BUCKETS,
            e.ratioBuckets,
            e.ratioSum,
            e.ratioCount,
          ),
        ),
    },
    {
      name: METRIC.apacheRatelimitConfiguredRateBytesPerSecond,
      help: 'The rate-limit in effect for the location (rate-limit KiB/s × 1024).',
      type: 'gauge',
      collect: () =>
        [...s.ratelimit.entries()]
          .filter((e) => e.rateBytesPerSecond !== undefined)
          .map((e) => ({
            labels: { vhost: e.vhost, location: e.location },
            value: e.rateBytesPerSecond as number,
          })),
    },
    {
      name: METRIC.apacheRatelimitInitialBurstBytes,
      help: 'The rate-initial-burst in effect for the location (KiB × 1024); 0 when unset.',
      type: 'gauge',
      collect: () =>
        [...s.ratelimit.entries()]
          .filter((e) => e.rateBytesPerSecond !== undefined)
          .map((e) => ({
            labels: { vhost: e.vhost, location: e.location },
            value: e.burstBytes ?? 0,
          })),
    },
    {
      name: METRIC.apacheRatelimitUnmeasuredResponsesTotal,
      help: 'Responses on a rate-limited location that could not be measured, by reason.',
      type: 'counter',
      collect: () =>
        [...s.ratelimit.entries()].flatMap((e) =>
          [...e.unmeasured].map(([reason, n]) => ({
            labels: { vhost: e.vhost, location: e.location, reason },
            value: n,
          })),
        ),
    },
  ];
}

/** The verdict over the sliding window, read at scrape time. */
function verdictFamilies(s: MetricsSources): FamilyDefinition[] {
  const nowSeconds = () => s.now() / 1000;
  return [
    {
      name: METRIC.apacheRatelimitVerdict,
      help: 'Rate-limit verdict per location over the sliding window: 1 for the current verdict, 0 for the others.',
      type: 'gauge',
      collect: () =>
        [...s.ratelimit.entries()].flatMap((e) => {
          const v = s.ratelimit.verdict(e, nowSeconds()).verdict;
          return VERDICTS.map((verdict) => ({
            labels: { vhost: e.vhost, location: e.location, verdict },
            value: v === verdict ? 1 : 0,
          }));
        }),
    },
    {
      name: METRIC.apacheRatelimitMedianRatio,
      help: 'Median throughput ratio (allowed ÷ measured time) over the verdict window.',
      type: 'gauge',
      collect: () =>
        [...s.ratelimit.entries()].flatMap((e) => {
          const m = s.ratelimit.verdict(e, nowSeconds()).medianRatio;
          return m === undefined ? [] : [{ labels: { vhost: e.vhost, location: e.location }, value: m }];
        }),
    },
  ];
}

/** mod_wsgi events and the versions from the startup line, from the error log. */
function wsgiFamilies(s: MetricsSources): FamilyDefinition[] {
  return [
    {
      name: METRIC.apacheWsgiErrorsTotal,
      help: 'mod_wsgi log lines carrying a WSGI#### message ID (6.x), by code and level.',
      type: 'counter',
      collect: () => pairSamples(s.wsgi.byCodeLevel(), 'code', 'level'),
    },
    {
      name: METRIC.apacheWsgiEventsTotal,
      help: 'mod_wsgi and Apache events by kind (coded and uncoded lines, tracebacks grouped into one) and level.',
      type: 'counter',
      collect: () => pairSamples(s.wsgi.byKindLevel(), 'kind', 'level'),
    },
    {
      name: METRIC.apacheInfo,
      help: 'Apache, mod_wsgi and Python versions from the last startup line (AH00489/AH00163/AH00292).',
      type: 'gauge',
      collect: () => {
        const v = s.wsgi.versions();
        if (v.apache === undefined && v.modWsgi === undefined) return [];
        return [
          {
            labels: {
              apache_version: v.apache ?? '',
              mod_wsgi_version: v.modWsgi ?? '',
              python_version: v.python ?? '',
              mpm: v.mpm ?? '',
            },
            value: 1,
          },
        ];
      },
    },
  ];
}

/** The Apache configuration: findings and the last read. */
function configFamilies(s: MetricsSources): FamilyDefinition[] {
  return [
    {
      name: METRIC.apacheConfigFindings,
      help: 'Active Apache configuration findings (1 each) by rule, severity and subject.',
      type: 'gauge',
      collect: () =>
        s.findings().map((f) => ({ labels: { rule: f.rule, severity: f.severity, subject: f.subject }, value: 1 })),
    },
    {
      name: METRIC.apacheConfigLastLoadSuccess,
      help: 'Whether the last read of the Apache configuration succeeded (1) or failed (0).',
      type: 'gauge',
      collect: () => (s.config().loaded ? [{ labels: {}, value: s.config().success ? 1 : 0 }] : []),
    },
    {
      name: METRIC.apacheConfigLastLoadTimestampSeconds,
      help: 'When the Apache configuration was last read, unix seconds.',
      type: 'gauge',
      collect: () => (s.config().loaded ? [{ labels: {}, value: s.config().timestampSeconds }] : []),
    },
  ];
}

/** The tailer's own per-file progress and the positions file. */
function tailFamilies(s: MetricsSources): FamilyDefinition[] {
  const perFile = (pick: (t: TailFileStats) => number) => () =>
    s.tailStats().map((t): FamilySample => ({ labels: { log: t.log, path: t.path }, value: pick(t) }));
  return [
    {
      name: METRIC.wsgiwatchLogLinesReadTotal,
      help: 'Lines read from the log file.',
      type: 'counter',
      collect: perFile((t) => t.linesRead),
    },
    {
      name: METRIC.wsgiwatchLogReadBytesTotal,
      help: 'Bytes read from the log file.',
      type: 'counter',
      collect: perFile((t) => t.bytesRead),
    },
    {
      name: METRIC.wsgiwatchLogOffsetBytes,
      help: 'Offset of the last complete line read in the current file.',
      type: 'gauge',
      collect: perFile((t) => t.offsetBytes),
    },
    {
      name: METRIC.wsgiwatchLogSizeBytes,
      help: 'Size of the current file at the last poll.',
      type: 'gauge',
      collect: perFile((t) => t.sizeBytes),
    },
    {
      name: METRIC.wsgiwatchLogLagBytes,
      help: 'Bytes written to the file but not read yet (size − offset).',
      type: 'gauge',
      collect: perFile((t) => Math.max(0, t.sizeBytes - t.offsetBytes)),
    },
    {
      name: METRIC.wsgiwatchLogFileOpen,
      help: 'Whether the file is open and being read (1) or waited for / failing (0).',
      type: 'gauge',
      collect: perFile((t) => (t.state === 'open' ? 1 : 0)),
    },
    {
      name: METRIC.wsgiwatchLogRotationsTotal,
      help: 'Rotations seen: a new file behind the same path.',
      type: 'counter',
      collect: perFile((t) => t.rotations),
    },
    {
      name: METRIC.wsgiwatchLogTruncationsTotal,
      help: 'Truncations seen: the file shrank or changed in place (copytruncate).',
      type: 'counter',
      collect: perFile((t) => t.truncations),
    },
    {
      name: METRIC.wsgiwatchLogLinesLostTotal,
      help: 'Lines a copytruncate made unrecoverable (written after the last read, truncated, no rotated copy found); estimated from the byte count.',
      type: 'counter',
      collect: perFile((t) => t.linesLost),
    },
    {
      name: METRIC.wsgiwatchLogLinesTruncatedTotal,
      help: 'Lines longer than the line cap, truncated.',
      type: 'counter',
      collect: perFile((t) => t.linesTruncated),
    },
    {
      name: METRIC.wsgiwatchLogReadErrorsTotal,
      help: 'Open, stat or read failures (permissions, I/O).',
      type: 'counter',
      collect: perFile((t) => t.readErrors),
    },
    {
      name: METRIC.wsgiwatchPositionsWriteErrorsTotal,
      help: 'Failed writes of the positions file (disk full, read-only, permissions); reading goes on, the write is retried.',
      type: 'counter',
      collect: () => [{ labels: {}, value: s.positionsWriteErrors?.() ?? 0 }],
    },
  ];
}

/** wsgiwatch's own health: parse failures, capped labels, build. */
function agentFamilies(s: MetricsSources): FamilyDefinition[] {
  return [
    {
      name: METRIC.wsgiwatchLogParseFailuresTotal,
      help: 'Lines that did not match the log format, by reason.',
      type: 'counter',
      collect: () => pairSamples(s.parse.byLogReason(), 'log', 'reason'),
    },
    {
      name: METRIC.wsgiwatchDroppedTotal,
      help: 'Label values folded into "other" (or events dropped) by cardinality caps, by what was capped.',
      type: 'counter',
      collect: () => s.dropped.entries().map(([what, n]) => ({ labels: { what }, value: n })),
    },
    {
      name: METRIC.wsgiwatchBuildInfo,
      help: 'A constant 1 labelled with the wsgiwatch version, git revision and Node.js version.',
      type: 'gauge',
      collect: () => [
        { labels: { version: s.build.version, revision: s.build.revision, nodejs_version: process.version }, value: 1 },
      ],
    },
  ];
}

export interface Registries {
  text: RegistryClass;
  openMetrics: RegistryClass<'application/openmetrics-text; version=1.0.0; charset=utf-8'>;
}

/** Both registries with the same wsgiwatch families and the process and runtime families, all read at scrape time. */
export function createRegistries(sources: MetricsSources): Registries {
  const text = new Registry();
  const openMetrics = new Registry(Registry.OPENMETRICS_CONTENT_TYPE);
  for (const family of [...createFamilies(sources), ...processFamilies()]) {
    text.registerMetric(defineFamily(family));
    openMetrics.registerMetric(defineFamily(family, true));
  }
  return { text, openMetrics };
}
