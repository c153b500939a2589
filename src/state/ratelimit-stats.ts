// Per (vhost, location) rate-limit conformance: the ratio histogram, unmeasured responses by reason, the sliding verdict
// window and a short ratio history for the sparkline.

import { createVerdictWindow, type LocationVerdict } from '../analyse/throughput/location-verdict.ts';
import type { ThroughputSample, UnmeasuredReason } from '../analyse/throughput/measure-throughput.ts';
import { type BoundedRing, createBoundedRing } from '../bounded-ring.ts';
import { bucketIndex } from './bucket-index.ts';
import { type LocationMap, locationEntry } from './location-entry.ts';

/** Buckets on both sides of 1: "far below" (pre-6.0.2 throttling) and "limit ineffective" each get their own. */
export const RATIO_BUCKETS = [0.1, 0.25, 0.5, 0.67, 0.8, 0.9, 1.1, 1.25, 1.5, 2, 4, 10] as const;
/** Sparkline points kept: at the default 10 s interval, the last five minutes (older points leave the sparkline). */
const HISTORY_LENGTH = 30;

export interface LocationRateStats {
  vhost: string;
  location: string;
  ratioBuckets: number[];
  ratioSum: number;
  ratioCount: number;
  unmeasured: Map<UnmeasuredReason, number>;
  /** Configured values, bytes (from config or, when the format logs them, the latest %{rate-limit}e). */
  rateBytesPerSecond?: number;
  burstBytes?: number;
  /** Median ratio per history interval, oldest first. */
  history: BoundedRing<number>;
  window: ReturnType<typeof createVerdictWindow>;
  lastSampleSeconds: number;
}

export interface RateLimitStats {
  declare(vhost: string, location: string, rateKiB?: number, burstKiB?: number): LocationRateStats;
  recordSample(vhost: string, location: string, sample: ThroughputSample, timeSeconds: number): void;
  recordSkip(vhost: string, location: string, reason: UnmeasuredReason): void;
  /** The entry of (vhost, location), created when new: for the …At variants (no label lookup per line). */
  entry(vhost: string, location: string): LocationRateStats;
  recordSampleAt(entry: LocationRateStats, sample: ThroughputSample, timeSeconds: number): void;
  recordSkipAt(entry: LocationRateStats, reason: UnmeasuredReason): void;
  /** Verdict now. A read: it changes nothing, however often it is called. */
  verdict(entry: LocationRateStats, nowSeconds: number): LocationVerdict;
  /**
   * Appends each location's median ratio to its sparkline history, at most every `historyIntervalSeconds`: called on
   * the engine's own clock, so how often anyone reads does not shape the history.
   */
  sampleHistory(nowSeconds: number): void;
  entries(): Iterable<LocationRateStats>;
  get(vhost: string, location: string): LocationRateStats | undefined;
  /** Plain data for merge(): a worker's share of `analyse --jobs` (no history: the merging engine samples its own). */
  part(): RateLimitStatsPart;
  /**
   * Adds a part read after everything merged so far: counts add up, the verdict window takes the part's samples in
   * order (so it holds the latest N of both), the logged rate is the part's latest.
   */
  merge(part: RateLimitStatsPart): void;
}

export interface RateLimitStatsPart {
  entries: {
    vhost: string;
    location: string;
    ratioBuckets: number[];
    ratioSum: number;
    ratioCount: number;
    unmeasured: [UnmeasuredReason, number][];
    rateBytesPerSecond?: number;
    burstBytes?: number;
    window: { ratio: number; achievedBytesPerSecond: number; timeSeconds: number }[];
    lastSampleSeconds: number;
  }[];
}

export interface RateLimitStatsOptions {
  maxSamples?: number;
  maxAgeSeconds?: number;
  historyIntervalSeconds?: number;
}

