// A quantile read back from per-bucket (not cumulative) histogram counts, as Prometheus' histogram_quantile does:
// linear within the bucket the rank falls in.

/**
 * `counts` has bounds.length + 1 slots (the last one above every bound). A rank in that last bucket reads as the top
 * bound: the histogram knows no more. Undefined when there is nothing counted.
 */
export function bucketQuantile(bounds: readonly number[], counts: readonly number[], q: number): number | undefined {
  let total = 0;
  for (const c of counts) total += c;
  if (total === 0) return undefined;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0 && below + c >= rank) {
      if (i >= bounds.length) return bounds[bounds.length - 1];
      const lower = i === 0 ? 0 : bounds[i - 1];
      return lower + (bounds[i] - lower) * ((rank - below) / c);
    }
    below += c;
  }
  return bounds[bounds.length - 1];
}
