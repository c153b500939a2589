import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('fast-check seed (test/setup/fast-check-seed.ts)', () => {
  it('is fixed unless FUZZ_SEED asks for another, so a property draws the same values every run', () => {
    const requested = process.env.FUZZ_SEED;
    const seed = fc.readConfigureGlobal().seed;
    if (requested === 'random') expect(seed).toBeUndefined();
    else expect(seed).toBe(requested === undefined || requested === '' ? 20261124 : Number(requested));
    if (seed !== undefined) expect(fc.sample(fc.nat(), 5)).toEqual(fc.sample(fc.nat(), 5));
  });

  it("takes the runs of properties that set none from FUZZ_RUNS, else fast-check's default", () => {
    const runs = process.env.FUZZ_RUNS;
    expect(fc.readConfigureGlobal().numRuns).toBe(runs === undefined || runs === '' ? undefined : Number(runs));
  });
});
