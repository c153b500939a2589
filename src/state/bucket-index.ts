// Which histogram bucket a value falls in: the aggregates count per bucket on the hot path, the metrics page sums them
// up at scrape time.

/** Index of the first bucket whose upper bound is ≥ value; bounds.length for +Inf. */
export function bucketIndex(bounds: readonly number[], value: number): number {
  let i = 0;
  while (i < bounds.length && value > bounds[i]) i++;
  return i;
}
