import { describe, expect, it } from 'vitest';
import { compileStrftimeTime } from '../../../src/parse/access/compile-strftime-time.ts';

const T = Date.UTC(2026, 10, 23, 20, 39, 56) / 1000;

describe('compileStrftimeTime', () => {
  it.each([
    ['%Y-%m-%dT%H:%M:%S%z', '2026-11-23T20:39:56+0000'],
    ['%d/%b/%Y:%T %z', '23/Nov/2026:20:39:56 +0000'],
    ['%F %T %z', '2026-11-23 21:39:56 +0100'],
    ['%a %b %e %H:%M:%S %Y %z', 'Mon Nov 23 20:39:56 2026 +0000'],
    ['%c %z', 'Mon Nov 23 20:39:56 2026 +0000'],
    ['%D %r %z', '11/23/26 08:39:56 PM +0000'],
    ['%Y %j %T %z', '2026 327 20:39:56 +0000'],
    ['%B %d, %Y %l:%M:%S %p %z', 'November 23, 2026  8:39:56 PM +0000'],
    ['%s', String(T)],
    ['[%d/%b/%Y %k:%M:%S %z] %%', '[23/Nov/2026 20:39:56 +0000] %'],
  ])('%s', (format, value) => {
    const c = compileStrftimeTime(format);
    expect(c.complete).toBe(true);
    expect(new RegExp(`^${c.pattern}$`).test(value)).toBe(true);
    expect(c.parse(value)).toBe(T);
  });

  it('reads %e with a leading space and midnight/noon in 12-hour time', () => {
    const c = compileStrftimeTime('%b %e %Y %I:%M:%S %p %z');
    expect(c.parse('Nov  3 2026 12:00:00 AM +0000')).toBe(Date.UTC(2026, 10, 3, 0, 0, 0) / 1000);
    expect(c.parse('Nov  3 2026 12:00:00 PM +0000')).toBe(Date.UTC(2026, 10, 3, 12, 0, 0) / 1000);
  });

  it('uses local time without %z', () => {
    const c = compileStrftimeTime('%Y-%m-%d %H:%M:%S');
    expect(c.parse('2026-11-23 20:39:56')).toBe(new Date(2026, 10, 23, 20, 39, 56).getTime() / 1000);
  });

  it('is incomplete without a date, and NaN for impossible values', () => {
    expect(compileStrftimeTime('%H:%M:%S').complete).toBe(false);
    const c = compileStrftimeTime('%Y-%m-%d %z');
    expect(c.parse('2026-13-01 +0000')).toBeNaN();
    expect(c.parse('2026-02-30 +0000')).toBeNaN();
    expect(c.parse('garbage')).toBeNaN();
  });

  it('treats an unknown conversion as literal text, like glibc', () => {
    const c = compileStrftimeTime('%Q %Y-%m-%d %z');
    expect(c.parse('%Q 2026-11-23 +0000')).toBe(Date.UTC(2026, 10, 23) / 1000);
  });
});
