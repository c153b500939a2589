import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVersion } from '../../../src/analyse/findings/rule-context.ts';

describe('parseVersion', () => {
  it.each([
    ['6.0.2', [6, 0, 2]],
    ['4.9', [4, 9, 0]],
    ['mod_wsgi/4.9.4 Python/3.11', [4, 9, 4]],
    ['6.0.2rc1', [6, 0, 2]],
    ['x12.34.5y', [12, 34, 5]],
    ['7 and 1.2', [1, 2, 0]],
    ['6', undefined],
    ['', undefined],
    [undefined, undefined],
  ] as const)('%s -> %j', (v, want) => {
    expect(parseVersion(v)).toEqual(want);
  });

  it('reads what the unanchored pattern it replaced read, on any text of digits, dots and letters', () => {
    const old = (v: string) => {
      const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(v);
      return m === null ? undefined : [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '9', '.', 'a', ' '), maxLength: 16 }), (v) => {
        expect(parseVersion(v)).toEqual(old(v));
      }),
    );
  });

  it('a long run of digits with no dot is no version', () => {
    expect(parseVersion('1'.repeat(100_000))).toBeUndefined();
  });
});
