import { describe, expect, it } from 'vitest';
import { buildTraffic } from '../../src/report/build-traffic.ts';
import { createRequestStats } from '../../src/state/request-stats.ts';

describe('buildTraffic', () => {
  it('sums series into rows per location with figures per status class; declared zero series add nothing', () => {
    const stats = createRequestStats();
    stats.declare('app', '/idle');
    stats.record('app', '/api', 200, 100, 0.02, 0);
    stats.record('app', '/api', 200, 300, 0.04, 0);
    stats.record('app', '/api', 503, 10, 2, 0);
    stats.record('app', '/static', 200, 5000, undefined, 0);
    const traffic = buildTraffic(stats.series(), 'config');
    expect(traffic.rows.map((r) => [r.location, r.requests, r.responseBytes])).toEqual([
      ['/api', 3, 410],
      ['/static', 1, 5000],
    ]);
    const api = traffic.rows[0];
    expect(Object.keys(api.byStatusClass)).toEqual(['2xx', '5xx']);
    // Both 2xx durations are in the (0.01, 0.025] and (0.025, 0.05] buckets.
    expect(api.byStatusClass['2xx'].durationSeconds?.p50).toBeCloseTo(0.025);
    expect(api.byStatusClass['5xx'].durationSeconds?.p99).toBeGreaterThan(1);
    expect(traffic.rows[1].durationSeconds).toBeUndefined();
    expect(traffic.byStatusClass['2xx']).toMatchObject({ requests: 3, responseBytes: 5400 });
  });

  it('with path segments keeps the busiest `top` and folds the rest into other', () => {
    const stats = createRequestStats();
    const hits: [string, number][] = [
      ['/a', 5],
      ['/b', 4],
      ['/c', 3],
      ['/d', 2],
      ['other', 1],
    ];
    for (const [segment, n] of hits) for (let i = 0; i < n; i++) stats.record('default', segment, 200, 1, 0.1, 0);
    const traffic = buildTraffic(stats.series(), 'path-segments', 2);
    expect(traffic.rows.map((r) => [r.location, r.requests])).toEqual([
      ['/a', 5],
      ['/b', 4],
      ['other', 6],
    ]);
    expect(traffic.rows[2].byStatusClass['2xx'].requests).toBe(6);
  });
});
