// Counts what the cardinality caps refused (wsgiwatch_dropped_total{what}): an attacker who controls URLs and headers
// cannot grow memory without bound, and the operator can see that something was folded into `other`.

export interface DroppedCounter {
  add(what: string, n?: number): void;
  entries(): [string, number][];
  /** Adds another counter's counts (a worker's share of `analyse --jobs`), keeping first-seen order. */
  merge(part: [string, number][]): void;
}

export function createDroppedCounter(): DroppedCounter {
  const counts = new Map<string, number>();
  return {
    add(what, n = 1) {
      counts.set(what, (counts.get(what) ?? 0) + n);
    },
    entries: () => [...counts.entries()],
    merge(part) {
      for (const [what, n] of part) counts.set(what, (counts.get(what) ?? 0) + n);
    },
  };
}

/** Returns `value` while fewer than `max` distinct values were seen, else `other` (counted as dropped). */
export function createLabelCap(max: number, what: string, dropped: DroppedCounter): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size < max) {
      seen.add(value);
      return value;
    }
    dropped.add(what);
    return 'other';
  };
}
