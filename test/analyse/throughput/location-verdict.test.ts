import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVerdictWindow, decideVerdict } from '../../../src/analyse/throughput/location-verdict.ts';
import type { ThroughputSample } from '../../../src/analyse/throughput/measure-throughput.ts';

// Deterministic runs: a fixed seed (change it locally to explore).

const sample = (ratio: number, achievedBytesPerSecond = 1024 * 1000 * ratio): ThroughputSample => ({
  ratio,
  bytes: 1_048_756,
  bytesField: '%O',
  measuredSeconds: 1 / ratio,
  allowedSeconds: 1,
  rateKiB: 1000,
  burstKiB: 0,
  achievedBytesPerSecond,
});

describe('decideVerdict boundaries', () => {
  it.each([
    [0.8, 'conforming'],
    [0.7999999, 'unclear'],
    [1.25, 'conforming'],
    [1.2500001, 'unclear'],
    [0.67, 'throttled'],
    [0.6700001, 'unclear'],
    [1.5, 'ineffective'],
    [1.4999999, 'unclear'],
    [1, 'conforming'],
    [0.35, 'throttled'],
    [12, 'ineffective'],
  ])('median %f → %s', (median, verdict) => {
    expect(decideVerdict(median, 5)).toBe(verdict);
  });

  it('needs 5 samples', () => {
    expect(decideVerdict(1, 4)).toBe('insufficient-data');
    expect(decideVerdict(1, 5)).toBe('conforming');
    expect(decideVerdict(undefined, 100)).toBe('insufficient-data');
    expect(decideVerdict(Number.NaN, 100)).toBe('insufficient-data');
  });

  it('gives exactly one verdict for every median (the bands cover the line)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (m) => {
        const v = decideVerdict(m, 5);
        const expected =
          m >= 0.8 && m <= 1.25 ? 'conforming' : m <= 0.67 ? 'throttled' : m >= 1.5 ? 'ineffective' : 'unclear';
        expect(v).toBe(expected);
      }),
    );
  });
});

describe('createVerdictWindow', () => {
  it('is insufficient-data with fewer than 5 samples, whatever they say', () => {
    const w = createVerdictWindow();
    for (let i = 0; i < 4; i++) w.add(sample(0.3), 100 + i);
    const v = w.verdict(110);
    expect(v.verdict).toBe('insufficient-data');
    expect(v.samples).toBe(4);
    expect(v.medianRatio).toBeCloseTo(0.3, 12);
    w.add(sample(0.3), 105);
    expect(w.verdict(110).verdict).toBe('throttled');
  });

  it('takes the median, not the mean', () => {
    const w = createVerdictWindow();
    for (const r of [1, 1, 1, 0.1, 50]) w.add(sample(r), 0);
    expect(w.verdict(0)).toMatchObject({ verdict: 'conforming', samples: 5, medianRatio: 1 });
  });

  it('keeps only the last maxSamples', () => {
    const w = createVerdictWindow({ maxSamples: 5 });
    for (let i = 0; i < 5; i++) w.add(sample(0.3), i);
    for (let i = 0; i < 5; i++) w.add(sample(1), 10 + i);
    expect(w.verdict(20)).toMatchObject({ verdict: 'conforming', samples: 5, medianRatio: 1 });
  });

  it('forgets samples older than maxAgeSeconds', () => {
    const w = createVerdictWindow({ maxAgeSeconds: 60 });
    for (let i = 0; i < 5; i++) w.add(sample(0.3), 1000 + i);
    expect(w.verdict(1050).verdict).toBe('throttled');
    expect(w.verdict(1064).samples).toBe(1);
    expect(w.verdict(2000)).toEqual({ verdict: 'insufficient-data', samples: 0 });
  });

  it('reports achieved KiB/s percentiles', () => {
    const w = createVerdictWindow();
    for (let i = 1; i <= 11; i++) w.add(sample(0.5, i * 1024 * 100), 0);
    const v = w.verdict(0);
    expect(v.achievedKiBps).toEqual({ p10: 200, p50: 600, p90: 1000 });
  });
});
