// Builds the /api/v1/snapshot document (also what the dashboard renders): the engine's report on the live clock, plus
// the rates between two builds.

import { hostname } from 'node:os';
import type { Engine } from '../engine/create-engine.ts';
import type { LogRing } from '../log.ts';
import { buildReport } from '../report/build-report.ts';
import type { Snapshot } from '../report/snapshot.ts';
import type { TailFileStats } from '../sources/tail/tail-types.ts';

export interface SnapshotInputs {
  engine: Engine;
  tailStats: () => TailFileStats[];
  agentLog: Pick<LogRing, 'lines' | 'dropped'>;
  startedAtMs: number;
  now: () => number;
}

export interface SnapshotBuilder {
  build(): Snapshot;
}

/** Rebuilding faster than every 0.5 s would make a rate jumpy: keep the last one. */
const MIN_RATE_INTERVAL_MS = 500;

/** Turns a growing counter into a per-second rate between two reads. */
function createRate(): (value: number, nowMs: number) => number {
  let prev: { value: number; atMs: number; rate: number } | undefined;
  return (value, nowMs) => {
    if (prev === undefined) {
      prev = { value, atMs: nowMs, rate: 0 };
      return 0;
    }
    if (nowMs - prev.atMs < MIN_RATE_INTERVAL_MS) return prev.rate;
    const rate = Math.max(0, (value - prev.value) / ((nowMs - prev.atMs) / 1000));
    prev = { value, atMs: nowMs, rate };
    return rate;
  };
}

export function createSnapshotBuilder(inputs: SnapshotInputs): SnapshotBuilder {
  const lineRates = new Map<string, (value: number, nowMs: number) => number>();
  const requestRate = createRate();
  const host = hostname();

  function linesPerSecond(key: string, lines: number, nowMs: number): number {
    let rate = lineRates.get(key);
    if (rate === undefined) {
      rate = createRate();
      lineRates.set(key, rate);
    }
    return rate(lines, nowMs);
  }

  return {
    build() {
      const nowMs = inputs.now();
      const report = buildReport(inputs.engine, inputs.tailStats(), nowMs / 1000);
      const sources = report.sources.map((s) => ({
        ...s,
        linesPerSecond: linesPerSecond(`${s.log}\u0000${s.path}`, s.linesRead, nowMs),
      }));
      const totalRequests = report.locations.reduce((a, l) => a + l.requestsTotal, 0);
      return {
        generatedAtSeconds: nowMs / 1000,
        host,
        uptimeSeconds: (nowMs - inputs.startedAtMs) / 1000,
        versions: report.versions,
        totals: {
          linesPerSecond: sources.reduce((a, s) => a + s.linesPerSecond, 0),
          requestsPerSecond: requestRate(totalRequests, nowMs),
          worstLagBytes: sources.reduce((a, s) => Math.max(a, s.lagBytes), 0),
          parseFailures: inputs.engine.state.parse.total(),
        },
        sources,
        locations: report.locations,
        wsgi: report.wsgi,
        findings: report.findings,
        agentLog: inputs.agentLog.lines(),
        agentLogDropped: inputs.agentLog.dropped(),
      };
    },
  };
}
