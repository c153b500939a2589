// Parse failures by (log, reason), with the first samples of each (the report's table; the first one is also logged).

import type { ParseFailure } from '../parse/parse-failure.ts';
import { createParseFailureSamples, type ParseFailureSample } from './parse-failure-samples.ts';

export interface ParseStats {
  /**
   * Returns true the first time this (log, reason) is seen: the caller logs the sample then. `offset`: the line's
   * byte offset in its file, so that a batch reader can give the sample its line number.
   */
  record(log: string, path: string, failure: ParseFailure, offset?: number): boolean;
  byLogReason(): Map<string, number>;
  /** The first samples (at most 3) of a (log, reason). */
  samples(log: string, reason: string): ParseFailureSample[];
  /** Samples kept with an offset since the last call, for a batch reader to locate (locateSamples). */
  takeUnlocated(): ParseFailureSample[];
  /** Failures of one file; with `log`, only those of that parser (a wrapped file feeds both). */
  byPath(path: string, log?: string): number;
  total(): number;
  /** Plain data for merge(): a worker's share of `analyse --jobs`. */
  part(): ParseStatsPart;
  /** Adds a part's counts, in its first-seen order (folded in file order, the same maps as reading it here). */
  merge(part: ParseStatsPart): void;
}

export interface ParseStatsPart {
  counts: [string, number][];
  perPath: [string, number][];
  total: number;
  samples: [string, ParseFailureSample[]][];
}

export function createParseStats(): ParseStats {
  const counts = new Map<string, number>();
  const perPath = new Map<string, number>();
  const samples = createParseFailureSamples();
  // Bounded: samples are kept for at most 3 per (log, reason), a fixed vocabulary.
  let unlocated: ParseFailureSample[] = [];
  let total = 0;
  return {
    record(log, path, failure, offset) {
      const key = `${log}\u0000${failure.reason}`;
      const n = counts.get(key) ?? 0;
      counts.set(key, n + 1);
      perPath.set(path, (perPath.get(path) ?? 0) + 1);
      const logPath = `${log}\u0000${path}`;
      perPath.set(logPath, (perPath.get(logPath) ?? 0) + 1);
      total++;
      const kept = samples.record(key, failure, { path, offset });
      if (kept !== undefined && offset !== undefined) unlocated.push(kept);
      return n === 0;
    },
    byLogReason: () => counts,
    samples: (log, reason) => samples.byKey(`${log}\u0000${reason}`),
    takeUnlocated() {
      if (unlocated.length === 0) return unlocated;
      const out = unlocated;
      unlocated = [];
      return out;
    },
    byPath: (path, log) => perPath.get(log === undefined ? path : `${log}\u0000${path}`) ?? 0,
    total: () => total,
    part: () => ({ counts: [...counts], perPath: [...perPath], total, samples: samples.entries() }),
    merge(part) {
      samples.merge(part.samples);
      for (const [k, n] of part.counts) counts.set(k, (counts.get(k) ?? 0) + n);
      for (const [k, n] of part.perPath) perPath.set(k, (perPath.get(k) ?? 0) + n);
      total += part.total;
    },
  };
}
