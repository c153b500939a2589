import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedTransferSeconds,
  burstBytes,
  pieceBytes,
} from '../../../src/analyse/throughput/allowed-transfer-seconds.ts';

// Deterministic runs: a fixed seed (change it locally to explore).

const MiB = 1024 * 1024;

describe('allowedTransferSeconds (formula A, formats doc §4.3-4.4)', () => {
  // Rows of the §4.4 table: static files, %O = body + 278 header bytes.
  it.each([
    [MiB + 278, 100, 0, 10.2],
    [MiB + 278, 100, 256, 7.6],
    [512 * 1024 + 278, 100, 0, 5.0],
    [512 * 1024 + 278, 40, 0, 12.8],
    [MiB + 278, 200, 0, 5.0],
    [MiB + 278, 1000, 0, 1.0],
    [256 * 1024 + 180, 40, 0, 6.4],
  ])('%i bytes at %i KiB/s, burst %i KiB → %f s', (bytes, rate, burst, expected) => {
    expect(allowedTransferSeconds(bytes, rate, burst)).toBeCloseTo(expected, 9);
  });

  it('is 0 within the first piece plus burst', () => {
    expect(allowedTransferSeconds(pieceBytes(1000), 1000, 0)).toBe(0);
    expect(allowedTransferSeconds(pieceBytes(1000) + 1, 1000, 0)).toBeCloseTo(0.2, 12);
    expect(allowedTransferSeconds(pieceBytes(100) + 256 * 1024, 100, 256)).toBe(0);
  });

  it('treats rates mod_ratelimit rejects as no pacing, and truncates like atoi', () => {
    expect(allowedTransferSeconds(MiB, 0, 0)).toBe(0);
    expect(allowedTransferSeconds(MiB, -5, 0)).toBe(0);
    expect(allowedTransferSeconds(MiB, 2_100_000, 0)).toBe(0);
    expect(pieceBytes(99.9)).toBe(pieceBytes(99));
    expect(burstBytes(-1)).toBe(0);
  });

  it('uses integer division for the piece (mod_ratelimit.c:117)', () => {
    expect(pieceBytes(1)).toBe(204); // 1024 / 5 = 204.8
    expect(pieceBytes(1000)).toBe(204_800);
  });

  it('grows monotonically with size and shrinks with rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 64 * MiB }),
        fc.integer({ min: 0, max: MiB }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 4096 }),
        (bytes, extra, rate, burst) => {
          const t = allowedTransferSeconds(bytes, rate, burst);
          expect(t).toBeGreaterThanOrEqual(0);
          expect(allowedTransferSeconds(bytes + extra, rate, burst)).toBeGreaterThanOrEqual(t);
          expect(allowedTransferSeconds(bytes, rate * 2, burst)).toBeLessThanOrEqual(t);
          // Never more than one interval beyond one piece per 200 ms (the piece is truncated, so not 1024·rate).
          expect(t).toBeLessThanOrEqual(bytes / (5 * pieceBytes(rate)) + 0.2 + 1e-9);
        },
      ),
    );
  });
});
