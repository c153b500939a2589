// The one fixed-capacity ring for everything kept "most recent N" (recent events, wsgiwatch's own log lines, the
// sparkline history): the oldest item goes when a new one comes, and what went is counted, so every view can say so.

export interface BoundedRing<T> {
  push(item: T): void;
  /** Oldest first, newest last. */
  toArray(): T[];
  readonly size: number;
  readonly capacity: number;
  /** Items pushed out by newer ones since creation. */
  readonly dropped: number;
}

/** A ring holding the last `capacity` items (at least 1); O(1) push. */
export function createBoundedRing<T>(capacity: number): BoundedRing<T> {
  const cap = Math.max(1, Math.floor(capacity));
  const items: T[] = new Array(cap);
  let next = 0;
  let size = 0;
  let dropped = 0;
  return {
    push(item: T) {
      items[next] = item;
      next = (next + 1) % cap;
      if (size < cap) size++;
      else dropped++;
    },
    toArray() {
      const start = (next - size + cap) % cap;
      const out: T[] = [];
      for (let i = 0; i < size; i++) out.push(items[(start + i) % cap]);
      return out;
    },
    get size() {
      return size;
    },
    get capacity() {
      return cap;
    },
    get dropped() {
      return dropped;
    },
  };
}
