import { describe, expect, it } from 'vitest';
import { createLocationTimeSeries } from '../../src/state/location-time-series.ts';

const T0 = 1_795_831_200;

describe('createLocationTimeSeries', () => {
  it('counts requests per bucket by status class, with duration quantiles', () => {
    const s = createLocationTimeSeries({ maxBuckets: 10 });
    s.recordRequest('v', '/a', T0, 200, 0.1);
    s.recordRequest('v', '/a', T0 + 0.5, 500, 0.1);
    s.recordRequest('v', '/a', T0 + 3, 200, 2);
    const d = s.data();
    expect(d.bucketSeconds).toBe(1);
    expect(d.starts).toEqual([T0, T0 + 1, T0 + 2, T0 + 3]);
    expect(d.locations[0].requestsByClass).toEqual({ '2xx': [1, 0, 0, 1], '5xx': [1, 0, 0, 0] });
    expect(d.locations[0].durationP50[0]).toBeCloseTo(0.1, 1);
    expect(d.locations[0].durationP50[1]).toBeNull();
    expect(d.locations[0].durationP50[3]).toBeGreaterThan(1.7);
    expect(d.locations[0].durationP50[3]).toBeLessThan(2.3);
    expect(d.span).toEqual({ fromSeconds: T0, toSeconds: T0 + 3 });
  });

  it('widens and merges buckets so a long span stays under the cap, counts kept', () => {
    const s = createLocationTimeSeries({ maxBuckets: 20 });
    for (let i = 0; i < 3600; i++) s.recordRequest('v', '/a', T0 + i, 200, 0.01);
    const d = s.data();
    expect(d.starts.length).toBeLessThanOrEqual(20);
    expect(d.bucketSeconds).toBe(300);
    expect(d.locations[0].requestsByClass['2xx'].reduce((a, n) => a + n, 0)).toBe(3600);
    expect(d.requests).toBe(3600);
  });

  it('keeps a median ratio per bucket and a throughput histogram per rate-limited location', () => {
    const s = createLocationTimeSeries();
    for (let i = 0; i < 9; i++) s.recordRatio('v', '/dl', T0 + i, 0.3, 300 * 1024);
    const d = s.data().locations[0];
    expect(d.ratioMedian?.every((r) => r !== null && Math.abs(r - 0.3) < 0.03)).toBe(true);
    expect(d.throughput?.counts.reduce((a, n) => a + n, 0)).toBe(9);
    const [lo, hi] = [d.throughput?.edgesBytesPerSecond[0] ?? 0, d.throughput?.edgesBytesPerSecond.at(-1) ?? 0];
    expect(lo).toBeLessThanOrEqual(300 * 1024);
    expect(hi).toBeGreaterThan(300 * 1024);
  });

  it('counts events by kind with WSGI0210 on its own, and counts what it cannot plot', () => {
    const s = createLocationTimeSeries({ maxBuckets: 5 });
    s.recordEvent(T0, 'embedded-no-python', 'WSGI0210');
    s.recordEvent(T0 + 1, 'child-crash', undefined);
    s.recordEvent(undefined, 'child-crash', undefined);
    // A forged year cannot widen the buckets without bound: counted, not plotted.
    s.recordRequest('v', '/a', 253_402_300_799, 200, 1);
    s.recordRequest('v', '/a', T0, 200, 1);
    const d = s.data();
    expect(d.eventsByKind.WSGI0210).toEqual([1, 0]);
    expect(d.eventsByKind['embedded-no-python']).toEqual([1, 0]);
    expect(d.eventsByKind['child-crash']).toEqual([0, 1]);
    expect(d.notPlotted).toBe(2);
    expect(d.starts.length).toBeLessThanOrEqual(5);
  });

  it('counts an event whose bucket made the buckets widen', () => {
    const s = createLocationTimeSeries({ maxBuckets: 3 });
    s.recordEvent(T0, 'exception', undefined);
    s.recordEvent(T0 + 10, 'exception', undefined);
    expect(s.data().eventsByKind.exception.reduce((a, n) => a + n, 0)).toBe(2);
  });
});
