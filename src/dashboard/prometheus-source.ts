// Snapshot source `--prometheus URL`: the fleet view. PromQL over /api/v1/query with the agent's metric names; one
// location row per (instance, vhost, location), `host` = instance.

import type { Finding, FindingSeverity } from '../analyse/findings/finding.ts';
import type { Verdict } from '../analyse/throughput/verdict.ts';
import { METRIC } from '../metrics/metric-names.ts';
import { buildLocationRow } from '../report/build-location-row.ts';
import type { LocationSnapshot, Snapshot, SourceSnapshot } from '../report/snapshot.ts';
import type { SnapshotSource } from './snapshot-source.ts';

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

const BY = 'instance,vhost,location';

/** The queries, by name (exported for the tests and the docs). */
export const FLEET_QUERIES = {
  rate: METRIC.apacheRatelimitConfiguredRateBytesPerSecond,
  burst: METRIC.apacheRatelimitInitialBurstBytes,
  median: METRIC.apacheRatelimitMedianRatio,
  verdict: `${METRIC.apacheRatelimitVerdict} == 1`,
  requests: `sum by (${BY}) (${METRIC.apacheHttpRequestsTotal})`,
  rps: `sum by (${BY}) (rate(${METRIC.apacheHttpRequestsTotal}[1m]))`,
  errors: `sum by (${BY}) (rate(${METRIC.apacheHttpRequestsTotal}{status_class="5xx"}[1m]))`,
  p95: `histogram_quantile(0.95, sum by (${BY}, le) (rate(${METRIC.apacheHttpRequestDurationSeconds}_bucket[1m])))`,
  codes: `sum by (code) (${METRIC.apacheWsgiErrorsTotal})`,
  kinds: `sum by (kind) (${METRIC.apacheWsgiEventsTotal})`,
  findings: `${METRIC.apacheConfigFindings} == 1`,
  info: METRIC.apacheInfo,
  offset: METRIC.wsgiwatchLogOffsetBytes,
  size: METRIC.wsgiwatchLogSizeBytes,
  lag: METRIC.wsgiwatchLogLagBytes,
  open: METRIC.wsgiwatchLogFileOpen,
  rotations: METRIC.wsgiwatchLogRotationsTotal,
  lines: METRIC.wsgiwatchLogLinesReadTotal,
  lps: `sum by (instance, log, path) (rate(${METRIC.wsgiwatchLogLinesReadTotal}[1m]))`,
} as const;

type Results = Record<keyof typeof FLEET_QUERIES, Sample[]>;

const num = (s: Sample | undefined) => (s === undefined ? undefined : Number(s.value[1]));

/** Builds a fleet Snapshot from query results (pure). */
export function fleetSnapshot(r: Results, nowSeconds: number, label: string): Snapshot {
  const locations = fleetLocations(r, label);
  const paths = indexByPath(r);
  const sources = fleetSources(r.offset, paths);
  const sumBy = (xs: Sample[], label: string) =>
    Object.fromEntries(xs.map((x) => [x.metric[label], num(x) ?? 0]).filter(([k]) => k !== undefined));
  const findings: Finding[] = r.findings.map((x) => ({
    rule: x.metric.rule,
    severity: x.metric.severity as FindingSeverity,
    subject: `${x.metric.instance} ${x.metric.subject}`,
    message: `${x.metric.rule} on ${x.metric.subject} (${x.metric.instance})`,
    fix: 'see `wsgiwatch check` on that host',
  }));
  const info = r.info[0]?.metric ?? {};
  const hosts = new Set(r.info.map((x) => x.metric.instance));
  return {
    generatedAtSeconds: nowSeconds,
    host: `${hosts.size} host${hosts.size === 1 ? '' : 's'}`,
    uptimeSeconds: 0,
    versions: {
      apache: info.apache_version,
      modWsgi: info.mod_wsgi_version,
      python: info.python_version,
      mpm: info.mpm,
    },
    totals: {
      linesPerSecond: [...paths.lps.values()].reduce((a, b) => a + b, 0),
      requestsPerSecond: locations.reduce((a, l) => a + l.requestsPerSecond, 0),
      worstLagBytes: Math.max(0, ...paths.lag.values()),
      parseFailures: 0,
    },
    sources,
    locations,
    wsgi: { byCode: sumBy(r.codes, 'code'), byKind: sumBy(r.kinds, 'kind'), recent: [] },
    findings,
    agentLog: [],
  };
}

