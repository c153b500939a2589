// The engine's aggregates → the report model, in one function every view reads (see report.ts).

import { formatFlushDelayBannerFromConfig } from '../analyse/findings/format-flush-delay-banner.ts';
import type { Engine } from '../engine/create-engine.ts';
import type { LogKind } from '../sources/log-line.ts';
import type { TailFileStats } from '../sources/tail/tail-types.ts';
import type { ParseStats } from '../state/parse-stats.ts';
import { buildLocationRow } from './build-location-row.ts';
import { buildTraffic } from './build-traffic.ts';
import type { LiveLocationRow, ParseFailureRow, Report, SourceRow } from './report.ts';

/** What a driver knows about a file it reads (the tailer's stats, or the batch driver's per-file counts). */
export type FileStats = Pick<
  TailFileStats,
  | 'path'
  | 'log'
  | 'state'
  | 'error'
  | 'offsetBytes'
  | 'sizeBytes'
  | 'linesRead'
  | 'rotations'
  | 'truncations'
  | 'linesLost'
> & {
  /** Lines of this file that did not parse; default: the engine's count for its path. */
  parseFailures?: number;
  wrapper?: SourceRow['wrapper'];
};

export function buildReport(engine: Engine, files: FileStats[], nowSeconds: number): Report {
  const { state } = engine;
  const modWsgiVersion = engine.modWsgiVersion();
  const sources: SourceRow[] = files.map((f) => ({
    path: f.path,
    log: f.log,
    state: f.state,
    ...(f.error !== undefined ? { error: f.error } : {}),
    offsetBytes: f.offsetBytes,
    sizeBytes: f.sizeBytes,
    lagBytes: Math.max(0, f.sizeBytes - f.offsetBytes),
    linesRead: f.linesRead,
    rotations: f.rotations,
    truncations: f.truncations,
    linesLost: f.linesLost,
    parseFailures: f.parseFailures ?? state.parse.byPath(f.path),
    ...(f.wrapper !== undefined ? { wrapper: f.wrapper } : {}),
  }));

  // Every location with requests or a rate rule, once.
  const keys = new Map<string, { vhost: string; location: string }>();
  for (const l of state.requests.locations()) keys.set(`${l.vhost}\u0000${l.location}`, l);
  for (const e of state.ratelimit.entries()) keys.set(`${e.vhost}\u0000${e.location}`, e);
  const locations: LiveLocationRow[] = [...keys.values()]
    .sort((a, b) => a.vhost.localeCompare(b.vhost) || a.location.localeCompare(b.location))
    .map(({ vhost, location }) => {
      const ctx = engine.describeLocation(vhost, location);
      const rate = state.ratelimit.get(vhost, location);
      return buildLocationRow({
        vhost,
        location,
        rateKiBps: rate?.rateBytesPerSecond !== undefined ? rate.rateBytesPerSecond / 1024 : ctx?.rate?.rateKiB,
        burstKiB: rate?.burstBytes !== undefined ? rate.burstBytes / 1024 : ctx?.rate?.burstKiB,
        daemon: ctx?.daemon,
        filterOnly: ctx?.rate?.filter?.only,
        measured: rate === undefined ? undefined : state.ratelimit.verdict(rate, nowSeconds),
        modWsgiVersion,
        ratioHistory: rate === undefined ? [] : rate.history.toArray(),
        requests: state.requests.recent(vhost, location, nowSeconds),
      });
    });

  const versions = state.wsgi.versions();
  const findings = engine.findings();
  const { model } = engine.config();
  return {
    versions: {
      apache: versions.apache,
      modWsgi: modWsgiVersion ?? versions.modWsgi,
      python: versions.python,
      mpm: versions.mpm,
    },
    sources,
    locations,
    wsgi: {
      byCode: state.wsgi.byCode(),
      byKind: state.wsgi.byKind(),
      recent: state.wsgi.recent(),
      other: state.wsgi.otherSamples(),
      notKept: state.wsgi.recentDropped(),
    },
    findings,
    banners: formatFlushDelayBannerFromConfig(findings, model, locations),
    setup: {
      ...(model.files.length > 0 ? { apacheConfig: model.files[0] } : {}),
      rateLimitedLocations: locations.filter((l) => l.rateKiBps !== undefined).length,
    },
    traffic:
      engine.pathSegments === undefined
        ? buildTraffic(state.requests.series(), 'config')
        : buildTraffic(engine.pathSegments.requests.series(), 'path-segments'),
    parseFailures: parseFailureRows(state.parse),
  };
}

/** By count, most first; each with its first samples. */
function parseFailureRows(parse: ParseStats): ParseFailureRow[] {
  const rows: ParseFailureRow[] = [];
  for (const [key, count] of parse.byLogReason()) {
    const [log, reason] = key.split('\u0000') as [LogKind, string];
    rows.push({
      log,
      reason,
      count,
      samples: parse.samples(log, reason).map((s) => ({
        text: s.sample,
        ...(s.path !== undefined ? { path: s.path } : {}),
        ...(s.file !== undefined ? { file: s.file } : {}),
        ...(s.line !== undefined ? { line: s.line } : {}),
        ...(s.offset !== undefined ? { offset: s.offset } : {}),
      })),
    });
  }
  return rows.sort((a, b) => b.count - a.count || a.log.localeCompare(b.log) || a.reason.localeCompare(b.reason));
}
