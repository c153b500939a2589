// A fixed-capacity ring of recent events for the dashboard and the JSON API (newest last).

export interface EventRing<T> {
  push(item: T): void;
  /** Oldest first, newest last. */
  toArray(): T[];
  readonly size: number;
  readonly capacity: number;
  /** Items overwritten since creation (counted, never silently lost). */
  readonly dropped: number;
}

/** A ring holding the last `capacity` items; O(1) push. */
export function createEventRing<T>(capacity: number): EventRing<T> {
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
