// Parse failures by (log, reason), and the first sample of each kind (logged once, shown in the API).

import type { ParseFailure } from '../parse/parse-failure.ts';

export interface ParseStats {
  /** Returns true the first time this (log, reason) is seen: the caller logs the sample then. */
  record(log: string, path: string, failure: ParseFailure): boolean;
  byLogReason(): Map<string, number>;
  /** Failures of one file; with `log`, only those of that parser (a wrapped file feeds both). */
  byPath(path: string, log?: string): number;
  total(): number;
}

export function createParseStats(): ParseStats {
  const counts = new Map<string, number>();
  const perPath = new Map<string, number>();
  let total = 0;
  return {
    record(log, path, failure) {
      const key = `${log}\u0000${failure.reason}`;
      const n = counts.get(key) ?? 0;
      counts.set(key, n + 1);
      perPath.set(path, (perPath.get(path) ?? 0) + 1);
      const logPath = `${log}\u0000${path}`;
      perPath.set(logPath, (perPath.get(logPath) ?? 0) + 1);
      total++;
      return n === 0;
    },
    byLogReason: () => counts,
    byPath: (path, log) => perPath.get(log === undefined ? path : `${log}\u0000${path}`) ?? 0,
    total: () => total,
  };
}
