// The verdict window and the sparkline history under wall-clock jumps (issue #7 faults): samples carry the log's own
// timestamps, so a clock set back keeps the window (samples "from the future" still count, the ring bounds them) and the
// history goes on at its interval instead of waiting an hour; a clock set forward past the window's age gives
// insufficient-data until new responses arrive — no verdict from stale evidence.

import { describe, expect, it } from 'vitest';
import type { ThroughputSample } from '../../src/analyse/throughput/measure-throughput.ts';
import { createRateLimitStats } from '../../src/state/ratelimit-stats.ts';

const sample = (ratio: number): ThroughputSample => ({
  ratio,
  bytes: 1 << 20,
  bytesField: '%O',
  measuredSeconds: 1 / ratio,
  allowedSeconds: 1,
  rateKiB: 1024,
  burstKiB: 0,
  achievedBytesPerSecond: (1 << 20) * ratio,
});

function throttled(t0: number) {
  const stats = createRateLimitStats({ historyIntervalSeconds: 10, maxAgeSeconds: 900 });
  const entry = stats.declare('default', '/dl', 1024);
  for (let i = 0; i < 10; i++) stats.recordSample('default', '/dl', sample(0.3), t0 + i);
  return { stats, entry };
}

describe('rate-limit stats under clock jumps', () => {
  const t0 = 1_795_000_000;

  it('clock set back an hour: the verdict stands and the sparkline keeps its 10 s cadence', () => {
    const { stats, entry } = throttled(t0);
    expect(stats.verdict(entry, t0 + 10).verdict).toBe('throttled');
    stats.sampleHistory(t0 + 10);
    expect(entry.history.size).toBe(1);
    const back = t0 + 10 - 3600;
    expect(stats.verdict(entry, back).verdict).toBe('throttled');
    stats.sampleHistory(back);
    expect(entry.history.size).toBe(2);
    stats.sampleHistory(back + 5);
    expect(entry.history.size).toBe(2); // within the interval: no extra point
    stats.sampleHistory(back + 10);
    expect(entry.history.size).toBe(3);
  });

  it('clock set forward an hour: stale samples age out (insufficient-data), fresh ones give the verdict again', () => {
    const { stats, entry } = throttled(t0);
    const ahead = t0 + 3600;
    expect(stats.verdict(entry, ahead)).toMatchObject({ verdict: 'insufficient-data', samples: 0 });
    for (let i = 0; i < 5; i++) stats.recordSample('default', '/dl', sample(1), ahead + i);
    expect(stats.verdict(entry, ahead + 5)).toMatchObject({ verdict: 'conforming', samples: 5 });
  });
});

describe('rate-limit stats: reads are pure', () => {
  it('verdict() however often leaves the history alone; sampleHistory() on the clock alone fills it', () => {
    const read = throttled(1000);
    const never = throttled(1000);
    for (let s = 10; s <= 120; s++) {
      for (let k = 0; k < 5; k++) read.stats.verdict(read.entry, 1000 + s);
      read.stats.sampleHistory(1000 + s);
      never.stats.sampleHistory(1000 + s);
    }
    expect(read.entry.history.toArray()).toEqual(never.entry.history.toArray());
    expect(never.entry.history.size).toBe(12);
  });

  it('keeps the last 30 sparkline points in order and counts the older ones it dropped', () => {
    const stats = createRateLimitStats({ historyIntervalSeconds: 1, maxAgeSeconds: 0 });
    const entry = stats.declare('default', '/dl', 1024);
    // One sample per second, ratio 1 + i/100: the history's point at second i is that second's median.
    for (let i = 0; i < 35; i++) {
      stats.recordSample('default', '/dl', sample(1 + i / 100), 1000 + i);
      stats.sampleHistory(1000 + i);
    }
    const kept = entry.history.toArray();
    expect(kept).toHaveLength(30);
    expect(kept[0]).toBeCloseTo(1.05);
    expect(kept[29]).toBeCloseTo(1.34);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    expect(entry.history.dropped).toBe(5);
  });
});

describe('rate-limit stats on a resolved entry', () => {
  it('entry() is the declared entry, and the …At variants record to it', () => {
    const stats = createRateLimitStats();
    const declared = stats.declare('default', '/dl', 1024);
    const entry = stats.entry('default', '/dl');
    expect(entry).toBe(declared);
    stats.recordSampleAt(entry, sample(0.5), 100);
    stats.recordSample('default', '/dl', sample(0.5), 101);
    stats.recordSkipAt(entry, 'head');
    stats.recordSkip('default', '/dl', 'head');
    expect(entry).toMatchObject({ ratioCount: 2, ratioSum: 1, lastSampleSeconds: 101 });
    expect(entry.unmeasured.get('head')).toBe(2);
    const fresh = stats.entry('default', '/new');
    expect(stats.get('default', '/new')).toBe(fresh);
    expect([...stats.entries()]).toEqual([declared, fresh]);
  });
});
