import { describe, expect, it } from 'vitest';
import { createParseFailure } from '../../src/parse/parse-failure.ts';
import { locateSamples } from '../../src/state/parse-failure-samples.ts';
import { createParseStats } from '../../src/state/parse-stats.ts';

describe('createParseStats', () => {
  it('counts by (log, reason) and keeps the first 3 samples of each', () => {
    const stats = createParseStats();
    for (let i = 0; i < 5; i++)
      expect(stats.record('access', 'a.log', createParseFailure('format_mismatch', `bad ${i}`), i * 10)).toBe(i === 0);
    stats.record('error', 'e.log', createParseFailure('format_mismatch', 'err'));
    expect(stats.byLogReason().get('access\u0000format_mismatch')).toBe(5);
    expect(stats.samples('access', 'format_mismatch').map((s) => s.sample)).toEqual(['bad 0', 'bad 1', 'bad 2']);
    // Without an offset a sample is not one to locate.
    expect(stats.samples('error', 'format_mismatch')).toEqual([
      { reason: 'format_mismatch', sample: 'err', path: 'e.log' },
    ]);
    expect(stats.takeUnlocated().map((s) => s.offset)).toEqual([0, 10, 20]);
    expect(stats.takeUnlocated()).toEqual([]);
    expect(stats.total()).toBe(6);
  });
});

describe('locateSamples', () => {
  it('gives a sample the file and line number of the batch line at its offset', () => {
    const stats = createParseStats();
    stats.record('access', 'a.log', createParseFailure('empty', ''), 40);
    stats.record('access', 'a.log', createParseFailure('bad_number', 'x'), 35);
    const batch = [{ offset: 0 }, { offset: 20 }, { offset: 40 }, { offset: 60 }];
    locateSamples(stats.takeUnlocated(), batch, 101, 'a.log.1');
    expect(stats.samples('access', 'empty')[0]).toMatchObject({ file: 'a.log.1', line: 103 });
    // Not a line start of this batch (a line joined across batches): left unlocated.
    expect(stats.samples('access', 'bad_number')[0].line).toBeUndefined();
  });
});
