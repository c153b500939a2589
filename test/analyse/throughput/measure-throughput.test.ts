import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureThroughput, type RateContext } from '../../../src/analyse/throughput/measure-throughput.ts';
import type { AccessRecord } from '../../../src/parse/access/access-record.ts';

// Deterministic runs: a fixed seed (change it locally to explore).

const MiB = 1024 * 1024;
const rec = (over: Partial<AccessRecord> = {}): AccessRecord => ({
  ok: true,
  method: 'GET',
  status: 200,
  responseBytes: MiB + 180,
  bodyBytes: MiB,
  durationSeconds: 3.013,
  connectionStatus: '+',
  ...over,
});
const daemon: RateContext = { rateKiB: 1000, burstKiB: 0, daemonMode: true, limited: true };
const statik: RateContext = { rateKiB: 1000, burstKiB: 0, daemonMode: false, limited: true };

describe('measureThroughput', () => {
  it('gives the real ≈ 0.33 ratio of a 4.9.4 daemon response at 1000 KiB/s (ratelimit-measurements.md)', () => {
    const s = measureThroughput(rec(), daemon);
    if ('skipped' in s) throw new Error(s.skipped);
    expect(s.allowedSeconds).toBeCloseTo(1.0, 9);
    expect(s.ratio).toBeCloseTo(1 / 3.013, 6);
    expect(s.bytesField).toBe('%O');
    expect(s.achievedBytesPerSecond).toBeCloseTo((MiB + 180) / 3.013, 3);
  });

  it('gives ≈ 1 for a static response at the limit', () => {
    const s = measureThroughput(rec({ responseBytes: MiB + 278, durationSeconds: 1.005 }), statik);
    if ('skipped' in s) throw new Error(s.skipped);
    expect(s.ratio).toBeGreaterThan(0.99);
    expect(s.ratio).toBeLessThan(1);
  });

  it('subtracts %^FB from %D', () => {
    const s = measureThroughput(rec({ durationSeconds: 1.5, ttfbSeconds: 0.5 }), daemon);
    if ('skipped' in s) throw new Error(s.skipped);
    expect(s.measuredSeconds).toBeCloseTo(1.0, 12);
    expect(s.ratio).toBeCloseTo(1, 9);
  });

  it('ignores a %^FB that is not below %D', () => {
    const s = measureThroughput(rec({ durationSeconds: 1, ttfbSeconds: 2 }), daemon);
    if ('skipped' in s) throw new Error(s.skipped);
    expect(s.measuredSeconds).toBe(1);
  });

  it('falls back to %B and says so', () => {
    const s = measureThroughput(rec({ responseBytes: undefined }), daemon);
    if ('skipped' in s) throw new Error(s.skipped);
    expect(s.bytesField).toBe('%B');
    expect(s.bytes).toBe(MiB);
  });

  it('drops the burst for daemon mode but uses it for static files (§4.3 C)', () => {
    const big = rec({ responseBytes: MiB + 278, durationSeconds: 7.62 });
    const withBurst = measureThroughput(big, { ...statik, rateKiB: 100, burstKiB: 256 });
    const asDaemon = measureThroughput(big, { ...daemon, rateKiB: 100, burstKiB: 256 });
    if ('skipped' in withBurst || 'skipped' in asDaemon) throw new Error('skipped');
    expect(withBurst.allowedSeconds).toBeCloseTo(7.6, 9);
    expect(withBurst.burstKiB).toBe(256);
    expect(asDaemon.allowedSeconds).toBeCloseTo(10.2, 9);
    expect(asDaemon.burstKiB).toBe(0);
  });

  it.each<[string, Partial<AccessRecord>, RateContext, string]>([
    ['no rule (filter not in chain)', {}, { ...daemon, limited: false }, 'no_rule'],
    ['no rule (no rate)', {}, { ...daemon, rateKiB: undefined }, 'no_rule'],
    ['no rule (rate 0 removes the filter)', {}, { ...daemon, rateKiB: 0 }, 'no_rule'],
    ['no rule (rate too high)', {}, { ...daemon, rateKiB: 2_100_000 }, 'no_rule'],
    ['HEAD', { method: 'HEAD' }, daemon, 'head'],
    ['500', { status: 500 }, daemon, 'non_2xx'],
    ['304', { status: 304 }, daemon, 'non_2xx'],
    ['no status', { status: undefined }, daemon, 'non_2xx'],
    ['aborted', { connectionStatus: 'X' }, daemon, 'aborted'],
    ['no bytes', { responseBytes: undefined, bodyBytes: undefined }, daemon, 'no_bytes'],
    ['zero bytes', { responseBytes: 0 }, daemon, 'no_bytes'],
    ['one piece', { responseBytes: 204_800 }, daemon, 'within_burst'],
    ['piece plus burst', { responseBytes: 204_800 + 512 * 1024 }, { ...statik, burstKiB: 512 }, 'within_burst'],
    ['no duration', { durationSeconds: undefined }, daemon, 'no_duration'],
    ['zero duration (%T truncated)', { durationSeconds: 0 }, daemon, 'no_duration'],
  ])('skips %s', (_name, over, ctx, reason) => {
    expect(measureThroughput(rec(over), ctx)).toEqual({ skipped: reason });
  });

  it('measures one byte more than piece plus burst', () => {
    const s = measureThroughput(rec({ responseBytes: 204_801 }), daemon);
    expect('skipped' in s).toBe(false);
  });

  it("skips a time below the logs' 1 µs resolution, which would divide to Infinity (FUZZ_SEED=1461658449)", () => {
    expect(measureThroughput(rec({ responseBytes: 2_000_000, durationSeconds: 5e-324 }), daemon)).toEqual({
      skipped: 'no_duration',
    });
    const oneMicro = measureThroughput(
      rec({ responseBytes: 2_000_000, durationSeconds: 3e-6, ttfbSeconds: 2e-6 }),
      daemon,
    );
    expect('skipped' in oneMicro).toBe(false);
  });

  it('never throws and returns a finite positive ratio or a reason for any record', () => {
    const arb = fc.record({
      method: fc.constantFrom('GET', 'HEAD', 'POST', undefined),
      status: fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }),
      responseBytes: fc.option(fc.integer({ min: -1, max: 1e9 }), { nil: undefined }),
      bodyBytes: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
      durationSeconds: fc.option(fc.double({ min: 0, max: 1e5, noNaN: true }), { nil: undefined }),
      ttfbSeconds: fc.option(fc.double({ min: 0, max: 1e5, noNaN: true }), { nil: undefined }),
      connectionStatus: fc.constantFrom('X' as const, '+' as const, '-' as const, undefined),
    });
    const ctx = fc.record({
      rateKiB: fc.option(fc.integer({ min: -10, max: 3_000_000 }), { nil: undefined }),
      burstKiB: fc.option(fc.integer({ min: -10, max: 10_000 }), { nil: undefined }),
      daemonMode: fc.boolean(),
      limited: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ctx, (r, c) => {
        const out = measureThroughput({ ok: true, ...r }, c);
        if ('skipped' in out) return;
        expect(Number.isFinite(out.ratio)).toBe(true);
        expect(out.ratio).toBeGreaterThan(0);
        expect(out.measuredSeconds).toBeGreaterThan(0);
        expect(Number.isFinite(out.achievedBytesPerSecond)).toBe(true);
      }),
    );
  });
});
