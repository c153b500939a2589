import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBoundedRing } from '../src/bounded-ring.ts';

describe('createBoundedRing', () => {
  it('keeps the newest `capacity` items, newest last, and counts the dropped', () => {
    const ring = createBoundedRing<number>(3);
    expect(ring.toArray()).toEqual([]);
    for (const n of [1, 2]) ring.push(n);
    expect(ring.toArray()).toEqual([1, 2]);
    for (const n of [3, 4, 5]) ring.push(n);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect([ring.size, ring.capacity, ring.dropped]).toEqual([3, 3, 2]);
  });

  it('matches the tail of the pushed sequence for any capacity (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer(), { maxLength: 100 }), (cap, xs) => {
        const ring = createBoundedRing<number>(cap);
        for (const x of xs) ring.push(x);
        expect(ring.toArray()).toEqual(xs.slice(Math.max(0, xs.length - cap)));
        expect(ring.dropped).toBe(Math.max(0, xs.length - cap));
      }),
    );
  });
});
