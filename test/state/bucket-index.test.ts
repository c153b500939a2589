import { describe, expect, it } from 'vitest';
import { bucketIndex } from '../../src/state/bucket-index.ts';

describe('bucketIndex', () => {
  it('finds the first bound ≥ value, +Inf past the last', () => {
    const b = [0.5, 1, 2];
    expect([bucketIndex(b, 0.1), bucketIndex(b, 0.5), bucketIndex(b, 1.5), bucketIndex(b, 9)]).toEqual([0, 0, 2, 3]);
  });
});
