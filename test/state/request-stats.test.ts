import { describe, expect, it } from 'vitest';
import { createRequestStats, DURATION_BUCKETS, statusClassOf } from '../../src/state/request-stats.ts';

describe('statusClassOf', () => {
  it('maps statuses to classes and out-of-range to other', () => {
    expect([
      statusClassOf(200),
      statusClassOf(304),
      statusClassOf(503),
      statusClassOf(undefined),
      statusClassOf(999),
    ]).toEqual(['2xx', '3xx', '5xx', 'other', 'other']);
  });
});

describe('createRequestStats', () => {
  it('aggregates per vhost, location and status class', () => {
    const stats = createRequestStats();
    stats.record('a', '/dl', 200, 1000, 0.2, 100);
    stats.record('a', '/dl', 200, 500, 3, 100);
    stats.record('a', '/dl', 500, 10, undefined, 100);
    const series = [...stats.series()];
    const ok = series.find((s) => s.statusClass === '2xx');
    expect(ok).toMatchObject({ requests: 2, responseBytes: 1500, durationCount: 2, durationSum: 3.2 });
    // 0.2 s falls in the 0.25 bucket, 3 s in the 5 bucket
    expect(ok?.durationBuckets[DURATION_BUCKETS.indexOf(0.25)]).toBe(1);
    expect(ok?.durationBuckets[DURATION_BUCKETS.indexOf(5)]).toBe(1);
    expect(series.find((s) => s.statusClass === '5xx')).toMatchObject({ requests: 1, durationCount: 0 });
  });

  it('declares zero series for the five classes of a configured location', () => {
    const stats = createRequestStats();
    stats.declare('v', '/x');
    expect([...stats.series()].map((s) => s.statusClass)).toEqual(['1xx', '2xx', '3xx', '4xx', '5xx']);
    expect(stats.recent('v', '/x', 0)).toMatchObject({ requestsTotal: 0, errorRatio: 0 });
  });

  it('computes the one-minute window: req/s, 5xx ratio, p95, and forgets old seconds', () => {
    const stats = createRequestStats();
    for (let i = 0; i < 100; i++) stats.record('v', '/x', i < 10 ? 502 : 200, 1, i / 100, 1000 + (i % 60));
    const recent = stats.recent('v', '/x', 1059);
    expect(recent.requestsTotal).toBe(100);
    expect(recent.requestsPerSecond).toBeCloseTo(100 / 60);
    expect(recent.errorRatio).toBeCloseTo(0.1);
    expect(recent.p95DurationSeconds).toBeCloseTo(0.95);
    expect(stats.recent('v', '/x', 2000).requestsPerSecond).toBe(0);
  });

  it('recordAt on a resolved location adds to the same series as record', () => {
    const stats = createRequestStats();
    stats.declare('v', '/x');
    const at = stats.location('v', '/x');
    expect(stats.location('v', '/x')).toBe(at);
    stats.record('v', '/x', 200, 10, 0.1, 100);
    stats.recordAt(at, 204, 5, 0.2, 100);
    stats.recordAt(at, 503, 1, undefined, 100);
    stats.recordAt(at, undefined, undefined, undefined, 100);
    const byClass = new Map([...stats.series()].map((s) => [s.statusClass, s]));
    expect(byClass.get('2xx')).toMatchObject({ requests: 2, responseBytes: 15, durationCount: 2 });
    expect(byClass.get('5xx')).toMatchObject({ requests: 1, durationCount: 0 });
    expect(byClass.get('other')).toMatchObject({ vhost: 'v', location: '/x', requests: 1 });
    expect([...stats.series()]).toHaveLength(6); // the five declared classes and `other`, each once
    expect(stats.recent('v', '/x', 100)).toMatchObject({ requestsTotal: 4 });
    expect(stats.recent('v', '/x', 100).errorRatio).toBeCloseTo(1 / 4);
  });
});
