import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atoiKiB } from '../../src/pipeline/create-pipeline.ts';

describe('atoiKiB', () => {
  it('reads like C atoi: leading space, sign, digits, stops at the first non-digit', () => {
    expect([
      atoiKiB('1000'),
      atoiKiB(' 42'),
      atoiKiB('99.9'),
      atoiKiB('-5'),
      atoiKiB('+7x'),
      atoiKiB('abc'),
      atoiKiB('-0'),
    ]).toEqual([1000, 42, 99, -5, 7, 0, 0]);
    expect([atoiKiB(undefined), atoiKiB(''), atoiKiB('-')]).toEqual([undefined, undefined, undefined]);
  });
  it('agrees with a regex reference on any string', () => {
    const ref = (raw: string) => {
      const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(raw);
      return m === null ? 0 : Number(m[1]);
    };
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        fc.pre(s !== '' && s !== '-' && !/^[ \t\n\v\f\r]*[+-]?\d{16,}/.test(s));
        expect(atoiKiB(s)).toBe(ref(s) === 0 ? 0 : ref(s));
      }),
    );
  });
});
