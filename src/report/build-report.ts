// The engine's aggregates → the report model, in one function every view reads (see report.ts).

import type { Engine } from '../engine/create-engine.ts';
import type { TailFileStats } from '../sources/tail/tail-types.ts';
import { buildLocationRow } from './build-location-row.ts';
import type { LiveLocationRow, Report, SourceRow } from './report.ts';

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
        ratioHistory: rate === undefined ? [] : rate.history.slice(),
        requests: state.requests.recent(vhost, location, nowSeconds),
      });
    });

  const versions = state.wsgi.versions();
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
    findings: engine.findings(),
  };
}