/** One row per (instance, vhost, location) that has requests or a configured rate. */
function fleetLocations(r: Results, label: string): (LocationSnapshot & { host: string })[] {
  const key = (m: Record<string, string>) => `${m.instance}\u0000${m.vhost}\u0000${m.location}`;
  const index = (xs: Sample[]) => new Map(xs.map((x) => [key(x.metric), x]));
  const rate = index(r.rate);
  const burst = index(r.burst);
  const median = index(r.median);
  const verdict = index(r.verdict);
  const requests = index(r.requests);
  const rps = index(r.rps);
  const errors = index(r.errors);
  const p95 = index(r.p95);
  const keys = new Set([...r.requests, ...r.rate].map((x) => key(x.metric)));
  return [...keys].sort().map((k) => {
    const [instance, vhost, location] = k.split('\u0000');
    const rateBytes = num(rate.get(k));
    const all = num(rps.get(k)) ?? 0;
    const p = num(p95.get(k));
    const measured = verdict.get(k)?.metric.verdict as Verdict | undefined;
    const row = buildLocationRow({
      vhost,
      location,
      rateKiBps: rateBytes === undefined ? undefined : rateBytes / 1024,
      burstKiB: rateBytes === undefined ? undefined : (num(burst.get(k)) ?? 0) / 1024,
      // Prometheus has the verdict, not the responses behind it.
      measured: measured === undefined ? undefined : { verdict: measured, samples: 0, medianRatio: num(median.get(k)) },
      requests: {
        requestsTotal: num(requests.get(k)) ?? 0,
        requestsPerSecond: all,
        errorRatio: all > 0 ? (num(errors.get(k)) ?? 0) / all : 0,
        p95DurationSeconds: p !== undefined && Number.isFinite(p) ? p : undefined,
      },
      explanation: `${instance} ${vhost} ${location}: from Prometheus (${label}); the per-response evidence is on the agent (top --connect).`,
    });
    return { host: instance, ...row };
  });
}

const pathKey = (m: Record<string, string>) => `${m.instance}\u0000${m.log}\u0000${m.path}`;

/** The per-file series, each by (instance, log, path). */
function indexByPath(r: Results) {
  const byPath = (xs: Sample[]) => new Map(xs.map((x) => [pathKey(x.metric), num(x) ?? 0]));
  return {
    size: byPath(r.size),
    lag: byPath(r.lag),
    open: byPath(r.open),
    rotations: byPath(r.rotations),
    lines: byPath(r.lines),
    lps: byPath(r.lps),
  };
}

/** One source per file offset series. */
function fleetSources(offsets: Sample[], p: ReturnType<typeof indexByPath>): SourceSnapshot[] {
  return offsets.map((x) => {
    const k = pathKey(x.metric);
    return {
      path: `${x.metric.instance}:${x.metric.path}`,
      log: x.metric.log === 'error' ? 'error' : 'access',
      state: p.open.get(k) === 1 ? 'open' : 'waiting',
      offsetBytes: num(x) ?? 0,
      sizeBytes: p.size.get(k) ?? 0,
      lagBytes: p.lag.get(k) ?? 0,
      linesRead: p.lines.get(k) ?? 0,
      linesPerSecond: p.lps.get(k) ?? 0,
      rotations: p.rotations.get(k) ?? 0,
      truncations: 0,
      linesLost: 0,
      parseFailures: 0,
    };
  });
}

export function createPrometheusSource(baseUrl: string, fetchImpl: typeof fetch = fetch): SnapshotSource {
  const base = baseUrl.replace(/\/+$/, '');
  const query = async (q: string): Promise<Sample[]> => {
    const res = await fetchImpl(`${base}/api/v1/query?query=${encodeURIComponent(q)}`, {
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`${base}: HTTP ${res.status} for ${q}`);
    const body = (await res.json()) as { status: string; data?: { result: Sample[] }; error?: string };
    if (body.status !== 'success') throw new Error(`${base}: ${body.error ?? 'query failed'}`);
    return body.data?.result ?? [];
  };
  return {
    label: `prometheus ${base}`,
    async read() {
      const names = Object.keys(FLEET_QUERIES) as (keyof typeof FLEET_QUERIES)[];
      const results = await Promise.all(names.map((n) => query(FLEET_QUERIES[n])));
      return fleetSnapshot(
        Object.fromEntries(names.map((n, i) => [n, results[i]])) as Results,
        Date.now() / 1000,
        base,
      );
    },
  };
}
