// Builds the /api/v1/snapshot document (also what the dashboard renders) from the same aggregates /metrics reads.

import { hostname } from 'node:os';
import type { Finding } from '../analyse/findings/finding.ts';
import type { RequestContext } from '../analyse/match-location.ts';
import { explainVerdict } from '../analyse/throughput/explain-verdict.ts';
import type { TailFileStats } from '../sources/tail/tail-types.ts';
import type { ParseStats } from '../state/parse-stats.ts';
import type { RateLimitStats } from '../state/ratelimit-stats.ts';
import type { RequestStats } from '../state/request-stats.ts';
import type { LocationSnapshot, Snapshot, SourceSnapshot } from '../state/snapshot.ts';
import type { WsgiStats } from '../state/wsgi-stats.ts';

export interface SnapshotInputs {
  requests: RequestStats;
  ratelimit: RateLimitStats;
  wsgi: WsgiStats;
  parse: ParseStats;
  tailStats: () => TailFileStats[];
  findings: () => Finding[];
  /** Config facts for a location (daemon group, rate rule, filter types). */
  describeLocation: (vhost: string, location: string) => RequestContext | undefined;
  modWsgiVersion: () => string | undefined;
  agentLog: () => string[];
  startedAtMs: number;
  now: () => number;
}

export interface SnapshotBuilder {
  build(): Snapshot;
}

/** Keeps the previous line counters to turn them into lines/s between two builds. */
export function createSnapshotBuilder(inputs: SnapshotInputs): SnapshotBuilder {
  const previous = new Map<string, { lines: number; atMs: number; rate: number }>();
  let previousRequests: { total: number; atMs: number; rate: number } | undefined;
  const host = hostname();

  function linesPerSecond(key: string, lines: number, nowMs: number): number {
    const prev = previous.get(key);
    if (prev === undefined) {
      previous.set(key, { lines, atMs: nowMs, rate: 0 });
      return 0;
    }
    // Rebuilding faster than every 0.5 s would make the rate jumpy: keep the last one.
    if (nowMs - prev.atMs < 500) return prev.rate;
    const rate = Math.max(0, (lines - prev.lines) / ((nowMs - prev.atMs) / 1000));
    previous.set(key, { lines, atMs: nowMs, rate });
    return rate;
  }

  return {
    build() {
      const nowMs = inputs.now();
      const nowSeconds = nowMs / 1000;
      const sources: SourceSnapshot[] = inputs.tailStats().map((t) => ({
        path: t.path,
        log: t.log,
        state: t.state,
        error: t.error,
        offsetBytes: t.offsetBytes,
        sizeBytes: t.sizeBytes,
        lagBytes: Math.max(0, t.sizeBytes - t.offsetBytes),
        linesRead: t.linesRead,
        linesPerSecond: linesPerSecond(`${t.log}\u0000${t.path}`, t.linesRead, nowMs),
        rotations: t.rotations,
        truncations: t.truncations,
        linesLost: t.linesLost,
        parseFailures: inputs.parse.byPath(t.path),
      }));

      const modWsgiVersion = inputs.modWsgiVersion();
      const seen = new Set<string>();
      const locations: LocationSnapshot[] = [];
      let totalRequests = 0;
      for (const { vhost, location } of inputs.requests.locations()) {
        seen.add(`${vhost}\u0000${location}`);
        const recent = inputs.requests.recent(vhost, location, nowSeconds);
        totalRequests += recent.requestsTotal;
        const ctx = inputs.describeLocation(vhost, location);
        const rate = inputs.ratelimit.get(vhost, location);
        const v = rate ? inputs.ratelimit.verdict(rate, nowSeconds) : undefined;
        const rateKiBps = rate?.rateBytesPerSecond !== undefined ? rate.rateBytesPerSecond / 1024 : ctx?.rate?.rateKiB;
        const burstKiB = rate?.burstBytes !== undefined ? rate.burstBytes / 1024 : ctx?.rate?.burstKiB;
        locations.push({
          vhost,
          location,
          rateKiBps,
          burstKiB,
          daemonGroup: ctx?.daemon?.name,
          flushDelayMs: ctx?.daemon?.responseFlushDelayMs,
          samples: v?.samples ?? 0,
          achievedKiBps: v?.achievedKiBps,
          medianRatio: v?.medianRatio,
          verdict: v === undefined ? (rateKiBps === undefined ? 'no-limit' : 'insufficient-data') : v.verdict,
          explanation:
            v === undefined
              ? rateKiBps === undefined
                ? 'No rate limit applies to this location.'
                : 'No measurable response yet.'
              : explainVerdict({
                  verdict: v,
                  location,
                  rateKiB: rateKiBps,
                  daemon: ctx?.daemon,
                  modWsgiVersion,
                  filterOnly: ctx?.rate?.filter?.only,
                }),
          ratioHistory: rate ? rate.history.slice() : [],
          requestsTotal: recent.requestsTotal,
          requestsPerSecond: recent.requestsPerSecond,
          errorRatio: recent.errorRatio,
          p95DurationSeconds: recent.p95DurationSeconds,
        });
      }
      let requestsPerSecond = 0;
      if (previousRequests === undefined || nowMs - previousRequests.atMs >= 500) {
        requestsPerSecond =
          previousRequests === undefined
            ? 0
            : Math.max(0, (totalRequests - previousRequests.total) / ((nowMs - previousRequests.atMs) / 1000));
        previousRequests = { total: totalRequests, atMs: nowMs, rate: requestsPerSecond };
      } else requestsPerSecond = previousRequests.rate;

      const versions = inputs.wsgi.versions();
      return {
        generatedAtSeconds: nowSeconds,
        host,
        uptimeSeconds: (nowMs - inputs.startedAtMs) / 1000,
        versions: {
          apache: versions.apache,
          modWsgi: modWsgiVersion ?? versions.modWsgi,
          python: versions.python,
          mpm: versions.mpm,
        },
        totals: {
          linesPerSecond: sources.reduce((a, s) => a + s.linesPerSecond, 0),
          requestsPerSecond,
          worstLagBytes: sources.reduce((a, s) => Math.max(a, s.lagBytes), 0),
          parseFailures: inputs.parse.total(),
        },
        sources,
        locations,
        wsgi: { byCode: inputs.wsgi.byCode(), byKind: inputs.wsgi.byKind(), recent: inputs.wsgi.recent() },
        findings: inputs.findings(),
        agentLog: inputs.agentLog(),
      };
    },
  };
}
