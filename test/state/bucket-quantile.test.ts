import { describe, expect, it } from 'vitest';
import { bucketQuantile } from '../../src/state/bucket-quantile.ts';

const BOUNDS = [0.1, 1, 10];

describe('bucketQuantile', () => {
  it('is undefined with nothing counted', () => {
    expect(bucketQuantile(BOUNDS, [0, 0, 0, 0], 0.5)).toBeUndefined();
  });

  it('interpolates linearly within the bucket the rank falls in', () => {
    // 10 in (0, 0.1], 10 in (0.1, 1]: the median is the top of the first, p75 halfway through the second.
    expect(bucketQuantile(BOUNDS, [10, 10, 0, 0], 0.5)).toBeCloseTo(0.1);
    expect(bucketQuantile(BOUNDS, [10, 10, 0, 0], 0.75)).toBeCloseTo(0.55);
  });

  it('reads a rank above every bound as the top bound', () => {
    expect(bucketQuantile(BOUNDS, [1, 0, 0, 9], 0.99)).toBe(10);
  });
});