export function createRateLimitStats(options: RateLimitStatsOptions = {}): RateLimitStats {
  const byLocation: LocationMap<LocationRateStats> = new Map();
  const all: LocationRateStats[] = [];
  const lastHistory = new Map<LocationRateStats, number>();
  const historyInterval = options.historyIntervalSeconds ?? 10;

  const create = (vhost: string, location: string): LocationRateStats => {
    const e = newEntry(vhost, location, options);
    all.push(e);
    return e;
  };
  const entryFor = (vhost: string, location: string) => locationEntry(byLocation, vhost, location, create);

  function recordSampleAt(e: LocationRateStats, sample: ThroughputSample, timeSeconds: number): void {
    e.ratioBuckets[bucketIndex(RATIO_BUCKETS, sample.ratio)]++;
    e.ratioSum += sample.ratio;
    e.ratioCount++;
    e.rateBytesPerSecond = sample.rateKiB * 1024;
    e.burstBytes = sample.burstKiB * 1024;
    e.window.add(sample, timeSeconds);
    e.lastSampleSeconds = timeSeconds;
  }

  function recordSkipAt(e: LocationRateStats, reason: UnmeasuredReason): void {
    e.unmeasured.set(reason, (e.unmeasured.get(reason) ?? 0) + 1);
  }

  return {
    declare(vhost, location, rateKiB, burstKiB) {
      const e = entryFor(vhost, location);
      if (rateKiB !== undefined) e.rateBytesPerSecond = rateKiB * 1024;
      if (burstKiB !== undefined) e.burstBytes = burstKiB * 1024;
      return e;
    },
    recordSample: (vhost, location, sample, timeSeconds) =>
      recordSampleAt(entryFor(vhost, location), sample, timeSeconds),
    recordSkip: (vhost, location, reason) => recordSkipAt(entryFor(vhost, location), reason),
    entry: entryFor,
    recordSampleAt,
    recordSkipAt,
    verdict: (entry, nowSeconds) => entry.window.verdict(nowSeconds),
    sampleHistory(nowSeconds) {
      for (const entry of all) {
        const last = lastHistory.get(entry) ?? Number.NEGATIVE_INFINITY;
        // `nowSeconds < last`: the clock was set back; start the interval again instead of waiting for it to catch up.
        if (nowSeconds - last < historyInterval && nowSeconds >= last) continue;
        const { medianRatio } = entry.window.verdict(nowSeconds);
        if (medianRatio === undefined) continue;
        entry.history.push(medianRatio);
        lastHistory.set(entry, nowSeconds);
      }
    },
    entries: () => all,
    get: (vhost, location) => byLocation.get(vhost)?.get(location),
    part: () => ({ entries: all.map(entryPart) }),
    merge(part) {
      for (const p of part.entries) mergeEntryPart(entryFor(p.vhost, p.location), p);
    },
  };
}

function newEntry(vhost: string, location: string, options: RateLimitStatsOptions): LocationRateStats {
  return {
    vhost,
    location,
    ratioBuckets: new Array(RATIO_BUCKETS.length + 1).fill(0),
    ratioSum: 0,
    ratioCount: 0,
    unmeasured: new Map(),
    history: createBoundedRing(HISTORY_LENGTH),
    lastSampleSeconds: 0,
    window: createVerdictWindow({ maxSamples: options.maxSamples, maxAgeSeconds: options.maxAgeSeconds }),
  };
}

type EntryPart = RateLimitStatsPart['entries'][number];

/** What a worker hands back of one location: its counts and the samples its window holds. */
function entryPart(e: LocationRateStats): EntryPart {
  return {
    vhost: e.vhost,
    location: e.location,
    ratioBuckets: e.ratioBuckets,
    ratioSum: e.ratioSum,
    ratioCount: e.ratioCount,
    unmeasured: [...e.unmeasured],
    rateBytesPerSecond: e.rateBytesPerSecond,
    burstBytes: e.burstBytes,
    window: e.window.held(),
    lastSampleSeconds: e.lastSampleSeconds,
  };
}

function mergeEntryPart(e: LocationRateStats, p: EntryPart): void {
  for (let i = 0; i < p.ratioBuckets.length; i++) e.ratioBuckets[i] += p.ratioBuckets[i];
  e.ratioSum += p.ratioSum;
  e.ratioCount += p.ratioCount;
  for (const [reason, n] of p.unmeasured) e.unmeasured.set(reason, (e.unmeasured.get(reason) ?? 0) + n);
  // Declared from the config the same way in every engine; a sample's logged rate is the part's latest.
  if (p.ratioCount > 0) {
    e.rateBytesPerSecond = p.rateBytesPerSecond;
    e.burstBytes = p.burstBytes;
    e.lastSampleSeconds = p.lastSampleSeconds;
  }
  for (const s of p.window) e.window.add(s, s.timeSeconds);
}
