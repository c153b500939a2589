import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, parseClfTime, parseClfTimeAt } from '../../../src/parse/access/parse-clf-time.ts';

describe('parseClfTime', () => {
  it('reads the observed time (§3.3) in UTC and other zones', () => {
    expect(parseClfTime('23/Nov/2026:20:39:56 +0000')).toBe(Date.UTC(2026, 10, 23, 20, 39, 56) / 1000);
    expect(parseClfTime('24/Nov/2026:05:39:56 +0900')).toBe(Date.UTC(2026, 10, 23, 20, 39, 56) / 1000);
    expect(parseClfTime('23/Nov/2026:16:09:56 -0430')).toBe(Date.UTC(2026, 10, 23, 20, 39, 56) / 1000);
  });

  it('reads a span inside a longer string without slicing', () => {
    const line = 'x [23/Nov/2026:20:39:56 +0000] y';
    expect(parseClfTimeAt(line, 3, 29)).toBe(Date.UTC(2026, 10, 23, 20, 39, 56) / 1000);
  });

  it('rejects malformed times with NaN', () => {
    for (const bad of [
      '',
      '23/Nov/2026:20:39:56',
      '31/Nov/2026:20:39:56 +0000',
      '29/Feb/2026:20:39:56 +0000',
      '23/nov/2026:20:39:56 +0000',
      '23/Nov/2026:24:00:00 +0000',
      '23/Nov/2026:20:60:00 +0000',
      '23/Nov/2026 20:39:56 +0000',
      '23/Nov/2026:20:39:56 0000 ',
      '23/Nov/2026:20:39:56 *0000',
      'aa/Nov/2026:20:39:56 +0000',
    ]) {
      expect(parseClfTime(bad), bad).toBeNaN();
    }
  });

  it('agrees with Date for any second from 1970 to 2100', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_799 }), (t) => {
        const d = new Date(t * 1000);
        const p = (n: number) => String(n).padStart(2, '0');
        const s = `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(
          d.getUTCMinutes(),
        )}:${p(d.getUTCSeconds())} +0000`;
        expect(parseClfTime(s)).toBe(t);
      }),
    );
  });

  it('gives the same answers when lines share a minute (the cached path)', () => {
    const t0 = Date.UTC(2026, 10, 23, 20, 39, 0) / 1000;
    expect(parseClfTime('23/Nov/2026:20:39:56 +0000')).toBe(t0 + 56);
    expect(parseClfTime('23/Nov/2026:20:39:00 +0000')).toBe(t0);
    expect(parseClfTime('23/Nov/2026:20:39:60 +0000')).toBe(t0 + 60); // a leap second, as strftime allows
    for (const bad of ['23/Nov/2026:20:39:61 +0000', '23/Nov/2026:20:39:5x +0000', '23/Nov/2026:20:39 56 +0000'])
      expect(parseClfTime(bad), bad).toBeNaN();
    // same minute, another zone; then the next minute
    expect(parseClfTime('23/Nov/2026:20:39:56 +0100')).toBe(t0 + 56 - 3600);
    expect(parseClfTime('23/Nov/2026:20:39:56 +0000')).toBe(t0 + 56);
    expect(parseClfTime('23/Nov/2026:20:40:01 +0000')).toBe(t0 + 61);
    // a year under 1000 is written with 4 digits (%d would not be, but the parser reads what it is given)
    expect(parseClfTime('01/Jan/0999:00:00:07 +0000')).toBe(parseClfTime('01/Jan/0999:00:00:00 +0000') + 7);
  });

  it('agrees with Date for runs of times in a few minutes and zones', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const p = (n: number) => String(n).padStart(2, '0');
    const zones = [0, 60, -270, 540];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 179 }), fc.constantFrom(...zones)), {
          minLength: 1,
          maxLength: 30,
        }),
        (steps) => {
          for (const [offset, zone] of steps) {
            const t = 1_795_000_000 + offset;
            const d = new Date((t + zone * 60) * 1000);
            const z = `${zone < 0 ? '-' : '+'}${p(Math.floor(Math.abs(zone) / 60))}${p(Math.abs(zone) % 60)}`;
            const s = `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(
              d.getUTCMinutes(),
            )}:${p(d.getUTCSeconds())} ${z}`;
            expect(parseClfTime(s), s).toBe(t);
          }
        },
      ),
    );
  });

  it('counts days like Date.UTC', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(Date.UTC(2000, 2, 1) / 86_400_000);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
  });
});
