// Per (vhost, location): a bounded sliding window of throughput samples and the verdict it supports.

import { DEFAULTS } from '../../defaults.ts';
import type { ThroughputSample } from './measure-throughput.ts';
import type { Verdict } from './verdict.ts';

export interface LocationVerdict {
  verdict: Verdict;
  /** Measured responses in the window. */
  samples: number;
  medianRatio?: number;
  /** Achieved throughput over the window, KiB/s. */
  achievedKiBps?: { p10: number; p50: number; p90: number };
}

/** No verdict without evidence: below this many measured responses the answer is `insufficient-data`. */
export const MIN_SAMPLES = 5;
/** Median ratio bands (inclusive at the edges named). */
export const CONFORMING_LOW = 0.8;
export const CONFORMING_HIGH = 1.25;
export const THROTTLED_AT_MOST = 0.67;
export const INEFFECTIVE_AT_LEAST = 1.5;

export function decideVerdict(medianRatio: number | undefined, samples: number): Verdict {
  if (medianRatio === undefined || !Number.isFinite(medianRatio) || samples < MIN_SAMPLES) return 'insufficient-data';
  if (medianRatio >= CONFORMING_LOW && medianRatio <= CONFORMING_HIGH) return 'conforming';
  if (medianRatio <= THROTTLED_AT_MOST) return 'throttled';
  if (medianRatio >= INEFFECTIVE_AT_LEAST) return 'ineffective';
  return 'unclear';
}

export interface VerdictWindow {
  add(sample: Pick<ThroughputSample, 'ratio' | 'achievedBytesPerSecond'>, timeSeconds: number): void;
  verdict(nowSeconds: number): LocationVerdict;
  /** The samples held, oldest first: what `add` needs to rebuild the window elsewhere (`analyse --jobs` merges them). */
  held(): { ratio: number; achievedBytesPerSecond: number; timeSeconds: number }[];
}

/**
 * Ring of the last `maxSamples` samples (default 200); `verdict` ignores those older than `maxAgeSeconds`
 * (default 900; Infinity for offline analysis). `add` is O(1) and allocation-free.
 */
export function createVerdictWindow(options: { maxSamples?: number; maxAgeSeconds?: number } = {}): VerdictWindow {
  const capacity = Math.max(1, Math.trunc(options.maxSamples ?? DEFAULTS.verdictWindow.maxSamples));
  const maxAge = options.maxAgeSeconds ?? DEFAULTS.verdictWindow.maxAgeSeconds;
  const ratios = new Float64Array(capacity);
  const achieved = new Float64Array(capacity);
  const times = new Float64Array(capacity);
  let next = 0;
  let count = 0;

  return {
    add(sample, timeSeconds) {
      ratios[next] = sample.ratio;
      achieved[next] = sample.achievedBytesPerSecond;
      times[next] = timeSeconds;
      next = (next + 1) % capacity;
      if (count < capacity) count++;
    },
    held() {
      const out: { ratio: number; achievedBytesPerSecond: number; timeSeconds: number }[] = [];
      for (let i = 0; i < count; i++) {
        const at = (next - count + i + capacity) % capacity;
        out.push({ ratio: ratios[at], achievedBytesPerSecond: achieved[at], timeSeconds: times[at] });
      }
      return out;
    },
    verdict(nowSeconds) {
      const cutoff = nowSeconds - maxAge;
      const r: number[] = [];
      const a: number[] = [];
      for (let i = 0; i < count; i++) {
        if (times[i] >= cutoff) {
          r.push(ratios[i]);
          a.push(achieved[i] / 1024);
        }
      }
      if (r.length === 0) return { verdict: 'insufficient-data', samples: 0 };
      r.sort((x, y) => x - y);
      a.sort((x, y) => x - y);
      const medianRatio = quantile(r, 0.5);
      return {
        verdict: decideVerdict(medianRatio, r.length),
        samples: r.length,
        medianRatio,
        achievedKiBps: { p10: quantile(a, 0.1), p50: quantile(a, 0.5), p90: quantile(a, 0.9) },
      };
    },
  };
}

/** Linear interpolation between closest ranks on a sorted, non-empty array (the median of an even count is the mean). */
function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
